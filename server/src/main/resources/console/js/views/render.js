// Render tasks (the rayvision plugin's Render type): their progress is the farm's frame progress
// ((done + failed + abandoned frames) / total frames). Submitting one needs its params (docs/rayvision.md).
import { h, percent, time, errorText } from '../dom.js';
import { core } from '../api.js';
import { recentTasks } from '../session.js';

export async function renderView(main) {
  const rows = h('tbody');
  main.append(h('section', { class: 'card' },
    h('h1', {}, 'Render tasks'),
    h('p', {}, 'Render jobs run on the Renderbus farm. ', h('a', { href: '#/submit/Render' }, 'Submit one'),
      ' with its params (see docs/rayvision.md); progress is the share of frames the farm has finished.'),
    h('table', { class: 'grid' },
      h('thead', {}, h('tr', {}, ['Task', 'Submitted', 'Status', 'Frames finished', 'Error'].map(t => h('th', {}, t)))), rows)));
  const renders = recentTasks().filter(t => t.taskType === 'Render');
  if (!renders.length) rows.append(h('tr', {}, h('td', { colspan: 5 }, 'No Render task submitted from this browser.')));
  for (const task of renders) {
    const cells = [h('td', {}, '…'), h('td', {}), h('td', {})];
    rows.append(h('tr', {}, h('td', {}, h('a', { href: `#/task/${task.queryCode}` }, h('code', {}, task.queryCode.slice(0, 12) + '…'))),
      h('td', {}, time(task.submittedAt)), ...cells));
    core('GET', `/api/query-task/${task.queryCode}`).then(state => {
      cells[0].textContent = state.overdue ? 'overdue' : state.status;
      cells[1].replaceChildren(h('progress', { max: 1, value: state.proccessing ?? 0 }), ' ', percent(state.proccessing));
      cells[2].textContent = state.error ?? '';
    }, e => { cells[0].textContent = errorText(e); });
  }
}
