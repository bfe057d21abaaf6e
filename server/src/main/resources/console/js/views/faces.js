// Face groups (the faceingest plugin under /v1, docs/face-ingest.md): ingestion tasks with their
// handled rows (read again every 2 s while one runs), their logs, the groups, a group's faces and a
// search by dropping a photo. Parts whose routes this node does not serve (404) stay hidden.
import { h, percent, errorText } from '../dom.js';
import { json, request } from '../api.js';
import { uid } from '../session.js';

const STATES = { 1: 'created', 2: 'running', 3: 'stopped', 4: 'finished' };
const REFRESH_MILLIS = 2000;

async function optional(promise) {
  try {
    return await promise;
  } catch (e) {
    if (e.status === 404) return null; // not served by this node: hide that part
    throw e;
  }
}

function taskRow(id, onLog) {
  const row = h('tr', { dataset: { task: id } });
  async function update() {
    const d = await json('GET', `/v1/tasks/${id}/detail`);
    const fraction = d.total_num ? d.handled_num / d.total_num : 0;
    row.replaceChildren(
      h('td', {}, h('code', {}, id)), h('td', {}, d.group_name),
      h('td', {}, h('span', { class: 'badge', dataset: { status: STATES[d.state] } }, STATES[d.state] ?? String(d.state))),
      h('td', {}, h('progress', { max: 1, value: fraction }), ' ',
        h('span', { dataset: { field: 'handled' } }, `${d.handled_num} / ${d.total_num}`), ` (${percent(fraction)})`),
      h('td', {}, d.last_error ?? ''),
      h('td', {},
        d.state === 2 ? h('button', { class: 'link', onclick: () => act('stop') }, 'Stop')
          : d.state !== 4 ? h('button', { class: 'link', onclick: () => act('start') }, 'Start') : null,
        h('button', { class: 'link', onclick: () => onLog(id) }, 'Log')));
    return d.state;
  }
  async function act(what) {
    await json('GET', `/v1/tasks/${id}/${what}`).catch(() => null);
    await update();
  }
  return { row, update };
}

async function showLog(target, id) {
  const { logs } = await json('GET', `/v1/tasks/${id}/log?offset=0&limit=200`);
  target.replaceChildren(h('h2', {}, `Log of ${id}`),
    logs.length ? h('table', { class: 'grid' },
      h('thead', {}, h('tr', {}, ['URI', 'Code', 'Message'].map(t => h('th', {}, t)))),
      h('tbody', {}, logs.map(l => h('tr', {}, h('td', { class: 'uri' }, l.uri), h('td', {}, String(l.code)), h('td', {}, l.message)))))
      : h('p', {}, 'No rows logged: every handled row was stored.'));
}

function list(answer, key) {
  return Array.isArray(answer) ? answer : answer?.[key] ?? [];
}

function faceCard(face) {
  const label = face.tag || face.id || face.faceId || '';
  const score = face.similarity ?? face.score;
  return h('li', { class: 'face' }, h('strong', {}, String(label)), face.description ? ` ${face.description}` : '',
    score !== undefined ? h('span', { class: 'chip' }, `similarity ${Number(score).toFixed(3)}`) : null);
}

async function groupsPart(target, choose) {
  const groups = await optional(json('GET', '/v1/groups'));
  if (groups === null) return; // this node serves no group routes
  const detail = h('div');
  target.append(h('h2', {}, 'Groups'), h('ul', { class: 'groups' }, list(groups, 'groups').map(g => {
    const name = typeof g === 'string' ? g : g.name ?? g.group_name;
    const count = typeof g === 'string' ? '' : ` (${g.faces ?? g.count ?? g.size ?? '?'} faces)`;
    return h('li', {}, h('button', { class: 'link', onclick: () => { choose(name); openGroup(detail, name); } }, name), count);
  })), detail);
}

async function openGroup(target, name) {
  const results = h('ol', { class: 'faces' });
  const drop = h('div', { class: 'drop', tabindex: 0 }, 'Drop a photo here to search this group (or ',
    h('input', { type: 'file', accept: 'image/*', onchange: e => search(e.target.files[0]) }), ')');
  drop.addEventListener('dragover', e => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', e => { e.preventDefault(); drop.classList.remove('over'); search(e.dataTransfer.files[0]); });
  async function search(file) {
    if (!file) return;
    try {
      const answer = await (await request('POST', `/v1/groups/${encodeURIComponent(name)}/search`,
        { body: file, headers: { 'content-type': 'application/octet-stream' } })).json();
      results.replaceChildren(...list(answer, answer.matches ? 'matches' : 'results').map(faceCard));
      if (!results.childElementCount) results.append(h('li', {}, 'No similar face.'));
    } catch (e) {
      results.replaceChildren(h('li', { class: 'error' }, errorText(e)));
    }
  }
  const faces = await optional(json('GET', `/v1/groups/${encodeURIComponent(name)}/faces`));
  // search is served with the groups it searches (a node that lists groups can search them)
  target.replaceChildren(h('h3', {}, `Group ${name}`),
    faces === null ? null : h('ul', { class: 'faces' }, list(faces, 'faces').map(faceCard)),
    h('h3', {}, 'Search'), drop, results);
}

const groupKey = () => `aips.faces.group.${uid()}`;

/** The ingestion tasks of one group (the seed's list is per group), their rows kept current while one runs. */
async function showTasks(target, group, log) {
  const rows = h('tbody');
  target.replaceChildren(h('table', { class: 'grid', id: 'face-tasks' },
    h('thead', {}, h('tr', {}, ['Task', 'Group', 'State', 'Handled rows', 'Last error', ''].map(t => h('th', {}, t)))), rows));
  const { ids } = await json('POST', '/v1/tasks/list', { json: { group_name: group } });
  const tasks = ids.slice(-50).reverse().map(id => taskRow(id, id => showLog(log, id).catch(e => log.replaceChildren(errorText(e)))));
  tasks.forEach(t => rows.append(t.row));
  if (!tasks.length) rows.append(h('tr', {}, h('td', { colspan: 6 }, `No ingestion task for group ${group}.`)));
  let timer = null;
  let stopped = false;
  const refresh = async () => {
    const states = await Promise.all(tasks.map(t => t.update().catch(() => 0)));
    if (!stopped && states.includes(2)) timer = setTimeout(refresh, REFRESH_MILLIS); // only while one runs
  };
  await refresh();
  return () => { stopped = true; clearTimeout(timer); };
}

export async function facesView(main) {
  const input = h('input', { id: 'face-group', placeholder: 'group name', value: localStorage.getItem(groupKey()) ?? '' });
  const tasks = h('div');
  const log = h('div');
  const groups = h('div');
  const error = h('p', { class: 'error' });
  let stopTasks = null;
  async function open(event) {
    event?.preventDefault();
    const group = input.value.trim();
    stopTasks?.();
    error.textContent = '';
    log.replaceChildren();
    if (!group) return;
    localStorage.setItem(groupKey(), group);
    try {
      stopTasks = await showTasks(tasks, group, log);
    } catch (e) {
      error.textContent = errorText(e);
    }
  }
  main.append(h('section', { class: 'card' }, h('h1', {}, 'Face groups'),
    h('p', { class: 'hint' }, 'Ingestion tasks are created through the API (POST /v1/tasks/create, see the API docs).'),
    groups,
    h('h2', {}, 'Ingestion tasks'),
    h('form', { class: 'inline', onsubmit: open }, input, h('button', { type: 'submit', id: 'show-group' }, 'Show')),
    error, tasks, log));
  groupsPart(groups, name => { input.value = name; open(); }).catch(e => groups.replaceChildren(h('p', { class: 'error' }, errorText(e))));
  await open();
  return () => stopTasks?.();
}
