// NopSegments segment editor: counts, samples and errors as the merchandiser types. Without it the Preview button does
// the same through the form.
(() => {
  const form = document.querySelector('form[data-live-preview]');
  if (!form) return;
  const query = form.elements.namedItem('query');
  const token = form.elements.namedItem('__RequestVerificationToken').value;
  const original = form.elements.namedItem('original').value || null;
  const problem = form.querySelector('[data-problem]');
  const preview = document.querySelector('[data-preview]');
  const profiles = form.getAttribute('action').replace(/\/segments$/, '/profiles?q=');
  let timer = 0;
  let latest = 0;

  const element = (tag, text, attributes = {}) => {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    return node;
  };
  const keys = (title, items) => {
    const part = document.createDocumentFragment();
    part.append(element('h3', title));
    if (items.length === 0) { part.append(element('p', 'none', { class: 'ns-muted' })); return part; }
    const list = element('ul', undefined, { class: 'ns-keys' });
    for (const key of items) {
      const item = element('li');
      item.append(element('a', key, { href: profiles + encodeURIComponent(key) }));
      list.append(item);
    }
    part.append(list);
    return part;
  };
  const showProblem = (body) => {
    problem.hidden = false;
    problem.replaceChildren(body.message);
    if (body.line) {
      const line = query.value.split('\n')[body.line - 1] ?? '';
      problem.append(element('pre', `${line}\n${' '.repeat(Math.max(0, (body.column ?? 1) - 1))}^`));
    }
  };
  const showPreview = (body) => {
    problem.hidden = true;
    const count = element('p');
    count.append(element('strong', body.count.toLocaleString('en'), { 'data-count': '' }), ` profile${body.count === 1 ? '' : 's'} match now.`);
    preview.replaceChildren(element('h2', 'Preview'), count);
    if (body.profileByProfile) {
      preview.append(element('p', `Evaluated profile by profile (${body.profileByProfile}): slower on a large store.`,
        { class: 'ns-note', 'data-profile-by-profile': '' }));
    }
    preview.append(keys('Sample', body.sample));
    if (original) {
      preview.append(keys(`Would enter: ${body.entering.toLocaleString('en')}`, body.enteringSample),
        keys(`Would leave: ${body.leaving.toLocaleString('en')}`, body.leavingSample));
    }
  };

  let inFlight = null;
  const run = async () => {
    const mine = ++latest;
    // A newer keystroke's preview replaces the one still running: the store stops evaluating it.
    inFlight?.abort();
    inFlight = null;
    if (query.value.trim() === '') return;
    const request = new AbortController();
    inFlight = request;
    preview.setAttribute('aria-busy', 'true');
    try {
      const response = await fetch(form.dataset.livePreview, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', RequestVerificationToken: token },
        body: JSON.stringify({ query: query.value, slug: original }),
        signal: request.signal,
      });
      const body = await response.json();
      if (mine !== latest) return; // a later keystroke's answer is on its way
      if (response.ok) showPreview(body); else showProblem(body);
    } catch (error) {
      if (error?.name === 'AbortError') return;
      if (mine === latest) showProblem({ message: 'The preview could not reach the store; the Preview button still works.' });
    } finally {
      if (mine === latest) preview.removeAttribute('aria-busy');
    }
  };
  query.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(run, 350); });
})();
