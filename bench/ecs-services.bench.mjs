// ECS services at scale on the simulated runtime: 1,000 container instances over three zones,
// one REPLICA service scaled from 0 to 1,000 tasks, then a rolling deployment (100 % / 200 %)
// of all 1,000 to a new revision.
//
// The control plane runs as the app runs it: on the real clock, its reconcile pass every
// 250 ms and 20 ms after runtime events or calls (never sooner after a pass than it took), the simulated runtime with the app's delays (pull 0.8 s, start 0.4 s, SIGTERM exit
// 0.2 s). It is built here with Vite into a temporary folder and imported. Each figure is the
// wall-clock time from the UpdateService call to the steady state (one COMPLETED deployment,
// every task RUNNING, nothing else left), polled every 50 ms; the baseline is what the
// simulated delays alone take (pull + start, and for the rollout start + stop), which no
// scheduler can beat. Beside it: the reconcile passes it took and the longest the event loop
// was held (monitorEventLoopDelay), which is how long the app's main process could not answer
// the UI. Target: ≤ 2 s each.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const instanceCount = Number(process.env.BENCH_INSTANCES ?? 1_000);
const taskCount = Number(process.env.BENCH_TASKS ?? 1_000);
const delays = { pullMs: 800, startMs: 400, sigtermExitMs: 200 };
const intervalMs = 250;
const promptPassMs = 20;
const targetMs = 2_000;

async function loadControlPlane() {
  const outDir = mkdtempSync(join(tmpdir(), 'stowage-services-bench-'));
  const entry = join(outDir, 'entry.ts');
  const src = (path) => JSON.stringify(join(repoRoot, 'src/main', path));
  writeFileSync(
    entry,
    [
      `export { EcsControlPlane } from ${src('ecs/control-plane/core/control-plane.ts')};`,
      `export { SimulatedRuntime } from ${src('ecs/runtime/simulated.ts')};`,
      `export { systemClock } from ${src('lib/clock.ts')};`,
    ].join('\n'),
  );
  try {
    await build({
      configFile: false,
      logLevel: 'warn',
      root: repoRoot,
      build: {
        outDir: join(outDir, 'out'),
        emptyOutDir: true,
        minify: false,
        lib: { entry, formats: ['es'], fileName: () => 'plane.mjs' },
      },
    });
    return await import(pathToFileURL(join(outDir, 'out', 'plane.mjs')).href);
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

const { EcsControlPlane, SimulatedRuntime, systemClock } = await loadControlPlane();
const runtime = new SimulatedRuntime({ clock: systemClock, ...delays });
const plane = new EcsControlPlane({
  clock: systemClock,
  runtime,
  reconcileIntervalMs: intervalMs,
  promptPassMs,
  onError: (error) => console.error(error),
});

let passes = 0;
const tick = plane.tick.bind(plane);
plane.tick = () => {
  passes++;
  return tick();
};

await plane.createCluster();
const zones = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
for (let launched = 0, index = 0; launched < instanceCount; index++) {
  const count = Math.min(20, instanceCount - launched);
  await plane.launchInstances({
    instanceType: 'm5.large',
    count,
    availabilityZone: zones[index % zones.length],
  });
  launched += count;
}
for (const image of ['nginx:1', 'nginx:2']) {
  await plane.registerTaskDefinition({
    family: 'web',
    containerDefinitions: [{ name: 'app', image, cpu: 64, memory: 128 }],
  });
}
await plane.createService({ serviceName: 'web', taskDefinition: 'web:1', desiredCount: 0 });

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function isSteady(revision) {
  const [service] = (await plane.describeServices({ services: ['web'] })).services;
  const [deployment, ...others] = service.deployments;
  return (
    others.length === 0 &&
    deployment.rolloutState === 'COMPLETED' &&
    deployment.taskDefinition.endsWith(`:${revision}`) &&
    service.runningCount === taskCount &&
    service.pendingCount === 0 &&
    Object.values(plane.state.tasks).filter((task) => task.lastStatus !== 'STOPPED').length ===
      taskCount
  );
}

async function measure(what, revision, update, baselineMs) {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const passesBefore = passes;
  const started = performance.now();
  await plane.updateService({ service: 'web', ...update });
  while (!(await isSteady(revision))) {
    if (performance.now() - started > 60_000) throw new Error(`${what}: no steady state in 60 s`);
    await sleep(50);
  }
  const tookMs = performance.now() - started;
  loop.disable();
  const verdict = tookMs <= targetMs ? 'met' : 'missed';
  console.log(
    `${what}: ${(tookMs / 1000).toFixed(2)} s to steady state (baseline ${(baselineMs / 1000).toFixed(1)} s of simulated delays; ratio ${(tookMs / baselineMs).toFixed(2)}), ${passes - passesBefore} passes, event loop held at most ${(loop.max / 1e6).toFixed(0)} ms; target ≤ ${targetMs / 1000} s: ${verdict}`,
  );
}

console.log(
  `${instanceCount} instances, ${taskCount} tasks; ${cpus().length} cores, load ${loadavg()[0].toFixed(1)}`,
);
await measure(
  `scale 0 → ${taskCount}`,
  1,
  { desiredCount: taskCount },
  delays.pullMs + delays.startMs,
);
await measure(
  `rolling deployment of ${taskCount}`,
  2,
  { taskDefinition: 'web:2' },
  delays.pullMs + delays.startMs + delays.sigtermExitMs,
);
plane.dispose();
