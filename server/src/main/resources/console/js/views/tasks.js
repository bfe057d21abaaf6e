// The tasks submitted from this browser (the API has no list of a user's tasks), with their state.
import { h, time, percent, errorText } from '../dom.js';
import { core } from '../api.js';
import { recentTasks, forgetTask } from '../session.js';

export async function tasksView(main) {
  const rows = h('tbody');
  main.append(h('section', { class: 'card' },
    h('h1', {}, 'My tasks'),
    h('p', { class: 'hint' }, 'Tasks submitted from this browser. Open one to follow it live.'),
    h('table', { class: 'grid' },
      h('thead', {}, h('tr', {}, ['Task', 'Type', 'Submitted', 'Status', 'Progress', ''].map(t => h('th', {}, t)))), rows)));
  const tasks = recentTasks();
  if (!tasks.length) rows.append(h('tr', {}, h('td', { colspan: 6 }, 'None yet: ', h('a', { href: '#/submit' }, 'submit one'), '.')));
  await Promise.all(tasks.map(async task => {
    const status = h('td', {}, '…');
    const progress = h('td', {}, '');
    const row = h('tr', {},
      h('td', {}, h('a', { href: `#/task/${task.queryCode}` }, h('code', {}, task.queryCode.slice(0, 12) + '…'))),
      h('td', {}, task.taskType), h('td', {}, time(task.submittedAt)), status, progress,
      h('td', {}, h('button', { class: 'link', onclick: () => { forgetTask(task.queryCode); row.remove(); } }, 'Forget')));
    rows.append(row);
    try {
      const state = await core('GET', `/api/query-task/${task.queryCode}`);
      status.append(h('span', { class: 'badge', dataset: { status: state.overdue ? 'overdue' : state.status } }, state.overdue ? 'overdue' : state.status));
      status.firstChild.remove();
      progress.textContent = state.overdue ? '' : percent(state.proccessing);
    } catch (e) {
      status.textContent = errorText(e);
    }
  }));
}
