import type { Readable } from 'node:stream';
import { StowageError, type PullProgress } from '../../../shared';
import type { imagesContract } from '../../../shared/contract/images';
import type { DomainHandlers } from '../../rpc/handlers';
import type { EngineConnection } from '../connection/engine';
import { parseJsonLines } from '../connection/json-lines';
import { classifyEngineMessage } from '../connection/errors';
import type { RegistryAuth } from '../registries/credentials';
import {
  fetchContainerUses,
  fetchImageDetail,
  fetchImages,
  fetchImageUsage,
  imageIdOf,
  openBuild,
  openPull,
  openPush,
  removeImage,
  removeImageById,
  tagImage,
} from './api';
import { packBuildContext } from './build-context';
import { buildFailure, builtImageId, toBuildProgress, type RawBuildLine } from './build-map';
import {
  inPruneScope,
  pushedDigest,
  toImageDetail,
  toImageSummaries,
  toPrunePreview,
  toPullProgress,
  type RawPullLine,
} from './map';

export interface ImageHandlerDeps {
  /** The docker CLI's config.json, when there is one: where registry logins are. */
  registryAuth(reference: string, signal: AbortSignal): Promise<RegistryAuth | undefined>;
}

export function imageHandlers(
  engine: EngineConnection,
  deps: ImageHandlerDeps,
): DomainHandlers<typeof imagesContract> {
  return {
    'images.list': async (_input, { signal }) => {
      const { images, containers } = await fetchImages(engine.docker(), signal);
      return toImageSummaries(images, containers);
    },

    'images.inspect': async ({ image }, { signal }) => {
      const docker = engine.docker();
      const [{ inspect, history }, containers] = await Promise.all([
        fetchImageDetail(docker, image, signal),
        fetchContainerUses(docker, signal),
      ]);
      return toImageDetail(inspect, history, containers);
    },

    'images.remove': async ({ image, force }, { signal }) => {
      const answer = await removeImage(engine.docker(), image, force ?? false, signal);
      return {
        untagged: answer.flatMap((entry) => (entry.Untagged ? [entry.Untagged] : [])),
        deleted: answer.flatMap((entry) => (entry.Deleted ? [entry.Deleted] : [])),
      };
    },

    'images.tag': async ({ image, target }, { signal }) => {
      await tagImage(engine.docker(), image, target, signal);
      return { reference: target };
    },

    'images.prunePreview': async ({ scope }, { signal }) =>
      toPrunePreview(await fetchImageUsage(engine.docker(), signal), scope),

    'images.prune': async ({ scope, ids }, { signal }) => {
      const docker = engine.docker();
      const now = new Map(
        (await fetchImageUsage(docker, signal)).map((image) => [image.Id, image]),
      );
      const removed: string[] = [];
      const kept: { id: string; reason: string }[] = [];
      for (const id of ids) {
        const image = now.get(id);
        if (!image) {
          kept.push({ id, reason: 'It is already gone.' });
          continue;
        }
        if (!inPruneScope(image, scope)) {
          kept.push({ id, reason: 'A container uses it now, or it was tagged since.' });
          continue;
        }
        try {
          // Unused and named several times: removing by id needs force, which is then safe.
          await removeImageById(docker, id, (image.RepoTags ?? []).length > 1, signal);
          removed.push(id);
        } catch (error) {
          kept.push({
            id,
            reason: (error as { json?: { message?: string } }).json?.message ?? String(error),
          });
        }
      }
      return { removed, kept };
    },

    'images.pull': async ({ reference }, { signal, emit }) => {
      const docker = engine.docker();
      const auth = await deps.registryAuth(reference, signal);
      await followProgress(await openPull(docker, reference, auth, signal), emit);
      if (signal.aborted)
        throw new StowageError('CANCELLED', `The pull of ${reference} was cancelled.`);
      return { reference, id: await imageIdOf(docker, reference, signal) };
    },

    'images.build': async (input, { signal, emit }) => {
      const docker = engine.docker();
      const context = await packBuildContext(input.context, input.dockerfile, signal);
      const answer = await openBuild(docker, context, input, signal);
      let built: string | undefined;
      let failure: string | undefined;
      await forEachJsonLine<RawBuildLine>(answer, async (line) => {
        failure ??= buildFailure(line);
        built = builtImageId(line) ?? built;
        for (const item of toBuildProgress(line)) await emit(item);
      });
      if (signal.aborted) throw new StowageError('CANCELLED', 'The build was cancelled.');
      if (failure) throw new StowageError('OPERATION_FAILED', failure);
      if (!built) throw new StowageError('INTERNAL', 'The engine did not say what it built.');
      return { id: await imageIdOf(docker, built, signal), tags: [...input.tags] };
    },

    'images.push': async ({ reference }, { signal, emit }) => {
      const auth = await deps.registryAuth(reference, signal);
      const stream = await openPush(engine.docker(), reference, auth, signal);
      let digest: string | undefined;
      await followProgress(stream, emit, (line) => (digest = pushedDigest(line) ?? digest));
      if (signal.aborted)
        throw new StowageError('CANCELLED', `The push of ${reference} was cancelled.`);
      if (!digest) throw new StowageError('INTERNAL', `The engine did not say what it pushed.`);
      return { reference, digest };
    },
  };
}

/**
 * Reads a pull or push progress stream to its end, handing each line on; a failure the
 * engine reports inside the stream becomes the error of the whole operation.
 */
async function followProgress(
  stream: Readable,
  emit: (progress: PullProgress) => Promise<void>,
  onLine: (line: RawPullLine) => void = () => undefined,
): Promise<void> {
  let failure: string | undefined;
  await forEachJsonLine<RawPullLine>(stream, async (line) => {
    onLine(line);
    if (line.error) failure = line.errorDetail?.message ?? line.error;
    else if (line.status) await emit(toPullProgress(line));
  });
  if (failure) throw new StowageError(classifyEngineMessage(failure), failure);
}

/** Hands each JSON line of an engine answer on, in order, and closes the answer at the end. */
async function forEachJsonLine<T>(
  stream: Readable,
  onLine: (line: T) => Promise<void>,
): Promise<void> {
  const lines: T[] = [];
  const feed = parseJsonLines<T>((line) => lines.push(line));
  try {
    for await (const chunk of stream) {
      feed((chunk as Buffer).toString('utf8'));
      for (const line of lines.splice(0)) await onLine(line);
    }
  } finally {
    stream.destroy();
  }
}
