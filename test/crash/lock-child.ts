/**
 * The process the lock tests start: opens the counters store in `dir`, records that run `run`
 * opened it, prints `ready <pid>` and keeps it open until killed (or, with `close`, closes it
 * and ends). A store held elsewhere prints `locked <message>` and ends with code 3.
 * Usage: lock-child DIR RUN [close].
 */
import { StoreLockedError } from '../../src/main/store';
import { openCounters, set } from '../../src/main/store/fixtures/counters';

const [dir, run, then] = process.argv.slice(2);
if (!dir || !run) {
  console.error('usage: lock-child DIR RUN [close]');
  process.exit(2);
}

try {
  const store = await openCounters(dir);
  await store.append([set(`run-${run}`, Object.keys(store.state.items).length)]);
  console.log(`ready ${process.pid} ${Object.keys(store.state.items).sort().join(',')}`);
  if (then === 'close') {
    await store.close();
  } else {
    // Held until the test kills this process.
    setInterval(() => undefined, 60_000);
  }
} catch (error) {
  if (!(error instanceof StoreLockedError)) throw error;
  console.log(`locked ${error.message}`);
  process.exit(3);
}
