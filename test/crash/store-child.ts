/**
 * The process the crash test kills: opens the counters store in `dir` and appends `count`
 * changes, up to `window` at a time, printing `ack <id>` once each append has resolved (the
 * moment an API call would be acknowledged). Usage: store-child DIR RUN COUNT WINDOW.
 *
 * Each change carries a note the state does not keep, so the journal outgrows the snapshot
 * every few hundred changes and kills land in the middle of snapshots too.
 */
import { openCounters } from '../../src/main/store/fixtures/counters';

const [dir, run, count, windowSize] = process.argv.slice(2);
if (!dir || !run || !count || !windowSize) {
  console.error('usage: store-child DIR RUN COUNT WINDOW');
  process.exit(2);
}

const store = await openCounters(dir, { snapshotMinBytes: 16 * 1024 });
for (const notice of store.notices) console.log(`notice ${JSON.stringify(notice)}`);
console.log(`ready ${Object.keys(store.state.items).length}`);

const note = 'n'.repeat(200);
let next = 0;
const total = Number(count);
const worker = async () => {
  while (next < total) {
    const id = `r${run}-${next++}`;
    await store.append([{ kind: 'set', key: id, value: next, note }]);
    process.stdout.write(`ack ${id}\n`);
  }
};
await Promise.all(Array.from({ length: Number(windowSize) }, worker));
await store.close();
console.log('done');
