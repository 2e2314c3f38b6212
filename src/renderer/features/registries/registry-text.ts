import type { ManifestDetail, RegistrySummary } from '../../../shared';
import { registryAddressOf } from '../../../shared';
import { formatBytes, plural } from '../../common/format';

/** What is wrong with a registry address typed in, or undefined when it will do. */
export function addressProblem(text: string): string | undefined {
  if (text.trim() === '') return undefined;
  return registryAddressOf(text) === undefined
    ? 'Give the registry as host[:port] or a URL: localhost:5000, https://ghcr.io.'
    : undefined;
}

/**
 * Short words for the sign-in state. Whether a registry needs a login at all is not known
 * until it answers, so without one it is used anonymously, which many registries allow:
 * never "not signed in", as if something were missing.
 */
export function signInLabel(registry: RegistrySummary): string {
  return registry.signedIn ? `Signed in as ${registry.username ?? 'an unnamed user'}` : 'Anonymous';
}

/** One line on who is signed in to a registry, and that the docker CLI shares the login. */
export function signInState(registry: RegistrySummary): string {
  if (registry.problem) return registry.problem;
  if (!registry.signedIn) {
    return 'Used without a login. Sign in if the registry asks for one: the docker CLI is then signed in too.';
  }
  return `As ${registry.username ?? 'an unnamed user'}. The docker CLI uses the same login.`;
}

/** `os/arch[/variant]` of a platform, as docker writes it. */
export function platformLabel(platform: { os: string; architecture: string; variant?: string }) {
  return [platform.os, platform.architecture, platform.variant].filter(Boolean).join('/');
}

/** The short form of a digest: `sha256:` and 12 characters. */
export function shortDigest(digest: string): string {
  const [algorithm, hex] = digest.split(':');
  return hex ? `${algorithm}:${hex.slice(0, 12)}` : digest;
}

/** The image reference docker pulls a tag of a registry by. */
export function pullReference(registry: string, repository: string, tag: string): string {
  return `${registry}/${repository}:${tag}`;
}

/** The platform shown first in an index: the first that names a real os. */
export function describedPlatforms(detail: ManifestDetail) {
  if (detail.kind !== 'index') return [];
  return detail.manifests.filter(
    (entry) => entry.platform === undefined || entry.platform.os !== 'unknown',
  );
}

/**
 * Where a local image goes by default: the repository being browsed, else the image's own
 * name without its registry; its own tag, else latest.
 */
export function pushTargetOf(
  source: string,
  browsing: string | undefined,
): { repository: string; tag: string } {
  if (source === '') return { repository: browsing ?? '', tag: '' };
  const colon = source.lastIndexOf(':');
  const hasTag = colon > source.lastIndexOf('/');
  const name = hasTag ? source.slice(0, colon) : source;
  const tag = hasTag ? source.slice(colon + 1) : 'latest';
  const [first, ...rest] = name.split('/');
  const withoutRegistry =
    rest.length > 0 && first !== undefined && /[.:]|^localhost$/.test(first)
      ? rest.join('/')
      : name;
  return { repository: browsing ?? withoutRegistry, tag };
}

/** Tags in the order people read versions: numbers by value, then the rest by name. */
export function sortTags(tags: readonly string[]): string[] {
  return [...tags].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/** What the tag list shows of the manifest a tag points at. */
export interface TagFacts {
  digest: string;
  /** An image's config and layers as the registry stores them (compressed); an index's platforms. */
  size: string;
  /**
   * When the image was built, from its config: a registry keeps no time of the push. Absent
   * for an index (each platform has its own) and for a config without one.
   */
  built: number | undefined;
}

export function tagFactsOf(detail: ManifestDetail): TagFacts {
  if (detail.kind === 'index') {
    return {
      digest: detail.digest,
      size: plural(describedPlatforms(detail).length, 'platform'),
      built: undefined,
    };
  }
  return {
    digest: detail.digest,
    size: formatBytes(detail.totalSize),
    built: detail.config.created,
  };
}
