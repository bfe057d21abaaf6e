// GET /api/task/{queryCode}/watch read with fetch(): EventSource cannot send the x-token header,
// and a token in the URL would end up in logs and history. The server ends the stream after the
// task's final state; a dropped connection is opened again with back-off.
import { request, ApiError } from './api.js';

const FINISHED = new Set(['done', 'failed', 'cancelled']);

/**
 * handlers: state(view), task(event), connection('live' | 'reconnecting' | 'ended'), error(ApiError).
 * Returns a function that stops watching.
 */
export function watchTask(queryCode, handlers) {
  const abort = new AbortController();
  let finished = false;

  function dispatch(block) {
    let event = 'message';
    const data = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (!data.length) return;
    const body = JSON.parse(data.join('\n'));
    if (event === 'state') {
      finished = body.overdue === true || FINISHED.has(body.status);
      handlers.state?.(body);
    } else if (event === 'task') {
      handlers.task?.(body);
    } else if (event === 'error') {
      finished = true;
      handlers.error?.(new ApiError(410, 'GONE', body.message));
    }
  }

  async function readOnce() {
    const response = await request('GET', `/api/task/${encodeURIComponent(queryCode)}/watch`,
      { headers: { accept: 'text/event-stream' }, signal: abort.signal });
    handlers.connection?.('live');
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        dispatch(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
    }
  }

  (async () => {
    let delay = 1000;
    while (!abort.signal.aborted && !finished) {
      try {
        await readOnce();
        delay = 1000;
      } catch (e) {
        if (abort.signal.aborted) return;
        if (e instanceof ApiError && e.status < 500) {
          handlers.error?.(e);
          return;
        }
      }
      if (finished || abort.signal.aborted) break;
      handlers.connection?.('reconnecting');
      await new Promise(resolve => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 15000);
    }
    if (!abort.signal.aborted) handlers.connection?.('ended');
  })();

  return () => abort.abort();
}
