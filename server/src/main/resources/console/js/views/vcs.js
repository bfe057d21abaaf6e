// Video compute tasks (the vcs plugin under /vcs, docs/vcs.md): their status and devices, and the
// events found, on a timeline per model and as thumbnails with the box drawn where it was in the frame.
// The seed's API has no list of tasks, so the console remembers the task ids you open.
import { h, time, percent, errorText } from '../dom.js';
import { vcs, objectUrl } from '../api.js';
import { uid } from '../session.js';

const MODELS = ['face', 'body', 'motor', 'no_motor'];
const SVG = 'http://www.w3.org/2000/svg';
const THUMBNAILS = 60;

function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  Object.entries(attrs).forEach(([k, v]) => el.setAttribute(k, v));
  el.append(...children);
  return el;
}

const storeKey = () => `aips.vcs.${uid()}`;
const knownIds = () => JSON.parse(localStorage.getItem(storeKey()) ?? '[]');

/** Events of one model packed into rows, each in the first row free by its start: tracks at the same time stay apart. */
function packRows(events) {
  const ends = [];
  return [...events].sort((a, b) => a.startTime - b.startTime).map(e => {
    let row = ends.findIndex(end => end < e.startTime);
    if (row < 0) row = ends.push(0) - 1;
    ends[row] = e.endTime;
    return { e, row };
  });
}

function timeline(events) {
  const start = Math.min(...events.map(e => e.startTime));
  const end = Math.max(...events.map(e => e.endTime), start + 1);
  const width = 900;
  const bar = 10;
  const x = t => 110 + ((t - start) / (end - start)) * (width - 120);
  const chart = svg('svg', { class: 'timeline', role: 'img', 'aria-label': 'events per model over time' });
  let y = 4;
  for (const model of MODELS) {
    const placed = packRows(events.filter(e => e.model === model));
    chart.append(svg('text', { x: 4, y: y + 11, class: 'lane' }, model));
    placed.forEach(({ e, row }) => chart.append(svg('rect', {
      x: x(e.startTime), y: y + row * (bar + 2), width: Math.max(2, x(e.endTime) - x(e.startTime)), height: bar, class: `event ${model}`,
    }, svg('title', {}, `${model} track ${e.trackId}: ${time(e.startTime)} – ${time(e.endTime)}, score ${e.score.toFixed(2)}`))));
    y += Math.max(1, ...placed.map(p => p.row + 1)) * (bar + 2) + 8;
  }
  chart.append(svg('text', { x: 110, y: y + 10, class: 'axis' }, new Date(start).toLocaleTimeString()),
    svg('text', { x: width - 10, y: y + 10, class: 'axis', 'text-anchor': 'end' }, new Date(end).toLocaleTimeString()));
  chart.setAttribute('viewBox', `0 0 ${width} ${y + 16}`);
  return chart;
}

/** The thumbnail, and beside it the frame (as far as the events reach into it) with the event's box drawn. */
function eventCard(taskId, e, frame) {
  const image = h('img', { alt: `${e.model} ${e.trackId}`, class: 'thumb' });
  const path = e.thumbnailUrl?.startsWith('/') ? e.thumbnailUrl : `/vcs/console/task/thumbnail/${taskId}/${e.eventId}`;
  objectUrl(path).then(url => { image.src = url; }, () => { image.alt = 'no thumbnail'; });
  const map = svg('svg', { viewBox: `0 0 ${frame.width} ${frame.height}`, class: 'frame' },
    svg('rect', { x: 0, y: 0, width: frame.width, height: frame.height, class: 'frame-area' }),
    svg('rect', { x: e.box.x, y: e.box.y, width: e.box.width, height: e.box.height, class: `box ${e.model}` }));
  return h('figure', { class: 'event-card' }, image, map,
    h('figcaption', {}, `${e.model} #${e.trackId} · ${new Date(e.bestTime).toLocaleTimeString()} · ${e.score.toFixed(2)}`
      + (e.identity ? ` · ${e.identity.tag} (${e.identity.similarity.toFixed(2)})` : '')));
}

async function showResults(target, taskId) {
  target.replaceChildren(h('p', {}, 'Loading events…'));
  const page = await vcs('/console/task/getComputeTaskResults', { taskId, pageSize: 500 });
  const events = page.results;
  if (!events.length) {
    target.replaceChildren(h('p', {}, 'No events yet.'));
    return;
  }
  const frame = {
    width: Math.max(...events.map(e => e.box.x + e.box.width)),
    height: Math.max(...events.map(e => e.box.y + e.box.height)),
  };
  target.replaceChildren(h('h2', { dataset: { total: page.total } }, `${page.total} events`), timeline(events),
    h('div', { class: 'event-cards' }, events.slice(0, THUMBNAILS).map(e => eventCard(taskId, e, frame))),
    events.length > THUMBNAILS ? h('p', { class: 'hint' }, `First ${THUMBNAILS} shown; export all through the API.`) : '');
}

export async function vcsView(main) {
  const input = h('input', { id: 'vcs-task-ids', placeholder: 'task ids, comma-separated', value: knownIds().join(', ') });
  const rows = h('tbody');
  const results = h('div', { id: 'vcs-events' });
  const error = h('p', { class: 'error' });
  async function load(event) {
    event?.preventDefault();
    const ids = input.value.split(',').map(s => s.trim()).filter(Boolean);
    localStorage.setItem(storeKey(), JSON.stringify(ids));
    rows.replaceChildren();
    error.textContent = '';
    if (!ids.length) return;
    try {
      for (const task of await vcs('/console/task/getComputeTasks', { taskIds: ids })) {
        rows.append(h('tr', { dataset: { task: task.taskId } },
          h('td', {}, task.name), h('td', {}, h('code', {}, task.taskId)),
          h('td', {}, h('span', { class: 'badge', dataset: { status: task.taskStatus.toLowerCase() } }, task.taskStatus)),
          h('td', {}, h('progress', { max: 1, value: task.progress ?? 0 }), ' ', h('span', { dataset: { field: 'progress' } }, percent(task.progress))),
          h('td', {}, task.devices.map(d => h('div', {}, `${d.deviceId}: ${d.state} ${percent(d.progress)}${d.error ? ` — ${d.error}` : ''}`))),
          h('td', {}, h('button', { class: 'link', onclick: () => showResults(results, task.taskId).catch(e => results.replaceChildren(errorText(e))) }, 'Events'))));
      }
    } catch (e) {
      error.textContent = errorText(e);
    }
  }
  main.append(h('section', { class: 'card' }, h('h1', {}, 'Video analysis'),
    h('p', { class: 'hint' }, 'Compute tasks are created by the SPS client or through the API (see the API docs); open them by id.'),
    h('form', { class: 'inline', onsubmit: load }, input, h('button', { type: 'submit', id: 'vcs-show' }, 'Show')),
    error,
    h('table', { class: 'grid', id: 'vcs-tasks' }, h('thead', {}, h('tr', {}, ['Name', 'Task id', 'Status', 'Progress', 'Devices', ''].map(t => h('th', {}, t)))), rows),
    results));
  await load();
}
