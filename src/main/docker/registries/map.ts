import type { ManifestDetail, RepositoryPage } from '../../../shared';

/** One challenge of a `WWW-Authenticate` header: `Bearer realm="…",service="…"`. */
export interface AuthChallenge {
  scheme: string;
  params: Record<string, string>;
}

/**
 * The challenges of a `WWW-Authenticate` header (RFC 7235): schemes in lower case, each with
 * its auth-params; quoted values unescaped. Malformed parts are skipped, not thrown on.
 */
export function parseWwwAuthenticate(header: string): AuthChallenge[] {
  const challenges: AuthChallenge[] = [];
  const token = /^\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)/;
  let rest = header;
  while (rest.trim().length > 0) {
    const scheme = token.exec(rest);
    if (!scheme?.[1]) break;
    const challenge: AuthChallenge = { scheme: scheme[1].toLowerCase(), params: {} };
    challenges.push(challenge);
    rest = rest.slice(scheme[0].length);
    for (;;) {
      const param =
        /^\s*,?\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*=\s*("((?:[^"\\]|\\.)*)"|[^\s,]*)/.exec(rest);
      if (!param?.[1] || param[2] === undefined) break;
      challenge.params[param[1].toLowerCase()] =
        param[3] !== undefined ? param[3].replace(/\\(.)/g, '$1') : param[2];
      rest = rest.slice(param[0].length);
    }
    rest = rest.replace(/^\s*,/, '');
  }
  return challenges;
}

/** The `last` of the page a `Link: <…?last=x&n=100>; rel="next"` header points at. */
export function nextLastFromLink(link: string | null | undefined): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const match = /<([^>]*)>\s*;.*\brel="?next"?/.exec(part);
    if (!match?.[1]) continue;
    const query = match[1].split('?')[1] ?? '';
    const last = new URLSearchParams(query).get('last');
    if (last) return last;
  }
  return undefined;
}

export function toRepositoryPage(body: unknown, link: string | null): RepositoryPage {
  const repositories = stringArray((body as { repositories?: unknown } | null)?.repositories);
  const next = nextLastFromLink(link);
  return next ? { repositories, next } : { repositories };
}

export function tagsOf(body: unknown): string[] {
  return stringArray((body as { tags?: unknown } | null)?.tags);
}

export const indexMediaTypes = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
];
export const imageManifestMediaTypes = [
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
];
/** What a manifest request accepts: every kind Stowage can show. */
export const manifestAccept = [...indexMediaTypes, ...imageManifestMediaTypes].join(', ');

interface RawDescriptor {
  mediaType?: unknown;
  digest?: unknown;
  size?: unknown;
  platform?: { os?: unknown; architecture?: unknown; variant?: unknown };
}

interface RawManifest {
  mediaType?: unknown;
  manifests?: RawDescriptor[];
  config?: RawDescriptor;
  layers?: RawDescriptor[];
}

/**
 * A manifest as the registry answered it: an index (manifest list) with its platforms, or an
 * image manifest with its layers. `mediaType` is the response's Content-Type, which wins over
 * the body's (older manifests leave it out of the body). The config blob fills in created,
 * architecture and os when it was fetched.
 */
export function toManifestDetail(
  raw: unknown,
  contentType: string,
  digest: string,
  configBlob?: unknown,
): ManifestDetail {
  const manifest = (raw ?? {}) as RawManifest;
  const mediaType =
    contentType.split(';')[0]?.trim() ||
    (typeof manifest.mediaType === 'string' ? manifest.mediaType : '');
  const isIndex =
    indexMediaTypes.includes(mediaType) || (Array.isArray(manifest.manifests) && !manifest.config);
  if (isIndex) {
    return {
      kind: 'index',
      digest,
      mediaType,
      manifests: (manifest.manifests ?? []).map((entry) => {
        const platform = entry.platform;
        const described = {
          digest: text(entry.digest),
          mediaType: text(entry.mediaType),
          size: count(entry.size),
        };
        if (!platform) return described;
        const variant = text(platform.variant);
        return {
          ...described,
          platform: {
            os: text(platform.os),
            architecture: text(platform.architecture),
            ...(variant ? { variant } : {}),
          },
        };
      }),
    };
  }
  const layers = (manifest.layers ?? []).map((layer) => ({
    digest: text(layer.digest),
    mediaType: text(layer.mediaType),
    size: count(layer.size),
  }));
  const config = manifest.config ?? {};
  const blob = (configBlob ?? {}) as { created?: unknown; architecture?: unknown; os?: unknown };
  const created = typeof blob.created === 'string' ? Date.parse(blob.created) : NaN;
  const configSize = count(config.size);
  return {
    kind: 'image',
    digest,
    mediaType,
    layers,
    config: {
      digest: text(config.digest),
      mediaType: text(config.mediaType),
      size: configSize,
      ...(Number.isFinite(created) ? { created } : {}),
      ...(text(blob.architecture) ? { architecture: text(blob.architecture) } : {}),
      ...(text(blob.os) ? { os: text(blob.os) } : {}),
    },
    totalSize: layers.reduce((sum, layer) => sum + layer.size, configSize),
  };
}

function stringArray(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((entry): entry is string => typeof entry === 'string')
    : [];
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0;
}
