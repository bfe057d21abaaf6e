// graphile-worker as a peer of PeersBenchmark: node graphile.mjs <step> <postgres url> <n>
import { readFileSync } from 'node:fs';
import { Logger, makeWorkerUtils, run } from 'graphile-worker';
import { main } from './protocol.mjs';

const version = JSON.parse(readFileSync(new URL('./node_modules/graphile-worker/package.json', import.meta.url))).version;
const silent = new Logger(() => () => {});
const TASK = 'noop';
// Its documented high-throughput settings (worker.graphile.org/docs/performance): a local queue fetched in
// batches, completions batched, a pool large enough for the concurrency. New jobs wake it by LISTEN/NOTIFY;
// pollInterval is only the fallback.
const WORKER = {
  concurrency: 24,
  maxPoolSize: 26,
  pollInterval: 2000,
  preset: { worker: { localQueue: { size: 500 }, completeJobBatchDelay: 0 } },
};

main(async url => {
  const utils = await makeWorkerUtils({ connectionString: url, logger: silent });
  await utils.migrate();
  return {
    version,
    settings: `concurrency ${WORKER.concurrency}, maxPoolSize ${WORKER.maxPoolSize}, localQueue.size 500, `
      + `completeJobBatchDelay 0 ms, pollInterval ${WORKER.pollInterval} ms + LISTEN/NOTIFY`,
    enqueueOne: i => utils.addJob(TASK, { i }),
    enqueueMany: (from, count) => utils.addJobs(Array.from({ length: count }, (_, k) => ({ identifier: TASK, payload: { i: from + k } }))),
    async startWorker(onJob) {
      const runner = await run({
        connectionString: url, logger: silent, noHandleSignals: true, ...WORKER,
        taskList: { [TASK]: async payload => onJob(payload.i) },
      });
      return { stop: () => runner.stop() };
    },
    async unfinished() {
      return utils.withPgClient(async client => Number((await client.query(
        'SELECT count(*) FROM graphile_worker._private_jobs')).rows[0].count));
    },
    async clear() {
      await utils.withPgClient(async client => {
        await client.query('TRUNCATE graphile_worker._private_jobs, graphile_worker._private_job_queues CASCADE');
        await client.query('VACUUM ANALYZE');
      });
    },
    close: () => utils.release(),
  };
});
