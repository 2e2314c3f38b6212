import { describe, expect, it } from 'vitest';
import {
  addressProblem,
  describedPlatforms,
  platformLabel,
  pushTargetOf,
  shortDigest,
  signInLabel,
  signInState,
  sortTags,
  tagFactsOf,
} from './registry-text';

describe('registry page text', () => {
  it('accepts addresses and URLs, and says what a bad one should look like', () => {
    expect(addressProblem('')).toBeUndefined();
    expect(addressProblem('localhost:5000')).toBeUndefined();
    expect(addressProblem('https://ghcr.io/v2/')).toBeUndefined();
    expect(addressProblem('not a host')).toMatch(/host\[:port\]/);
    expect(addressProblem('localhost:99999')).toMatch(/host\[:port\]/);
  });

  it('says who is signed in and where logins are kept, never more', () => {
    const base = {
      registry: 'localhost:5000',
      credentialStore: 'config.json',
      fromDocker: true,
      addedInStowage: false,
    };
    expect(signInState({ ...base, signedIn: true, username: 'ann' })).toBe(
      'As ann. The docker CLI uses the same login.',
    );
    expect(signInState({ ...base, signedIn: false })).toBe(
      'Used without a login. Sign in if the registry asks for one: the docker CLI is then signed in too.',
    );
    expect(signInLabel({ ...base, signedIn: false })).toBe('Anonymous');
    expect(signInLabel({ ...base, signedIn: true, username: 'ann' })).toBe('Signed in as ann');
    expect(signInState({ ...base, signedIn: false, problem: 'helper broke' })).toBe('helper broke');
  });

  it('names platforms and digests as docker does, and hides attestation entries', () => {
    expect(platformLabel({ os: 'linux', architecture: 'arm64', variant: 'v8' })).toBe(
      'linux/arm64/v8',
    );
    expect(shortDigest(`sha256:${'a'.repeat(64)}`)).toBe('sha256:aaaaaaaaaaaa');
    expect(
      describedPlatforms({
        kind: 'index',
        digest: 'd',
        mediaType: 'm',
        manifests: [
          {
            digest: 'a',
            mediaType: 'm',
            size: 1,
            platform: { os: 'linux', architecture: 'amd64' },
          },
          {
            digest: 'b',
            mediaType: 'm',
            size: 1,
            platform: { os: 'unknown', architecture: 'unknown' },
          },
        ],
      }).map((entry) => entry.digest),
    ).toEqual(['a']);
  });
});

describe('push targets and tag order', () => {
  it('suggests the browsed repository, else the image name without its registry', () => {
    expect(pushTargetOf('stowage-test/fixture:1.0', undefined)).toEqual({
      repository: 'stowage-test/fixture',
      tag: '1.0',
    });
    expect(pushTargetOf('localhost:5000/team/app', 'team/web')).toEqual({
      repository: 'team/web',
      tag: 'latest',
    });
    expect(pushTargetOf('ghcr.io/org/app:2', undefined)).toEqual({
      repository: 'org/app',
      tag: '2',
    });
    expect(pushTargetOf('', 'team/web')).toEqual({ repository: 'team/web', tag: '' });
  });

  it('sorts version tags by value', () => {
    expect(sortTags(['latest', '1.10', '1.2', 'multi', '1.0'])).toEqual([
      '1.0',
      '1.2',
      '1.10',
      'latest',
      'multi',
    ]);
  });
});

describe('the facts a tag row shows', () => {
  const digest = `sha256:${'a'.repeat(64)}`;
  it('gives an image its compressed size and the time its config says it was built', () => {
    expect(
      tagFactsOf({
        kind: 'image',
        digest,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        layers: [],
        config: {
          digest,
          mediaType: 'application/vnd.oci.image.config.v1+json',
          size: 500,
          created: 1_700_000_000_000,
        },
        totalSize: 2_500_000,
      }),
    ).toEqual({ digest, size: '2.5 MB', built: 1_700_000_000_000 });
  });

  it('gives an index its platforms and no build time of its own', () => {
    const entry = (os: string) => ({
      digest,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      size: 400,
      platform: { os, architecture: 'amd64' },
    });
    expect(
      tagFactsOf({
        kind: 'index',
        digest,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: [entry('linux'), entry('windows'), entry('unknown')],
      }),
    ).toEqual({ digest, size: '2 platforms', built: undefined });
  });
});
