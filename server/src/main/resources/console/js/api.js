// The public API with the signed-in x-token. Errors of every envelope (core, face ingest, VCS)
// become an ApiError with the HTTP status, the code and the message.
import { token } from './session.js';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export async function request(method, path, { json, body, headers = {}, signal } = {}) {
  const all = { 'x-token': token() ?? '', ...headers };
  if (json !== undefined) {
    all['content-type'] = 'application/json';
    body = JSON.stringify(json);
  }
  const response = await fetch(path, { method, headers: all, body, signal });
  if (!response.ok) throw await errorOf(response);
  return response;
}

async function errorOf(response) {
  let code = `HTTP_${response.status}`;
  let message = response.statusText;
  try {
    const body = await response.json();
    const error = body.error ?? body;
    code = error.code ?? error.Code ?? code;
    message = error.message ?? error.Message ?? message;
  } catch {
    // not JSON: keep the status
  }
  if (response.status === 401) window.dispatchEvent(new CustomEvent('aips:unauthorized'));
  return new ApiError(response.status, String(code), message);
}

/** A core route: the `data` of `{success, data}`. */
export async function core(method, path, options) {
  return (await (await request(method, path, options)).json()).data;
}

/** A plugin route answering plain JSON. */
export async function json(method, path, options) {
  return (await request(method, path, options)).json();
}

/** A VCS route: the `Data` of `{Code, Message, Data}` (errors come with a non-"0" Code). */
export async function vcs(path, body) {
  const answer = await json('POST', `/vcs${path}`, { json: body });
  if (answer.Code !== '0') throw new ApiError(200, answer.Code, answer.Message);
  return answer.Data;
}

/** Bytes of an authenticated route as an object URL (an <img> cannot send the x-token itself). */
export async function objectUrl(path) {
  return URL.createObjectURL(await (await request('GET', path)).blob());
}

/** The contracts this node serves (no token needed): {name, url, basePath?}. */
export async function contracts() {
  const response = await fetch('/api/openapi');
  return response.ok ? (await response.json()).contracts : [];
}
