import { StowageError } from '../../../shared';
import type { imagesContract } from '../../../shared/contract/images';
import type { DomainHandlers } from '../../rpc/handlers';
import type { EngineConnection } from '../connection/engine';
import { parseJsonLines } from '../connection/json-lines';
import { credentialsFor } from '../registries/credentials';
import { fetchImageDetail, fetchImages, imageIdOf, openPull, removeImage } from './api';
import { toImageDetail, toImageSummaries, toPullProgress, type RawPullLine } from './map';

export interface ImageHandlerDeps {
  /** The docker CLI's config.json, when there is one: where registry logins are. */
  readDockerConfig(): string | undefined;
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
      const { inspect, history } = await fetchImageDetail(engine.docker(), image, signal);
      return toImageDetail(inspect, history);
    },

    'images.remove': async ({ image, force }, { signal }) => {
      const answer = await removeImage(engine.docker(), image, force ?? false, signal);
      return {
        untagged: answer.flatMap((entry) => (entry.Untagged ? [entry.Untagged] : [])),
        deleted: answer.flatMap((entry) => (entry.Deleted ? [entry.Deleted] : [])),
      };
    },

    'images.pull': async ({ reference }, { signal, emit }) => {
      const docker = engine.docker();
      const auth = credentialsFor(reference, deps.readDockerConfig());
      const stream = await openPull(docker, reference, auth, signal);
      let failure: string | undefined;
      const lines: RawPullLine[] = [];
      const feed = parseJsonLines<RawPullLine>((line) => lines.push(line));
      try {
        for await (const chunk of stream) {
          feed((chunk as Buffer).toString('utf8'));
          for (const line of lines.splice(0)) {
            if (line.error) failure = line.errorDetail?.message ?? line.error;
            else await emit(toPullProgress(line));
          }
        }
      } finally {
        stream.destroy();
      }
      if (signal.aborted)
        throw new StowageError('CANCELLED', `The pull of ${reference} was cancelled.`);
      if (failure) throw new StowageError(failureCode(failure), failure);
      return { reference, id: await imageIdOf(docker, reference, signal) };
    },
  };
}

function failureCode(message: string) {
  return /not found|manifest unknown|does not exist|pull access denied/i.test(message)
    ? 'NOT_FOUND'
    : 'INTERNAL';
}
