// Render tasks (the rayvision plugin's Render type): their progress is the farm's frame progress
// ((done + failed + abandoned frames) / total frames). Submitting one needs its params (docs/rayvision.md).
// Each row follows its task live through the watch stream, which ends with the task's final state.
import { h, percent, time, errorText } from '../dom.js';
import { recentTasks } from '../session.js';
import { watchTask } from '../watch.js';

export async function renderView(main) {
  const rows = h('tbody');
  main.append(h('section', { class: 'card' },
    h('h1', {}, 'Render tasks'),
    h('p', {}, 'Render jobs run on the Renderbus farm. ', h('a', { href: '#/submit/Render' }, 'Submit one'),
      ' with its params (see docs/rayvision.md); progress is the share of frames the farm has finished.'),
    h('table', { class: 'grid', id: 'render-tasks' },
      h('thead', {}, h('tr', {}, ['Task', 'Submitted', 'Status', 'Frames finished', 'Error'].map(t => h('th', {}, t)))), rows)));
  const renders = recentTasks().filter(t => t.taskType === 'Render');
  if (!renders.length) rows.append(h('tr', {}, h('td', { colspan: 5 }, 'No Render task submitted from this browser.')));
  const stops = renders.map(task => {
    const status = h('span', { class: 'badge', dataset: { field: 'status' } }, '…');
    const bar = h('progress', { max: 1, value: 0 });
    const frames = h('span', { dataset: { field: 'frames' } }, '');
    const error = h('td', {});
    rows.append(h('tr', { dataset: { task: task.queryCode } },
      h('td', {}, h('a', { href: `#/task/${task.queryCode}` }, h('code', {}, task.queryCode.slice(0, 12) + '…'))),
      h('td', {}, time(task.submittedAt)), h('td', {}, status), h('td', {}, bar, ' ', frames), error));
    return watchTask(task.queryCode, {
      state: state => {
        status.textContent = status.dataset.status = state.overdue ? 'overdue' : state.status;
        bar.value = state.proccessing ?? 0;
        frames.textContent = percent(state.proccessing);
        error.textContent = state.error ?? '';
      },
      task: event => {
        if (event.proccessing === undefined) return;
        bar.value = event.proccessing;
        frames.textContent = percent(event.proccessing);
      },
      error: e => { status.textContent = errorText(e); },
    });
  });
  return () => stops.forEach(stop => stop());
}
