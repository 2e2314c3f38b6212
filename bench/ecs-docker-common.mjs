// What the ECS benches on the Docker runtime share: the control plane, the Docker runtime and
// the engine connection built with Vite (they are TypeScript outside the app bundle), a
// FROM scratch busybox image (by default one that sleeps until SIGTERM), the clean-up of what a round made, and
// the alternating pairs both measure in.
// Not a bench itself (run.mjs runs only *.bench.mjs).

import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { importMain } from './build-main.mjs';

export { repoRoot } from './build-main.mjs';

const execFileAsync = promisify(execFile);
export const image = 'stowage-bench/sleeper:1.0';
export const testLabel = 'dev.stowage.test=1';

export const docker = async (...args) => (await execFileAsync('docker', args)).stdout.trim();

export const loadModules = () =>
  importMain('ecs-docker', {
    'src/main/ecs/control-plane/core/control-plane.ts': ['EcsControlPlane'],
    'src/main/ecs/runtime/docker-runtime.ts': ['createDockerRuntime'],
    'src/main/docker/connection/engine.ts': ['connectEngine', 'systemEndpointSources'],
    'src/main/lib/clock.ts': ['systemClock'],
  });

/**
 * A FROM scratch image around the host's static busybox, tagged `tag`, running `command` in
 * its shell; by default it sleeps until SIGTERM.
 */
export async function buildImage(
  tag = image,
  command = "trap 'exit 0' TERM; while true; do sleep 1; done",
) {
  const context = mkdtempSync(join(tmpdir(), 'stowage-bench-image-'));
  try {
    copyFileSync('/bin/busybox', join(context, 'busybox'));
    writeFileSync(
      join(context, 'Dockerfile'),
      [
        'FROM scratch',
        'LABEL dev.stowage.test="1"',
        'COPY busybox /bin/busybox',
        'RUN ["/bin/busybox","--install","-s","/bin"]',
        `CMD ${JSON.stringify(['/bin/sh', '-c', command])}`,
      ].join('\n'),
    );
    await execFileAsync('docker', ['build', '--quiet', '-t', tag, context], {
      env: { ...process.env, DOCKER_BUILDKIT: '0' },
    });
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
}

export async function removeContainers() {
  const ids = (
    await docker('ps', '-aq', '--filter', `label=${testLabel}`, '--filter', 'label=stowage-bench')
  )
    .split(/\s+/)
    .filter(Boolean);
  if (ids.length > 0) await docker('rm', '--force', ...ids);
}

/** Resolves once `check` holds, looking again after every durable batch of changes. */
export function until(plane, check, what, timeoutMs = 120_000) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      unsubscribe();
      if (error) reject(error);
      else resolve();
    };
    const timer = setTimeout(
      () => finish(new Error(`${what}: not within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const look = () => {
      check().then(
        (done) => done && finish(),
        (error) => finish(error),
      );
    };
    const unsubscribe = plane.subscribe(look);
    look();
  });
}

/** The cluster's tasks that are not STOPPED yet. */
export function liveTasks(plane, cluster) {
  return Object.values(plane.state.tasks).filter(
    (task) => task.clusterArn.endsWith(`/${cluster}`) && task.lastStatus !== 'STOPPED',
  );
}

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** `count` parallel `docker run -d` of the image: how long until every one has answered. */
export async function dockerRunRound(count) {
  const started = performance.now();
  await Promise.all(
    Array.from({ length: count }, () =>
      docker('run', '-d', '--label', testLabel, '--label', 'stowage-bench=1', image),
    ),
  );
  return performance.now() - started;
}

/**
 * Times `subject` against `baseline` in `pairs` pairs, one of each per pair, the order
 * alternating from pair to pair (the baseline first in the first pair) so that both see the
 * same load. Each resolves with the milliseconds it measured, having cleaned up after itself.
 */
export async function alternatingPairs(pairs, { baseline, subject }) {
  const baselineMs = [];
  const subjectMs = [];
  const ratios = [];
  for (let pair = 0; pair < pairs; pair++) {
    let baselineTook;
    let subjectTook;
    if (pair % 2 === 0) {
      baselineTook = await baseline();
      subjectTook = await subject();
    } else {
      subjectTook = await subject();
      baselineTook = await baseline();
    }
    baselineMs.push(baselineTook);
    subjectMs.push(subjectTook);
    ratios.push(subjectTook / baselineTook);
  }
  return { baselineMs, subjectMs, ratios };
}

/**
 * What both benches start from: the image built and a control plane on the Docker runtime,
 * its containers labelled for clean-up. `close` removes what the bench made: its containers,
 * the cluster's network and the image.
 */
export async function openBenchPlane({ cluster, reconcileIntervalMs, promptPassMs }) {
  const modules = await loadModules();
  await buildImage();
  const engine = modules.connectEngine({
    sources: modules.systemEndpointSources(),
    clock: modules.systemClock,
    onStatus: () => undefined,
    onEvent: () => undefined,
  });
  const runtime = modules.createDockerRuntime({
    engine,
    clock: modules.systemClock,
    extraLabels: { 'dev.stowage.test': '1', 'stowage-bench': '1' },
  });
  const plane = new modules.EcsControlPlane({
    clock: modules.systemClock,
    runtime,
    reconcileIntervalMs,
    promptPassMs,
    onError: (error) => console.error(error),
  });
  return {
    plane,
    async close() {
      plane.dispose();
      runtime.close();
      await removeContainers().catch(() => undefined);
      await docker('network', 'rm', `stowage-ecs-${cluster}`).catch(() => undefined);
      await docker('rmi', image).catch(() => undefined);
    },
  };
}
