// The campaign editor's live preview: a moment after the definition (or the chosen profile) changes, posts it unsaved
// and shows each variant's offer as shoppers would get it, the first problem with its line, and the profile's verdict.
(() => {
  const editor = document.getElementById('campaign-definition');
  const who = document.getElementById('campaign-who');
  const target = document.getElementById('campaign-preview');
  const problem = document.getElementById('campaign-preview-problem');
  const verdict = document.getElementById('campaign-verdict');
  if (!editor || !target) return;
  const token = document.querySelector('#campaign-form input[name="__RequestVerificationToken"]').value;
  let timer = 0;
  let asked = 0;
  const refresh = async () => {
    const mine = ++asked;
    const body = new URLSearchParams({ definition: editor.value, who: who.value, __RequestVerificationToken: token });
    const answer = await fetch(editor.dataset.preview, { method: 'POST', body, credentials: 'same-origin' }).then((r) => r.json()).catch(() => null);
    if (mine !== asked || !answer) return;
    problem.hidden = !answer.problem;
    problem.textContent = answer.problem ? `Line ${answer.line}: ${answer.problem}` : '';
    verdict.textContent = answer.verdict || '';
    target.replaceChildren(...answer.arms.map((arm) => {
      const figure = document.createElement('figure');
      figure.dataset.variant = arm.name;
      const caption = document.createElement('figcaption');
      caption.textContent = `Variant ${arm.name} in ${answer.slot}`;
      const frame = document.createElement('div');
      frame.innerHTML = arm.html; // the server's markup: encoded values and a sanitized body
      frame.querySelectorAll('.nopsegments-popup, .nopsegments-top-bar').forEach((box) => { box.style.position = 'static'; box.style.transform = 'none'; });
      figure.append(caption, frame);
      return figure;
    }));
    target.dataset.ready = 'true';
  };
  const later = () => { clearTimeout(timer); timer = setTimeout(refresh, 300); };
  editor.addEventListener('input', later);
  who.addEventListener('input', later);
  refresh();
})();
