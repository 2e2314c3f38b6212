import type Docker from 'dockerode';
import { signalAware } from '../connection/signal-aware';
import type { RawEngineFacts } from './map';

/** Everything the Engine page shows, fetched in parallel. */
export async function fetchEngineFacts(
  docker: Docker,
  signal: AbortSignal,
): Promise<RawEngineFacts> {
  const [version, info, volumes, images] = await Promise.all([
    signalAware(docker).version({ abortSignal: signal }),
    signalAware(docker).info({ abortSignal: signal }),
    docker.listVolumes({ abortSignal: signal }),
    docker.listImages({ all: false, abortSignal: signal }),
  ]);
  return {
    version: version as RawEngineFacts['version'],
    info: info as RawEngineFacts['info'],
    volumeCount: volumes.Volumes?.length ?? 0,
    imageCount: images.length,
  };
}
