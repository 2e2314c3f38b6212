import type Docker from 'dockerode';
import type { RawContainerRef, RawImage } from './map';

/** The image list and the containers that use them, fetched in parallel. */
export async function fetchImages(
  docker: Docker,
  signal: AbortSignal,
): Promise<{ images: RawImage[]; containers: RawContainerRef[] }> {
  const [images, containers] = await Promise.all([
    docker.listImages({ all: false, abortSignal: signal }),
    docker.listContainers({ all: true, abortSignal: signal }),
  ]);
  return { images, containers };
}
