// Write cost of the durable store (src/main/store) as the state grows.
//
// For a state of 10 and of 10,000 task-like entities (about 700 bytes of JSON each), reports
// the median over BENCH_RUNS rounds (3 unless told) of: the time and bytes handed to write()
// per mutation when each call waits for the one before (latency), and the calls per second
// with 64 calls in flight (group commit); beside them the baseline, rewriting the whole state
// atomically on every mutation, and the time to reopen. Targets: at least 3,000 calls/s in
// flight, and a cost per mutation at 10,000 entities within 2x of that at 10 (it must not grow
// with the state). The disk is shared: figures move with what else is writing.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 3);
const sequentialCalls = Number(process.env.BENCH_SEQUENTIAL ?? 500);
const concurrentCalls = Number(process.env.BENCH_CONCURRENT ?? 10_000);
const inFlight = 64;

/** The store is not bundled on its own: build it into a temporary ES module. */
async function loadStore(outDir) {
  await build({
    configFile: false,
    logLevel: 'warn',
    root: repoRoot,
    build: {
      ssr: join(repoRoot, 'src/main/store/index.ts'),
      outDir,
      emptyOutDir: true,
      minify: false,
      target: 'node20',
      rollupOptions: { output: { format: 'es', entryFileNames: 'store.mjs' } },
    },
  });
  return import(pathToFileURL(join(outDir, 'store.mjs')).href);
}

const hex = (n, width) => n.toString(16).padStart(width, '0');

function task(i) {
  const id = hex(i, 32);
  return {
    taskArn: `arn:aws:ecs:us-east-1:000000000000:task/default/${id}`,
    clusterArn: 'arn:aws:ecs:us-east-1:000000000000:cluster/default',
    taskDefinitionArn: 'arn:aws:ecs:us-east-1:000000000000:task-definition/web:3',
    lastStatus: 'RUNNING',
    desiredStatus: 'RUNNING',
    launchType: 'EC2',
    cpu: '256',
    memory: '512',
    createdAt: 1_764_000_000 + i,
    startedBy: 'ecs-svc/1234567890123456789',
    group: 'service:web',
    containers: [
      {
        containerArn: `arn:aws:ecs:us-east-1:000000000000:container/default/${id}/${hex(i, 8)}`,
        name: 'web',
        image: 'nginx:1.27',
        lastStatus: 'RUNNING',
        networkBindings: [{ containerPort: 80, hostPort: 32768 + (i % 1000), protocol: 'tcp' }],
      },
    ],
  };
}

const apply = (state, change) => {
  if (change.kind === 'put') state.tasks[change.task.taskArn] = change.task;
  else state.tasks[change.arn].lastStatus = change.status;
  return state;
};

const bytesHandedToWrite = () =>
  Number(/wchar:\s+(\d+)/.exec(readFileSync('/proc/self/io', 'utf8'))?.[1] ?? 0);
const statusChange = (arns, i) => ({
  kind: 'status',
  arn: arns[i % arns.length],
  status: i % 2 ? 'RUNNING' : 'DEACTIVATING',
});

async function measure(count, parallel, mutate) {
  const bytesBefore = bytesHandedToWrite();
  const started = process.hrtime.bigint();
  let next = 0;
  const worker = async () => {
    while (next < count) await mutate(next++);
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    perCallMs: (seconds * 1000) / count,
    callsPerSecond: count / seconds,
    bytesPerCall: (bytesHandedToWrite() - bytesBefore) / count,
  };
}

async function benchAt(storeModule, entities) {
  const dir = mkdtempSync(join(tmpdir(), 'stowage-bench-store-'));
  try {
    const options = { dir, name: 'bench', version: 1, initial: () => ({ tasks: {} }), apply };
    const store = await storeModule.openStore(options);
    const arns = [];
    for (let i = 0; i < entities; i += 100) {
      const batch = Array.from({ length: Math.min(100, entities - i) }, (_, j) => task(i + j));
      arns.push(...batch.map((t) => t.taskArn));
      await Promise.all(batch.map((t) => store.append([{ kind: 'put', task: t }])));
    }
    // Start measuring from rest: the seeding's last snapshot landed and its pages on disk.
    await store.close();
    execFileSync('sync');
    const openStarted = process.hrtime.bigint();
    const reopened = await storeModule.openStore(options);
    const openMs = Number(process.hrtime.bigint() - openStarted) / 1e6;
    const mutate = (i) => reopened.append([statusChange(arns, i)]);
    const rounds = [];
    for (let round = 0; round < runs; round++) {
      rounds.push({
        sequential: await measure(sequentialCalls, 1, mutate),
        concurrent: await measure(concurrentCalls, inFlight, mutate),
      });
    }
    const sequential = median(rounds.map((r) => r.sequential));
    const concurrent = median(rounds.map((r) => r.concurrent));
    const stateBytes = JSON.stringify(reopened.state).length;
    const rewritePath = join(dir, 'whole-state.json');
    const rewriteCalls = Math.max(20, Math.min(sequentialCalls, Math.round(2e8 / stateBytes)));
    const rewrite = await measure(rewriteCalls, 1, async (i) => {
      apply(reopened.state, statusChange(arns, i));
      await storeModule.atomicWriteFile(rewritePath, JSON.stringify(reopened.state));
    });
    await reopened.close();
    return { entities, stateBytes, sequential, concurrent, rewrite, openMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The round with the median time per call. */
const median = (results) =>
  [...results].sort((a, b) => a.perCallMs - b.perCallMs)[Math.floor(results.length / 2)];
const verdict = (ok) => (ok ? 'meets target' : 'MISSES target');
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

async function main() {
  const outDir = mkdtempSync(join(tmpdir(), 'stowage-bench-store-build-'));
  try {
    const storeModule = await loadStore(outDir);
    const results = [];
    for (const entities of [10, 10_000]) results.push(await benchAt(storeModule, entities));
    for (const r of results) {
      console.log(
        `${r.entities} entities, state ${kb(r.stateBytes)}, reopen ${r.openMs.toFixed(0)} ms`,
      );
      console.log(
        `  store, one call at a time           ${r.sequential.perCallMs.toFixed(3)} ms/call, ` +
          `${r.sequential.bytesPerCall.toFixed(0)} B/call written`,
      );
      console.log(
        `  store, ${inFlight} calls in flight          ${r.concurrent.callsPerSecond.toFixed(0)} calls/s, ` +
          `${r.concurrent.bytesPerCall.toFixed(0)} B/call written ` +
          `(${verdict(r.concurrent.callsPerSecond >= 3000)} >= 3000 calls/s)`,
      );
      console.log(
        `  whole-state rewrite (baseline)      ${r.rewrite.perCallMs.toFixed(3)} ms/call, ` +
          `${r.rewrite.bytesPerCall.toFixed(0)} B/call written ` +
          `(store is ${(r.rewrite.perCallMs / r.sequential.perCallMs).toFixed(1)} x faster)`,
      );
    }
    const [small, large] = results;
    const growth = large.sequential.perCallMs / small.sequential.perCallMs;
    const concurrentGrowth = small.concurrent.callsPerSecond / large.concurrent.callsPerSecond;
    console.log(
      `cost per call at 10,000 entities vs 10: ${growth.toFixed(2)} x one at a time, ` +
        `${concurrentGrowth.toFixed(2)} x in flight (${verdict(Math.max(growth, concurrentGrowth) <= 2)} <= 2)`,
    );
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
