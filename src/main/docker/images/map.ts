import type { ImageSummary } from '../../../shared';

/** One entry of `GET /images/json`, as far as the list uses it. */
export interface RawImage {
  Id: string;
  RepoTags?: string[] | null;
  RepoDigests?: string[] | null;
  Size: number;
  Created: number;
  Labels?: Record<string, string> | null;
}

/** One entry of `GET /containers/json?all=1`, as far as the image list uses it. */
export interface RawContainerRef {
  ImageID: string;
}

/**
 * The engine's images with the number of containers using each. The engine's own
 * `Containers` figure is -1 unless asked for the expensive size computation, so the count
 * comes from the container list, matched by image id.
 */
export function toImageSummaries(
  images: readonly RawImage[],
  containers: readonly RawContainerRef[],
): ImageSummary[] {
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
