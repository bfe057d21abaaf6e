// The protocol of PeersBenchmark, the same for every Node.js peer: one step per process,
// one JSON line on stdout. A peer module supplies how to enqueue, work and count.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

export const IN_FLIGHT = 8;
export const BULK_CHUNK = 1000;

/** Runs fn(i) for i in 0..n-1 with at most `width` calls pending at once. */
async function withInFlight(n, width, fn) {
  let next = 0;
  async function lane() {
    while (next < n) {
      await fn(next++);
    }
  }
  await Promise.all(Array.from({ length: Math.min(width, n) }, lane));
}

/** Waits until the handler has seen n jobs and the peer's tables hold no unfinished one. */
async function untilAllCompleted(peer, seen, n) {
  while (seen() < n) {
    await sleep(2);
  }
  while ((await peer.unfinished()) > 0) {
    await sleep(5);
  }
}

const steps = {
  async setup(peer) {
    return {};
  },

  async clear(peer) {
    await peer.clear();
    return {};
  },

  async 'enqueue-one'(peer, n) {
    const t0 = performance.now();
    await withInFlight(n, IN_FLIGHT, i => peer.enqueueOne(i));
    return { seconds: (performance.now() - t0) / 1000 };
  },

  async 'enqueue-bulk'(peer, n) {
    const t0 = performance.now();
    for (let from = 0; from < n; from += BULK_CHUNK) {
      await peer.enqueueMany(from, Math.min(BULK_CHUNK, n - from));
    }
    return { seconds: (performance.now() - t0) / 1000 };
  },

  async drain(peer, n) {
    let done = 0;
    const t0 = performance.now();
    const worker = await peer.startWorker(() => { done++; });
    await untilAllCompleted(peer, () => done, n);
    const seconds = (performance.now() - t0) / 1000;
    await worker.stop();
    return { seconds };
  },

  async flow(peer, n) {
    let done = 0;
    const worker = await peer.startWorker(() => { done++; });
    const t0 = performance.now();
    await withInFlight(n, IN_FLIGHT, i => peer.enqueueOne(i));
    await untilAllCompleted(peer, () => done, n);
    const seconds = (performance.now() - t0) / 1000;
    await worker.stop();
    return { seconds };
  },

  // enqueue → handler start, each job enqueued 0–1 s (uniform) after the previous one started
  async latency(peer, samples) {
    const waiting = new Map(); // job number → resolve(start time)
    const worker = await peer.startWorker(i => waiting.get(i)?.(performance.now()));
    const millis = [];
    for (let i = 0; i < samples; i++) {
      await sleep(Math.random() * 1000);
      const started = new Promise(resolve => waiting.set(i, resolve));
      const t0 = performance.now();
      await peer.enqueueOne(i);
      millis.push((await started) - t0);
      waiting.delete(i);
    }
    await worker.stop();
    return { millis };
  },
};

/** argv: <step> <postgres url> <n>; prints {"step", ..., "settings"} as one line. */
export async function main(makePeer) {
  const [step, url, count] = process.argv.slice(2);
  const n = Number(count ?? 0);
  if (!steps[step]) {
    throw new Error(`unknown step ${step}; one of ${Object.keys(steps).join(', ')}`);
  }
  const peer = await makePeer(url);
  try {
    const figures = await steps[step](peer, n);
    const about = step === 'setup' ? { settings: peer.settings, version: peer.version } : {};
    console.log(JSON.stringify({ step, n, ...figures, ...about }));
  } finally {
    await peer.close();
  }
}
