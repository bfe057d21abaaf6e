// Submit a task: FastStyle and DeepPaint (two images), or any type a node runs (with params as JSON).
import { h, errorText, readAsDataUrl } from '../dom.js';
import { core } from '../api.js';
import { rememberTask } from '../session.js';

const IMAGES = [
  ['contentImage', 'Content image', 'the photo to paint'],
  ['styleImage', 'Style image', 'the painting whose style is copied'],
];

function imagePicker(name, label, hint) {
  const preview = h('img', { class: 'preview', alt: '', hidden: true });
  const input = h('input', { type: 'file', id: name, name, accept: 'image/*', onchange: () => {
    const file = input.files[0];
    if (preview.src) URL.revokeObjectURL(preview.src);
    preview.hidden = !file;
    if (file) preview.src = URL.createObjectURL(file);
  } });
  return h('div', { class: 'picker', dataset: { input: name } }, h('label', { for: name }, label, h('small', {}, hint)), input, preview);
}

function numberField(name, label, attrs, hint) {
  return h('div', { class: 'field' }, h('label', { for: name }, label), h('input', { type: 'number', id: name, name, ...attrs }),
    h('small', {}, hint));
}

export async function submitView(main, preselected) {
  let types = [];
  try {
    types = (await core('GET', '/api/queue')).types.filter(t => t.nodes > 0);
  } catch (e) {
    main.append(h('p', { class: 'error' }, errorText(e)));
  }
  const names = types.map(t => t.name);
  const chosen = preselected ?? (names.includes('FastStyle') ? 'FastStyle' : names[0]);
  const typeSelect = h('select', { id: 'taskType', name: 'taskType' },
    names.map(n => h('option', { value: n, selected: n === chosen }, n)));
  const quality = h('input', { type: 'range', id: 'quality', name: 'quality', min: 0, max: 100, value: 80 });
  const qualityShown = h('output', { for: 'quality' }, '80');
  quality.addEventListener('input', () => { qualityShown.value = quality.value; });
  const params = h('textarea', { id: 'params', name: 'params', rows: 4, spellcheck: 'false' }, '{}');
  const schema = h('pre', { class: 'schema' });
  const error = h('p', { class: 'error', role: 'alert' });
  const button = h('button', { type: 'submit', id: 'submit-task' }, 'Submit');
  const pickers = IMAGES.map(([name, label, hint]) => imagePicker(name, label, hint));

  function showType() {
    const type = types.find(t => t.name === typeSelect.value);
    const required = new Set(type?.requiredInputs ?? []);
    // the style types need both images; other types may still send any image they use
    pickers.forEach(p => p.classList.toggle('required', required.has(p.dataset.input)));
    const properties = type?.paramsSchema?.properties;
    schema.textContent = properties && Object.keys(properties).length
      ? `params schema: ${JSON.stringify(type.paramsSchema, null, 1)}` : 'This type takes no params.';
  }
  typeSelect.addEventListener('change', showType);

  async function submit(event) {
    event.preventDefault();
    error.textContent = '';
    const form = new FormData(event.target);
    const body = { taskType: typeSelect.value, quality: Number(quality.value) };
    for (const field of ['vip', 'keepSeconds', 'demandVisitTimes']) {
      if (form.get(field) !== '') body[field] = Number(form.get(field));
    }
    try {
      const parsed = JSON.parse(params.value || '{}');
      if (Object.keys(parsed).length) body.params = parsed;
    } catch {
      error.textContent = 'params is not valid JSON.';
      return;
    }
    button.disabled = true;
    try {
      for (const [name] of IMAGES) {
        const file = form.get(name);
        if (file && file.size) body[name] = await readAsDataUrl(file); // the API takes data URLs as base64
      }
      const answer = await core('POST', '/api/task', { json: body });
      rememberTask(answer.queryCode, body.taskType);
      location.hash = `#/task/${answer.queryCode}`;
    } catch (e) {
      error.textContent = errorText(e);
    } finally {
      button.disabled = false;
    }
  }

  main.append(h('section', { class: 'card' },
    h('h1', {}, 'Submit a task'),
    names.length ? null : h('p', { class: 'error' }, 'No executor node is up: no task type can be submitted now.'),
    h('form', { id: 'submit-form', onsubmit: submit },
      h('div', { class: 'field' }, h('label', { for: 'taskType' }, 'Task type'), typeSelect),
      h('div', { class: 'pickers' }, pickers),
      h('div', { class: 'field' }, h('label', { for: 'quality' }, 'Quality ', qualityShown), quality,
        h('small', {}, 'FastStyle and DeepPaint paint larger and longer at higher quality.')),
      h('div', { class: 'row' },
        numberField('vip', 'VIP level', { min: 0, max: 100, placeholder: '0' }, 'moves the task ahead by a bounded amount'),
        numberField('keepSeconds', 'Keep the result (s)', { min: 1, placeholder: '86400' }, 'after it finishes'),
        numberField('demandVisitTimes', 'Downloads allowed', { min: 1, placeholder: '100' }, 'each fetch of the result counts')),
      h('details', {}, h('summary', {}, 'Params (JSON)'), params, schema),
      button),
    error));
  showType();
}
