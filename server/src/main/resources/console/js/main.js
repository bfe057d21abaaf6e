// The console's shell: a hash router over the views, the sign-in state, and the sections that
// show only when their service is installed (contracts listed at /api/openapi, task types at /api/queue).
import { h } from './dom.js';
import { token, uid, claims, signOut } from './session.js';
import { contracts, core } from './api.js';
import { signInView } from './views/signin.js';
import { submitView } from './views/submit.js';
import { taskView } from './views/task.js';
import { tasksView } from './views/tasks.js';
import { queueView } from './views/queue.js';
import { facesView } from './views/faces.js';
import { vcsView } from './views/vcs.js';
import { renderView } from './views/render.js';

const VIEWS = {
  signin: signInView, submit: submitView, task: taskView, tasks: tasksView, queue: queueView,
  faces: facesView, vcs: vcsView, render: renderView,
};

let leaveCurrent = null;

async function route() {
  const [name = 'submit', ...args] = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  if (!token() && name !== 'signin') {
    location.hash = '#/signin';
    return;
  }
  leaveCurrent?.();
  leaveCurrent = null;
  const main = document.getElementById('view');
  main.replaceChildren();
  document.querySelectorAll('#nav a[data-view]').forEach(a => a.classList.toggle('active', a.dataset.view === name));
  const view = VIEWS[name] ?? VIEWS.submit;
  leaveCurrent = (await view(main, ...args.map(decodeURIComponent))) ?? null;
}

function showWho() {
  const who = document.getElementById('who');
  if (!token()) {
    who.replaceChildren();
    return;
  }
  const exp = claims()?.exp;
  who.replaceChildren(
    h('span', { title: exp ? `token valid until ${new Date(exp * 1000).toLocaleString()}` : '' }, uid() ?? '?'),
    h('button', { class: 'link', onclick: () => { signOut(); showWho(); location.hash = '#/signin'; } }, 'Sign out'));
}

/** Shows the sections of installed services: plugin contracts, and task types some node runs. */
async function discover() {
  const served = new Set((await contracts()).map(c => c.name));
  let types = new Set();
  if (token()) {
    try {
      types = new Set((await core('GET', '/api/queue')).types.filter(t => t.nodes > 0).map(t => t.name));
    } catch {
      // signed out or refused: the type-dependent sections stay hidden
    }
  }
  document.querySelectorAll('#nav a[data-service]').forEach(a => { a.hidden = !served.has(a.dataset.service); });
  document.querySelectorAll('#nav a[data-task-type]').forEach(a => { a.hidden = !types.has(a.dataset.taskType); });
  // says the sections are settled, for whoever waits on them (the browser test)
  document.getElementById('nav').dataset.discovered = token() ? 'signed-in' : 'signed-out';
}

window.addEventListener('hashchange', route);
window.addEventListener('aips:signed-in', () => { showWho(); discover(); });
window.addEventListener('aips:unauthorized', () => {
  if (location.hash.startsWith('#/signin')) return;
  signOut();
  showWho();
  location.hash = '#/signin/expired';
});
showWho();
discover();
route();
