// pg-boss as a peer of PeersBenchmark: node pgboss.mjs <step> <postgres url> <n>
import { readFileSync } from 'node:fs';
import { PgBoss } from 'pg-boss';
import { main } from './protocol.mjs';

const version = JSON.parse(readFileSync(new URL('./node_modules/pg-boss/package.json', import.meta.url))).version;
const QUEUE = 'noop';
// Its documented fast settings: LISTEN/NOTIFY on (instance and queue), jobs fetched in batches by several
// local workers, fetching again at once while batches come back full, the shortest allowed poll.
const WORK = { batchSize: 100, localConcurrency: 4, pollingIntervalSeconds: 0.5, burstWhenBatchFull: true };

main(async url => {
  const boss = new PgBoss({ connectionString: url, useListenNotify: true, max: 12 });
  boss.on('error', error => console.error(error));
  await boss.start();
  if (!(await boss.getQueue(QUEUE))) {
    await boss.createQueue(QUEUE, { notify: true });
  }
  return {
    version,
    settings: `work: batchSize ${WORK.batchSize}, localConcurrency ${WORK.localConcurrency}, `
      + `pollingIntervalSeconds ${WORK.pollingIntervalSeconds}, burstWhenBatchFull; useListenNotify + queue notify; pool max 12`,
    enqueueOne: i => boss.send(QUEUE, { i }),
    enqueueMany: (from, count) => boss.insert(QUEUE, Array.from({ length: count }, (_, k) => ({ data: { i: from + k } }))),
    async startWorker(onJob) {
      const id = await boss.work(QUEUE, WORK, async jobs => {
        jobs.forEach(job => onJob(job.data.i));
      });
      return { stop: () => boss.offWork(QUEUE, { id }) };
    },
    async unfinished() {
      const rows = await boss.getDb().executeSql(
        "SELECT count(*) FROM pgboss.job WHERE name = $1 AND state <> 'completed'", [QUEUE]);
      return Number(rows.rows[0].count);
    },
    async clear() {
      await boss.deleteAllJobs(QUEUE);
      await boss.getDb().executeSql('VACUUM ANALYZE');
    },
    close: () => boss.stop({ graceful: false, wait: true }),
  };
});
