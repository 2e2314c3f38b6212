// ECS tasks as real containers: RunTask of 10 busybox tasks through the control plane and the
// Docker runtime until all 10 are RUNNING, against 10 parallel `docker run -d` of the same image
// measured in the same run, round by round (one of each, the order alternating, so both see
// the same load). The figure is the ratio of the medians.
//
// The control plane and runtime are built with Vite into node_modules/.cache (their packages
// resolve from there) and imported (ecs-docker-common.mjs). The control plane reconciles every
// 50 ms here (the app's interval is a setting): a task reaches RUNNING one status per pass
// after its container runs. Target: median ratio <= 1.5.
// It uses the shared engine: run it under the engine lock, e.g.
//   flock /tmp/stowage-docker.lock node bench/ecs-docker.bench.mjs
// Every container and network it makes is labelled dev.stowage.test=1 and removed at the end.

import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  alternatingPairs,
  dockerRunRound,
  image,
  liveTasks,
  median,
  openBenchPlane,
  removeContainers,
  until,
} from './ecs-docker-common.mjs';

const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const taskCount = 10;

async function runTaskRound(plane, cluster) {
  const started = performance.now();
  const running = new Set();
  let arns;
  const allRunning = new Promise((resolve) => {
    const unsubscribe = plane.subscribe((changes) => {
      for (const change of changes) {
        if (change.kind === 'task.put' && change.task.lastStatus === 'RUNNING') {
          running.add(change.task.taskArn);
        }
        if (change.kind === 'task.put' && change.task.lastStatus === 'STOPPED') {
          unsubscribe();
          resolve(new Error(`a task stopped: ${change.task.stoppedReason}`));
        }
      }
      if (arns && arns.every((arn) => running.has(arn))) {
        unsubscribe();
        resolve(undefined);
      }
    });
  });
  const { tasks, failures } = await plane.runTask({
    cluster,
    taskDefinition: 'sleeper',
    count: taskCount,
  });
  if (failures.length > 0) throw new Error(`RunTask failed: ${JSON.stringify(failures)}`);
  arns = tasks.map((task) => task.taskArn);
  const failure = await allRunning;
  if (failure) throw failure;
  return performance.now() - started;
}

/** Stops every task and waits until each is STOPPED, so the next round hears only its own. */
async function stopAll(plane, cluster) {
  const { taskArns } = await plane.listTasks({ cluster, maxResults: 100 });
  for (const task of taskArns) await plane.stopTask({ cluster, task });
  await until(plane, async () => liveTasks(plane, cluster).length === 0, 'every task stopped');
}

async function main() {
  const cluster = `bench-${process.pid}`;
  const { plane, close } = await openBenchPlane({ cluster, reconcileIntervalMs: 50 });
  try {
    await plane.createCluster({ clusterName: cluster });
    await plane.launchInstances({ cluster, instanceType: 'm5.xlarge', count: 2 });
    await plane.registerTaskDefinition({
      family: 'sleeper',
      containerDefinitions: [{ name: 'app', image, memory: 16, stopTimeout: 2 }],
    });
    // One untimed round of each: the cluster network is created and the image is warm.
    await runTaskRound(plane, cluster);
    await stopAll(plane, cluster);
    await dockerRunRound(taskCount);
    await removeContainers();

    const { subjectMs: ecs, baselineMs: baseline } = await alternatingPairs(rounds, {
      baseline: async () => {
        const took = await dockerRunRound(taskCount);
        await removeContainers();
        return took;
      },
      subject: async () => {
        const took = await runTaskRound(plane, cluster);
        await stopAll(plane, cluster);
        await removeContainers();
        return took;
      },
    });
    const ratio = median(ecs) / median(baseline);
    console.log(
      `${taskCount} tasks per round, ${rounds} rounds; load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`,
    );
    console.log(
      `RunTask until all RUNNING  median ${median(ecs).toFixed(0)} ms  (${ecs.map((v) => v.toFixed(0)).join(', ')})`,
    );
    console.log(
      `10 × docker run -d         median ${median(baseline).toFixed(0)} ms  (${baseline.map((v) => v.toFixed(0)).join(', ')})`,
    );
    console.log(
      `ratio ${ratio.toFixed(2)} (${ratio <= 1.5 ? 'meets target' : 'MISSES target'} <= 1.5)`,
    );
  } finally {
    await close();
  }
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
