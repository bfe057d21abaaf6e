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

function taskRow(id, onLog, onChange) {
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
    onChange(); // a started task is followed until it ends
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

/**
 * A face by its tag and description. No picture: the API serves no crops, stores data: URIs cut
 * short, and the page's policy loads no image from other sites.
 */
function faceCard(face, similarity) {
  return h('li', { class: 'face-card', dataset: { faceId: face.face_id } },
    h('strong', {}, face.tag || `face ${face.face_id}`), face.description ? h('div', {}, face.description) : null,
    h('small', {}, `face ${face.face_id}`, face.box ? ` · ${Math.round(face.box.width)}×${Math.round(face.box.height)} px` : ''),
    similarity !== undefined ? h('div', {}, h('span', { class: 'chip', dataset: { field: 'similarity' } }, `similarity ${similarity.toFixed(3)}`)) : null);
}

/** The groups, read again after each ingestion run; the chosen one's faces and search go to detail. */
async function groupsPart(target, detail, choose) {
  const answer = await optional(json('GET', '/v1/groups'));
  if (answer === null) return; // this node serves no group routes
  target.replaceChildren(h('h2', {}, 'Groups'), h('ul', { class: 'groups', id: 'face-groups' }, answer.groups.map(g =>
    h('li', {}, h('button', { class: 'link', dataset: { group: g.group_name }, onclick: () => { choose(g.group_name); openGroup(detail, g.group_name); } },
      g.group_name), ` (${g.face_num} faces)`))));
}

/** A page of the group's faces, with a button for the next one (the API pages by face id). */
async function facesPage(list, name, after = 0) {
  const { faces, next } = await json('GET', `/v1/groups/${encodeURIComponent(name)}/faces?limit=100&after=${after}`);
  list.append(...faces.map(f => faceCard(f)));
  if (next !== null) {
    const more = h('button', { class: 'link', onclick: () => { more.remove(); facesPage(list, name, next); } }, 'More faces');
    list.after(more);
  }
}

/** Every face found in the photo, the largest first, each with its matches in the group, best first. */
function searchResults(answer) {
  const area = f => (f.box ? f.box.width * f.box.height : 0);
  const found = [...answer.faces].sort((a, b) => area(b) - area(a));
  if (!found.length) return [h('p', {}, 'No face in that photo.')];
  return found.map((f, i) => h('section', { class: 'query-face' },
    h('h4', {}, `Face ${i + 1} of ${found.length} in the photo`),
    f.matches.length ? h('ol', { class: 'faces' }, f.matches.map(m => faceCard(m, m.similarity))) : h('p', {}, 'No similar face.')));
}

async function openGroup(target, name) {
  const results = h('div', { id: 'face-search-results' });
  const drop = h('div', { class: 'drop', id: 'face-drop', tabindex: 0 }, 'Drop a photo here to search this group (or ',
    h('input', { type: 'file', accept: 'image/*', onchange: e => search(e.target.files[0]) }), ')');
  drop.addEventListener('dragenter', e => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragover', e => e.preventDefault()); // without it the browser opens the file instead
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', e => { e.preventDefault(); drop.classList.remove('over'); search(e.dataTransfer.files[0]); });
  async function search(file) {
    if (!file) return;
    results.replaceChildren(h('p', {}, `Searching with ${file.name}…`));
    try {
      // the image is the body, as its own type (the route takes image/* and octet streams alike)
      const answer = await (await request('POST', `/v1/groups/${encodeURIComponent(name)}/search`,
        { body: file, headers: { 'content-type': file.type || 'application/octet-stream' } })).json();
      results.replaceChildren(h('p', { class: 'hint' }, `${answer.faces.length} faces in ${file.name}, searched (${answer.engine}) in ${answer.took_ms} ms`),
        ...searchResults(answer));
    } catch (e) {
      results.replaceChildren(h('p', { class: 'error' }, errorText(e)));
    }
  }
  const faces = h('ol', { class: 'faces', id: 'face-list' });
  target.replaceChildren(h('h3', {}, `Faces of ${name}`), faces, h('h3', {}, 'Search'), drop, results);
  await facesPage(faces, name);
}

const groupKey = () => `aips.faces.group.${uid()}`;

/** The ingestion tasks of one group (the seed's list is per group), their rows kept current while one runs. */
async function showTasks(target, group, log, onSettled) {
  const rows = h('tbody');
  target.replaceChildren(h('table', { class: 'grid', id: 'face-tasks' },
    h('thead', {}, h('tr', {}, ['Task', 'Group', 'State', 'Handled rows', 'Last error', ''].map(t => h('th', {}, t)))), rows));
  const { ids } = await json('POST', '/v1/tasks/list', { json: { group_name: group } });
  let timer = null;
  let stopped = false;
  const refresh = async () => {
    clearTimeout(timer);
    const states = await Promise.all(tasks.map(t => t.update().catch(() => 0)));
    if (stopped) return;
    if (states.includes(2)) timer = setTimeout(refresh, REFRESH_MILLIS); // only while one runs
    else onSettled(); // what a finished run stored shows in the groups
  };
  const tasks = ids.slice(-50).reverse().map(id => taskRow(id, id => showLog(log, id).catch(e => log.replaceChildren(errorText(e))), refresh));
  tasks.forEach(t => rows.append(t.row));
  if (!tasks.length) rows.append(h('tr', {}, h('td', { colspan: 6 }, `No ingestion task for group ${group}.`)));
  await refresh();
  return () => { stopped = true; clearTimeout(timer); };
}

export async function facesView(main) {
  const input = h('input', { id: 'face-group', placeholder: 'group name', value: localStorage.getItem(groupKey()) ?? '' });
  const tasks = h('div');
  const log = h('div');
  const groups = h('div');
  const detail = h('div', { id: 'face-group-detail' });
  const error = h('p', { class: 'error' });
  let stopTasks = null;
  const showGroups = () => groupsPart(groups, detail, name => { input.value = name; open(); })
    .catch(e => groups.replaceChildren(h('p', { class: 'error' }, errorText(e))));
  async function open(event) {
    event?.preventDefault();
    const group = input.value.trim();
    stopTasks?.();
    error.textContent = '';
    log.replaceChildren();
    if (!group) {
      showGroups();
      return;
    }
    localStorage.setItem(groupKey(), group);
    try {
      stopTasks = await showTasks(tasks, group, log, showGroups);
    } catch (e) {
      error.textContent = errorText(e);
    }
  }
  main.append(h('section', { class: 'card' }, h('h1', {}, 'Face groups'),
    h('p', { class: 'hint' }, 'Ingestion tasks are created through the API (POST /v1/tasks/create, see the API docs).'),
    h('h2', {}, 'Ingestion tasks'),
    h('form', { class: 'inline', onsubmit: open }, input, h('button', { type: 'submit', id: 'show-group' }, 'Show')),
    error, tasks, log, groups, detail));
  await open();
  return () => stopTasks?.();
}
