// The signed-in token lives in sessionStorage (gone when the tab closes); the codes of the tasks
// submitted from this browser are kept per user in localStorage (the API has no "my tasks" list).

const TOKEN_KEY = 'aips.token';
const RECENT_LIMIT = 50;

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

/** The token's claims, read without verifying them (the server does that on every request). */
export function claims(jwt = token()) {
  const parts = (jwt ?? '').trim().split('.');
  if (parts.length !== 3) return null;
  try {
    const json = atob(parts[1].replace(/-/g, '+').replace(/_/g, '/'));
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(json, c => c.charCodeAt(0))));
  } catch {
    return null;
  }
}

export function signIn(jwt) {
  sessionStorage.setItem(TOKEN_KEY, jwt.trim());
}

export function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
}

export function uid() {
  return claims()?.uid ?? null;
}

function recentKey() {
  return `aips.tasks.${uid()}`;
}

export function recentTasks() {
  try {
    return JSON.parse(localStorage.getItem(recentKey()) ?? '[]');
  } catch {
    return [];
  }
}

export function rememberTask(queryCode, taskType) {
  const tasks = recentTasks().filter(t => t.queryCode !== queryCode);
  tasks.unshift({ queryCode, taskType, submittedAt: Date.now() });
  localStorage.setItem(recentKey(), JSON.stringify(tasks.slice(0, RECENT_LIMIT)));
}

export function forgetTask(queryCode) {
  localStorage.setItem(recentKey(), JSON.stringify(recentTasks().filter(t => t.queryCode !== queryCode)));
}
