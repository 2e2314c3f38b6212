import type {
  ImageDetail,
  ImageSummary,
  PrunePreview,
  PruneScope,
  PullProgress,
} from '../../../shared';

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

/** `GET /images/{name}/json`, as far as the detail view reads it. */
export interface RawImageInspect {
  Id: string;
  RepoTags?: string[] | null;
  RepoDigests?: string[] | null;
  Created: string;
  Size: number;
  Architecture?: string;
  Os?: string;
  Config?: {
    Entrypoint?: string[] | null;
    Cmd?: string[] | null;
    Env?: string[] | null;
    ExposedPorts?: Record<string, unknown> | null;
    Labels?: Record<string, string> | null;
  } | null;
}

/** One entry of `GET /images/{name}/history` (newest first). */
export interface RawHistoryEntry {
  Created: number;
  CreatedBy: string;
  Size: number;
  Comment?: string;
}

/** One entry of `GET /containers/json?all=1`, as far as the image detail uses it. */
export interface RawContainerUse extends RawContainerRef {
  Id: string;
  Names?: string[] | null;
  State?: string;
  Status?: string;
}

export function toImageDetail(
  inspect: RawImageInspect,
  history: readonly RawHistoryEntry[],
  containers: readonly RawContainerUse[],
): ImageDetail {
  const config = inspect.Config ?? {};
  return {
    id: inspect.Id,
    repoTags: (inspect.RepoTags ?? []).filter((tag) => tag !== '<none>:<none>'),
    repoDigests: inspect.RepoDigests ?? [],
    size: inspect.Size,
    created: Date.parse(inspect.Created) || 0,
    architecture: inspect.Architecture ?? '',
    os: inspect.Os ?? '',
    entrypoint: config.Entrypoint ?? [],
    cmd: config.Cmd ?? [],
    env: config.Env ?? [],
    exposedPorts: Object.keys(config.ExposedPorts ?? {}),
    labels: config.Labels ?? {},
    // Oldest first: the order the image was built in.
    history: [...history].reverse().map((entry) => ({
      createdBy: entry.CreatedBy,
      created: entry.Created * 1000,
      size: entry.Size,
      comment: entry.Comment ?? '',
    })),
    containers: containers
      .filter((container) => container.ImageID === inspect.Id)
      .map((container) => ({
        id: container.Id,
        name: (container.Names?.[0] ?? container.Id.slice(0, 12)).replace(/^\//, ''),
        state: container.State ?? '',
        status: container.Status ?? '',
      })),
    raw: inspect,
  };
}

/** One line of the engine's pull progress stream. */
export interface RawPullLine {
  id?: string;
  aux?: { Digest?: string; Tag?: string };
  status?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
  errorDetail?: { message?: string };
}

export function toPullProgress(line: RawPullLine): PullProgress {
  const detail = line.progressDetail ?? {};
  return {
    id: line.id ?? '',
    status: line.status ?? '',
    ...(typeof detail.current === 'number' ? { current: detail.current } : {}),
    ...(typeof detail.total === 'number' ? { total: detail.total } : {}),
  };
}

/** One image of `GET /system/df`. */
export interface RawImageUsage {
  Id: string;
  RepoTags?: string[] | null;
  Size: number;
  SharedSize: number;
  Containers: number;
  Created: number;
}

const realTags = (tags: readonly string[] | null | undefined) =>
  (tags ?? []).filter((tag) => tag !== '<none>:<none>');

/** Whether a prune of `scope` would remove the image: never while a container uses it. */
export function inPruneScope(image: RawImageUsage, scope: PruneScope): boolean {
  if (image.Containers > 0) return false;
  return scope === 'unused' || realTags(image.RepoTags).length === 0;
}

export function toPrunePreview(images: readonly RawImageUsage[], scope: PruneScope): PrunePreview {
  const chosen = images.filter((image) => inPruneScope(image, scope));
  return {
    images: chosen
      .map((image) => ({
        id: image.Id,
        repoTags: realTags(image.RepoTags),
        size: image.Size,
        created: image.Created * 1000,
      }))
      .sort((a, b) => b.size - a.size),
    reclaimableBytes: chosen.reduce(
      (total, image) => total + Math.max(0, image.Size - Math.max(0, image.SharedSize)),
      0,
    ),
  };
}

/** The digest a push ends with: `{aux: {Digest}}`. */
export function pushedDigest(line: RawPullLine): string | undefined {
  return line.aux?.Digest;
}
