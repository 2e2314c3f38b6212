import { StowageError } from '../../../shared';
import {
  busyboxNeed,
  createTourContainer,
  engineNeed,
  ensureBaseImage,
  outputOf,
  throwIfCancelled,
} from '../tour-engine';
import type { StepContext, TourStep } from '../step';

const step = 'kernel';
const containerNames = ['stowage-tour-kernel-1', 'stowage-tour-kernel-2'];
const sleeperName = 'stowage-tour-kernel-idle';

/** Runs `uname -r` in a fresh container; how long from start to its exit is measured. */
async function unameIn(
  ctx: StepContext,
  image: string,
  name: string,
  signal: AbortSignal,
): Promise<{ kernel: string; startMs: number }> {
  const container = await createTourContainer(
    ctx.docker,
    { name, image, cmd: ['uname', '-r'], step },
    signal,
  );
  await ctx.created({ kind: 'container', id: container.id, name });
  const started = ctx.elapsedMs();
  await container.start();
  const exit = (await container.wait()) as { StatusCode: number };
  const startMs = ctx.elapsedMs() - started;
  const kernel = await outputOf(container, signal);
  if (exit.StatusCode !== 0) {
    throw new StowageError('OPERATION_FAILED', `uname -r failed in ${name}: ${kernel}`);
  }
  await ctx.progress(
    `${name}: uname -r says ${kernel}, started and done in ${Math.round(startMs)} ms.`,
  );
  return { kernel, startMs };
}

/** The memory an idle shell container uses, read once from the engine's stats. */
async function idleContainerMemory(
  ctx: StepContext,
  image: string,
  signal: AbortSignal,
): Promise<number> {
  const container = await createTourContainer(
    ctx.docker,
    { name: sleeperName, image, cmd: ['sh', '-c', "trap 'exit 0' TERM; sleep 3600 & wait"], step },
    signal,
  );
  await ctx.created({ kind: 'container', id: container.id, name: sleeperName });
  await container.start();
  try {
    const stats = (await container.stats({ stream: false } as object)) as {
      memory_stats?: { usage?: number; stats?: { cache?: number } };
    };
    const usage = stats.memory_stats?.usage ?? 0;
    return Math.max(usage - (stats.memory_stats?.stats?.cache ?? 0), 0);
  } finally {
    await container.kill().catch(() => undefined);
  }
}

export const kernelStep: TourStep<'kernel'> = {
  id: step,
  title: 'Containers share the host’s kernel',
  needs: [engineNeed, busyboxNeed],
  async run(ctx, signal) {
    const image = await ensureBaseImage(ctx.docker, signal, ctx.progress);
    const info = (await ctx.docker.info()) as {
      KernelVersion: string;
      MemTotal: number;
    };
    await ctx.progress(`The engine’s host runs kernel ${info.KernelVersion}.`);
    const runs = [];
    for (const name of containerNames) {
      throwIfCancelled(signal, 'The step');
      runs.push({ name, ...(await unameIn(ctx, image, name, signal)) });
    }
    throwIfCancelled(signal, 'The step');
    const containerMemoryBytes = await idleContainerMemory(ctx, image, signal);
    const fitEstimate =
      containerMemoryBytes > 0 ? Math.floor(info.MemTotal / containerMemoryBytes) : 0;
    await ctx.progress(
      `An idle container uses ${containerMemoryBytes} bytes of memory: about ${fitEstimate} fit in this host’s memory.`,
    );
    return {
      step,
      hostKernel: info.KernelVersion,
      containers: runs.map(({ name, kernel }) => ({ name, kernel })),
      startMs: runs.map((run) => run.startMs),
      containerMemoryBytes,
      hostMemoryBytes: info.MemTotal,
      fitEstimate,
    };
  },
  summary: (result) =>
    result.containers.every((container) => container.kernel === result.hostKernel)
      ? `Both containers and the host run kernel ${result.hostKernel}.`
      : `The containers report ${result.containers.map((c) => c.kernel).join(' and ')}; the engine reports ${result.hostKernel}.`,
};
