// NopSegments segment editor: counts, samples and errors as the merchandiser types, in the code editor and the visual
// builder when their scripts loaded. Without it the Preview button does the same through the form.
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
  let editor = null;
  let builder = null;

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
  // A query the store cannot read cannot be saved: the button waits until the text parses again.
  const save = form.querySelector('button[value=save]');
  const showProblem = (body) => {
    editor?.showProblem(body);
    if (save) save.disabled = Boolean(body.line);
    problem.hidden = false;
    problem.replaceChildren(body.message);
    if (body.line) {
      const line = query.value.split('\n')[body.line - 1] ?? '';
      problem.append(element('pre', `${line}\n${' '.repeat(Math.max(0, (body.column ?? 1) - 1))}^`));
    }
  };
  const showPreview = (body) => {
    editor?.showProblem(null);
    if (save) save.disabled = false;
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

  // A preview past its answer time goes on in the store: say so, and ask again until the count comes.
  const settle = async (response, body, mine) => {
    if (response.status !== 202) {
      if (response.ok) showPreview(body); else showProblem(body);
      return;
    }
    preview.replaceChildren(element('h2', 'Preview'), element('p', body.message, { class: 'ns-note', 'data-pending': '' }));
    await new Promise((resolve) => { setTimeout(resolve, 500); });
    if (mine !== latest) return;
    const again = await fetch(`${form.dataset.livePreview}/${encodeURIComponent(body.pending)}`);
    const answer = await again.json();
    if (mine === latest) await settle(again, answer, mine);
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
      await settle(response, body, mine);
    } catch (error) {
      if (error?.name === 'AbortError') return;
      if (mine === latest) showProblem({ message: 'The preview could not reach the store; the Preview button still works.' });
    } finally {
      if (mine === latest) preview.removeAttribute('aria-busy');
    }
  };
  // The builder redraws from the text's outline, except when the builder itself wrote the text.
  let outlineTimer = 0;
  let fromBuilder = false;
  let outlined = 0;
  const outline = async () => {
    if (!builder) return;
    const mine = ++outlined;
    if (query.value.trim() === '') { builder.show({ join: 'and', negated: false, items: [] }, null); return; }
    try {
      const response = await fetch(form.dataset.outline, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query: query.value }),
      });
      const body = await response.json();
      if (mine !== outlined) return;
      if (!response.ok) builder.show(null, 'The builder shows the last query that parsed; fix the text to edit it here again.');
      else builder.show(body.notShown ? null : body.root, body.notShown ? `The builder cannot show this query: ${body.notShown}.` : null);
    } catch {
      if (mine === outlined) builder.show(null, 'The builder could not reach the store.');
    }
  };
  query.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(run, 350);
    if (fromBuilder) { fromBuilder = false; return; }
    clearTimeout(outlineTimer);
    outlineTimer = setTimeout(outline, 400);
  });

  const start = async () => {
    // The editor replaces the textarea at once; names and the store's values follow when they come.
    if (window.NopSegmentsQueryEditor) editor = window.NopSegmentsQueryEditor.attach(query, {});
    let vocabulary = { attributes: [], events: [], keywords: [], values: {}, segments: [] };
    try {
      const response = await fetch(form.dataset.vocabulary);
      if (response.ok) vocabulary = await response.json();
    } catch { /* the editor still works without completion */ }
    editor?.setVocabulary(vocabulary);
    const host = form.querySelector('[data-builder]');
    if (window.NopSegmentsBuilder && host) {
      builder = window.NopSegmentsBuilder.create(host, vocabulary, (text) => {
        fromBuilder = true;
        if (editor) editor.setText(text);
        else { query.value = text; query.dispatchEvent(new Event('input')); }
        fromBuilder = false;
      });
      host.hidden = false;
      await outline();
    }
    if (query.value.trim() !== '' && !document.querySelector('[data-preview] [data-count]')) run();
  };
  start();
})();
