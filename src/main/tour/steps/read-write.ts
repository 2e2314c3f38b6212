import type Docker from 'dockerode';
import {
  busyboxNeed,
  createTourContainer,
  engineNeed,
  ensureBaseImage,
  execIn,
  TOUR_BASE_IMAGE,
  throwIfCancelled,
} from '../tour-engine';
import type { StepContext, TourStep } from '../step';

const step = 'read-write';
const writerName = 'stowage-tour-rw-writer';
const readerName = 'stowage-tour-rw-reader';
export const WRITTEN_PATH = '/note.txt';
const idle = ['sh', '-c', "trap 'exit 0' TERM; sleep 3600 & wait"];

async function startIdle(ctx: StepContext, name: string, signal: AbortSignal) {
  const container = await createTourContainer(
    ctx.docker,
    { name, image: TOUR_BASE_IMAGE, cmd: idle, step },
    signal,
  );
  await ctx.created({ kind: 'container', id: container.id, name });
  await container.start();
  await ctx.progress(`Started ${name} from ${TOUR_BASE_IMAGE}.`);
  return container;
}

/** `docker diff` in its own words: `A /tmp/note.txt`, `C /tmp`. */
async function diffOf(docker: Docker, id: string): Promise<string[]> {
  const changes: unknown = await docker.getContainer(id).changes();
  // With no change the engine answers `null`, which comes back as that text.
  if (!Array.isArray(changes)) return [];
  const kinds = ['C', 'A', 'D'];
  return (changes as { Path: string; Kind: number }[]).map(
    (change) => `${kinds[change.Kind] ?? '?'} ${change.Path}`,
  );
}

export const readWriteStep: TourStep<'read-write'> = {
  id: step,
  title: 'A container is its image plus a thin read-write layer',
  needs: [engineNeed, busyboxNeed],
  async run(ctx, signal) {
    await ensureBaseImage(ctx.docker, signal, ctx.progress);
    const writer = await startIdle(ctx, writerName, signal);
    const reader = await startIdle(ctx, readerName, signal);
    throwIfCancelled(signal, 'The step');
    await execIn(writer, ['sh', '-c', `echo "written in ${writerName}" > ${WRITTEN_PATH}`], signal);
    await ctx.progress(`Wrote ${WRITTEN_PATH} in ${writerName}.`);
    const seen = await execIn(
      reader,
      ['sh', '-c', `test -e ${WRITTEN_PATH} && echo there || echo absent`],
      signal,
    );
    await ctx.progress(`${readerName} looks for ${WRITTEN_PATH}: ${seen}.`);
    const writerChanges = await diffOf(ctx.docker, writer.id);
    const readerChanges = await diffOf(ctx.docker, reader.id);
    const image = (await ctx.docker.getImage(TOUR_BASE_IMAGE).inspect()) as {
      RootFS?: { Layers?: string[] };
    };
    return {
      step,
      image: TOUR_BASE_IMAGE,
      writer: { id: writer.id, name: writerName },
      reader: { id: reader.id, name: readerName },
      path: WRITTEN_PATH,
      writerChanges,
      readerChanges,
      sharedLayers: image.RootFS?.Layers?.length ?? 0,
    };
  },
  summary: (result) =>
    `${result.writer.name}’s read-write layer holds ${result.writerChanges.length} change${result.writerChanges.length === 1 ? '' : 's'}; ${result.reader.name}’s holds ${result.readerChanges.length}. Both share ${result.sharedLayers} read-only layers.`,
};
