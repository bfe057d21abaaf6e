// One task, live: queue position, estimated wait, progress and events from the watch stream;
// cancel; the result with its remaining visits and retention.
import { h, seconds, time, percent, errorText } from '../dom.js';
import { core, objectUrl, request } from '../api.js';
import { watchTask } from '../watch.js';

function fact(label, field) {
  return [h('dt', {}, label), h('dd', { dataset: { field } }, '–')];
}

export function taskView(main, queryCode) {
  const badge = h('span', { class: 'badge', dataset: { field: 'status' } }, '…');
  const live = h('span', { class: 'connection', dataset: { field: 'connection' } }, 'connecting');
  const bar = h('progress', { max: 1, value: 0, dataset: { field: 'progress-bar' } });
  const cancel = h('button', { class: 'danger', id: 'cancel-task', hidden: true, onclick: cancelTask }, 'Cancel');
  const error = h('p', { class: 'error', role: 'alert' });
  const events = h('ol', { class: 'events', dataset: { field: 'events' } });
  const result = h('section', { class: 'result', hidden: true, dataset: { field: 'result' } });
  const facts = h('dl', { class: 'facts' },
    fact('Task type', 'taskType'), fact('Queue position', 'queueing'), fact('Estimated wait', 'waiting'),
    fact('Progress', 'proccessing'), fact('Expected end', 'completedTime'), fact('Attempts', 'attempts'),
    fact('Submitted', 'createdAt'), fact('Error', 'error'));
  const set = (field, text) => { facts.querySelector(`[data-field="${field}"]`).textContent = text; };
  const fetched = h('div', { class: 'fetched' }); // the image once fetched, kept across state updates

  function showState(task) {
    if (task.overdue) {
      badge.textContent = 'overdue';
      badge.dataset.status = 'overdue';
      result.hidden = false;
      result.replaceChildren(h('p', {}, `The result was kept until ${time(task.retention)} and is gone.`));
      return;
    }
    badge.textContent = task.status;
    badge.dataset.status = task.status;
    set('taskType', task.taskType);
    set('queueing', task.status === 'waiting' ? `${task.queueing} task${task.queueing === 1 ? '' : 's'} ahead` : '–');
    set('waiting', task.status === 'waiting' ? `about ${seconds(task.waiting)}` : '–');
    set('proccessing', percent(task.proccessing));
    set('completedTime', ['waiting', 'running'].includes(task.status) ? time(task.completedTime) : time(task.doneAt));
    set('attempts', String(task.attempts));
    set('createdAt', time(task.createdAt));
    set('error', task.error ?? '–');
    bar.value = task.proccessing ?? 0;
    cancel.hidden = !['waiting', 'running'].includes(task.status);
    if (task.status === 'done') showResult(task);
  }

  function showResult(task) {
    result.hidden = false;
    const left = task.demandVisitTimes - task.visitTimes;
    const info = h('p', { dataset: { field: 'retention' } },
      `Kept until ${time(task.retention)}; `, h('strong', { dataset: { field: 'visits-left' } }, String(left)),
      ` of ${task.demandVisitTimes} downloads left.`);
    const show = h('button', { id: 'show-result', disabled: left <= 0, onclick: () => fetchResult(task) },
      'Show result (counts as one download)');
    result.replaceChildren(...[h('h2', {}, 'Result'), info, fetched.childElementCount ? null : show, fetched].filter(Boolean));
  }

  async function fetchResult(task) {
    try {
      if (task.contentType?.startsWith('image/')) {
        const url = await objectUrl(task.result);
        const image = h('img', { class: 'result-image', src: url, alt: `result of ${task.taskType}`, dataset: { field: 'result-image' } });
        fetched.replaceChildren(image, h('p', {}, h('a', { href: url, download: task.queryCode }, 'Save the image')));
      } else {
        fetched.replaceChildren(h('pre', { class: 'json', dataset: { field: 'result-text' } }, await (await request('GET', task.result)).text()));
      }
      showState(await core('GET', `/api/query-task/${task.queryCode}`)); // visits changed
    } catch (e) {
      error.textContent = errorText(e);
    }
  }

  async function cancelTask() {
    cancel.disabled = true;
    try {
      showState(await core('POST', `/api/task/${queryCode}/cancel`));
    } catch (e) {
      error.textContent = errorText(e);
    } finally {
      cancel.disabled = false;
    }
  }

  const listed = new Set(); // an event can come both in the history and on the stream

  function showEvent(event) {
    if (event.event === 'progress') {
      bar.value = event.proccessing ?? bar.value;
      set('proccessing', percent(event.proccessing));
      return;
    }
    const key = `${event.event}:${event.attempt ?? ''}`;
    if (listed.has(key)) return;
    listed.add(key);
    badge.textContent = event.state;
    badge.dataset.status = event.state;
    const detail = [event.node ? `on ${event.node}` : '', event.attempt ? `attempt ${event.attempt}` : '',
      event.runMillis ? `ran ${seconds(event.runMillis / 1000)}` : '', event.detail ?? ''].filter(Boolean).join(', ');
    const item = h('li', { dataset: { event: event.event, at: event.at } },
      h('time', {}, new Date(event.at).toLocaleTimeString()), ' ', h('strong', {}, event.event), detail ? ` — ${detail}` : '');
    events.insertBefore(item, [...events.children].find(li => Number(li.dataset.at) > event.at) ?? null);
  }

  main.append(h('section', { class: 'card' },
    h('h1', {}, 'Task ', h('code', { class: 'code' }, queryCode)),
    h('p', { class: 'status-line' }, badge, ' ', live),
    bar, facts, cancel, error, result,
    h('h2', {}, 'Events'), events));

  // What happened before the stream: read once the stream is open (and again after a reconnect), so an
  // event published while it was opening is in one or the other. A state from the stream wins over the history's.
  const showHistory = () => core('GET', `/api/task/${queryCode}/events`).then(history => {
    const status = badge.dataset.status;
    history.events.forEach(showEvent);
    if (status) {
      badge.textContent = status;
      badge.dataset.status = status;
    }
  }, () => { /* the stream reports a missing task */ });

  return watchTask(queryCode, {
    state: showState,
    task: showEvent,
    connection: state => {
      live.textContent = state;
      live.dataset.state = state;
      if (state === 'live') showHistory();
    },
    error: e => { error.textContent = errorText(e); },
  });
}
