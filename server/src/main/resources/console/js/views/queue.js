// The queue at a glance: waiting and running per type, the executor nodes and what they run.
// Read again every few seconds while the tab is visible (a summary, not a per-task stream).
import { h, time, errorText } from '../dom.js';
import { core } from '../api.js';

const REFRESH_MILLIS = 3000;

function typesTable(types) {
  return h('table', { class: 'grid', id: 'queue-types' },
    h('thead', {}, h('tr', {}, ['Task type', 'Waiting', 'Running', 'Nodes', 'Concurrency'].map(t => h('th', {}, t)))),
    h('tbody', {}, types.map(t => h('tr', { dataset: { type: t.name } },
      h('td', {}, t.name), h('td', { class: 'num', dataset: { field: 'waiting' } }, String(t.waiting)),
      h('td', { class: 'num', dataset: { field: 'running' } }, String(t.running)),
      h('td', { class: 'num' }, t.nodes ? String(t.nodes) : h('span', { class: 'warn' }, 'none')),
      h('td', { class: 'num' }, String(t.concurrency))))));
}

function nodesTable(nodes) {
  if (!nodes.length) return h('p', { class: 'warn' }, 'No executor node has announced itself.');
  return h('table', { class: 'grid', id: 'queue-nodes' },
    h('thead', {}, h('tr', {}, ['Node', 'Runs now', 'Task types (running / concurrency)'].map(t => h('th', {}, t)))),
    h('tbody', {}, nodes.map(n => h('tr', {},
      h('td', {}, h('code', {}, n.node)),
      h('td', { class: 'num' }, String(n.types.reduce((sum, t) => sum + t.running, 0))),
      h('td', {}, n.types.map(t => h('span', { class: t.running ? 'chip busy' : 'chip' }, `${t.name} ${t.running}/${t.concurrency}`)))))));
}

export function queueView(main) {
  const body = h('div', {}, 'Loading…');
  const stamp = h('p', { class: 'hint' });
  main.append(h('section', { class: 'card' }, h('h1', {}, 'Queue'), stamp, body));
  let timer = null;
  let left = false;
  async function load() {
    if (left) return;
    try {
      const queue = await core('GET', '/api/queue');
      const waiting = queue.types.reduce((sum, t) => sum + t.waiting, 0);
      const running = queue.types.reduce((sum, t) => sum + t.running, 0);
      body.replaceChildren(
        h('p', { class: 'totals' }, h('strong', { dataset: { field: 'total-waiting' } }, String(waiting)), ' waiting, ',
          h('strong', { dataset: { field: 'total-running' } }, String(running)), ' running'),
        typesTable(queue.types), h('h2', {}, 'Executor nodes'), nodesTable(queue.nodes));
      stamp.textContent = `As of ${time(queue.at)}; refreshed every ${REFRESH_MILLIS / 1000} s while this tab is visible.`;
    } catch (e) {
      body.replaceChildren(h('p', { class: 'error' }, errorText(e)));
    }
    timer = setTimeout(() => (document.hidden ? document.addEventListener('visibilitychange', load, { once: true }) : load()),
      REFRESH_MILLIS);
  }
  load();
  return () => {
    left = true;
    clearTimeout(timer);
    document.removeEventListener('visibilitychange', load);
  };
}
