// An ECS service on the Docker runtime: one REPLICA service of busybox tasks scaled 0 → 20
// through the control plane, time to steady state (20 tasks RUNNING, the service's
// runningCount 20, its deployment COMPLETED), against 20 parallel `docker run -d` of the same
// image. Measured in pairs, one of each, the order alternating from pair to pair so both see
// the same load; the figure is the median of the per-pair ratios. Target: ≤ 1.5.
//
// The control plane runs as the app runs it: its reconcile pass every 250 ms and 20 ms after
// runtime events or calls. Between pairs the service is scaled back to 0 and every container
// of the round removed.
// It uses the shared engine: run it under the engine lock, e.g.
//   flock /tmp/stowage-docker.lock node bench/ecs-services-docker.bench.mjs
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

const pairs = Number(process.env.BENCH_PAIRS ?? 5);
const taskCount = 20;
const target = 1.5;

async function steadyAt(plane, cluster, count) {
  const [service] = (await plane.describeServices({ cluster, services: ['web'] })).services;
  const stopped = Object.values(plane.state.tasks).find(
    (task) =>
      task.stoppedReason && task.desiredStatus === 'STOPPED' && task.startedAt === undefined,
  );
  if (stopped && count > 0) throw new Error(`a task failed to start: ${stopped.stoppedReason}`);
  const live = liveTasks(plane, cluster);
  return (
    service.deployments.length === 1 &&
    service.deployments[0].rolloutState === 'COMPLETED' &&
    service.runningCount === count &&
    live.length === count &&
    live.every((task) => task.lastStatus === 'RUNNING')
  );
}

async function scaleRound(plane, cluster) {
  const started = performance.now();
  await plane.updateService({ cluster, service: 'web', desiredCount: taskCount });
  await until(plane, () => steadyAt(plane, cluster, taskCount), `steady at ${taskCount}`);
  return performance.now() - started;
}

async function scaleToZero(plane, cluster) {
  await plane.updateService({ cluster, service: 'web', desiredCount: 0 });
  await until(plane, async () => liveTasks(plane, cluster).length === 0, 'every task stopped');
}

async function main() {
  const cluster = `bench-services-${process.pid}`;
  const { plane, close } = await openBenchPlane({
    cluster,
    reconcileIntervalMs: 250,
    promptPassMs: 20,
  });
  try {
    await plane.createCluster({ clusterName: cluster });
    await plane.launchInstances({ cluster, instanceType: 'm5.xlarge', count: 3 });
    await plane.registerTaskDefinition({
      family: 'sleeper',
      containerDefinitions: [{ name: 'app', image, memory: 16, cpu: 16, stopTimeout: 2 }],
    });
    await plane.createService({
      cluster,
      serviceName: 'web',
      taskDefinition: 'sleeper',
      desiredCount: 0,
    });
    // One untimed pair: the cluster network is created and the image is warm.
    await scaleRound(plane, cluster);
    await scaleToZero(plane, cluster);
    await dockerRunRound(taskCount);
    await removeContainers();

    const {
      subjectMs: service,
      baselineMs: baseline,
      ratios,
    } = await alternatingPairs(pairs, {
      baseline: async () => {
        const took = await dockerRunRound(taskCount);
        await removeContainers();
        return took;
      },
      subject: async () => {
        const took = await scaleRound(plane, cluster);
        await scaleToZero(plane, cluster);
        await removeContainers();
        return took;
      },
    });
    const ratio = median(ratios);
    const list = (values, digits = 0) => values.map((v) => v.toFixed(digits)).join(', ');
    console.log(
      `${taskCount} tasks, ${pairs} pairs; load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`,
    );
    console.log(
      `service 0 → ${taskCount} to steady state  median ${median(service).toFixed(0)} ms  (${list(service)})`,
    );
    console.log(
      `${taskCount} × docker run -d            median ${median(baseline).toFixed(0)} ms  (${list(baseline)})`,
    );
    console.log(
      `median per-pair ratio ${ratio.toFixed(2)} (${list(ratios, 2)}); target ≤ ${target}: ${ratio <= target ? 'met' : 'missed'}`,
    );
  } finally {
    await close();
  }
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
