import type Docker from 'dockerode';
import type { ImageSummary } from '../../shared';

/**
 * Lists the engine's images with the number of containers using each. The engine's own
 * `Containers` figure is -1 unless asked for the expensive size computation, so the count comes
 * from the container list, matched by image id.
 */
export async function listImages(docker: Docker, signal: AbortSignal): Promise<ImageSummary[]> {
  const [images, containers] = await Promise.all([
    docker.listImages({ all: false, abortSignal: signal }),
    docker.listContainers({ all: true, abortSignal: signal }),
  ]);
  const containersPerImage = new Map<string, number>();
  for (const container of containers) {
    containersPerImage.set(container.ImageID, (containersPerImage.get(container.ImageID) ?? 0) + 1);
  }
  return images.map((image) => ({
    id: image.Id,
    repoTags: (image.RepoTags ?? []).filter((tag) => tag !== '<none>:<none>'),
    repoDigests: (image.RepoDigests ?? []).filter((digest) => digest !== '<none>@<none>'),
    size: image.Size,
    created: image.Created * 1000,
    containers: containersPerImage.get(image.Id) ?? 0,
    labels: image.Labels ?? {},
  }));
}
