import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nextLastFromLink, parseWwwAuthenticate, toManifestDetail, toRepositoryPage } from './map';

const recorded = (name: string): unknown =>
  JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8')) as unknown;

describe('WWW-Authenticate', () => {
  it('reads a Bearer challenge as Distribution and Docker Hub send it', () => {
    expect(
      parseWwwAuthenticate(
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/busybox:pull"',
      ),
    ).toEqual([
      {
        scheme: 'bearer',
        params: {
          realm: 'https://auth.docker.io/token',
          service: 'registry.docker.io',
          scope: 'repository:library/busybox:pull',
        },
      },
    ]);
  });

  it('reads Basic, unquoted values, escapes and several challenges', () => {
    expect(parseWwwAuthenticate('Basic realm="stowage-test"')).toEqual([
      { scheme: 'basic', params: { realm: 'stowage-test' } },
    ]);
    expect(parseWwwAuthenticate('Basic realm=plain, Bearer realm="a \\"b\\"", error=x')).toEqual([
      { scheme: 'basic', params: { realm: 'plain' } },
      { scheme: 'bearer', params: { realm: 'a "b"', error: 'x' } },
    ]);
  });

  it('gives nothing for an empty or malformed header', () => {
    expect(parseWwwAuthenticate('')).toEqual([]);
    expect(parseWwwAuthenticate('  ,,')).toEqual([]);
    expect(parseWwwAuthenticate('Bearer')).toEqual([{ scheme: 'bearer', params: {} }]);
  });
});

describe('catalog pages', () => {
  it('takes the next page from the Link header', () => {
    expect(nextLastFromLink('</v2/_catalog?last=team%2Fapp&n=100>; rel="next"')).toBe('team/app');
    expect(nextLastFromLink('</v2/x/tags/list?n=2&last=1.0>; rel=next')).toBe('1.0');
    expect(nextLastFromLink('</v2/_catalog?last=a&n=1>; rel="prev"')).toBeUndefined();
    expect(nextLastFromLink(null)).toBeUndefined();
  });

  it('maps a recorded catalog answer', () => {
    expect(
      toRepositoryPage(
        { repositories: ['stowage-test/rec', 7] },
        '</v2/_catalog?last=stowage-test%2Frec&n=1>; rel="next"',
      ),
    ).toEqual({ repositories: ['stowage-test/rec'], next: 'stowage-test/rec' });
    expect(toRepositoryPage({ repositories: [] }, null)).toEqual({ repositories: [] });
    expect(toRepositoryPage(null, null)).toEqual({ repositories: [] });
  });
});

describe('manifests', () => {
  it('maps a recorded image manifest with its config blob', () => {
    const detail = toManifestDetail(
      recorded('manifest-v2.json'),
      'application/vnd.docker.distribution.manifest.v2+json',
      'sha256:09f73400d62b758eae79a1c688892f13be04c89f65b7964eaaa206a41c2be7d2',
      recorded('config-blob.json'),
    );
    expect(detail).toEqual({
      kind: 'image',
      digest: 'sha256:09f73400d62b758eae79a1c688892f13be04c89f65b7964eaaa206a41c2be7d2',
      mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      layers: [
        {
          digest: 'sha256:30ec22962776a479f81a8ad58b8f2ae398352518f46d93eae3c8382a02705a8f',
          mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
          size: 1_064_337,
        },
      ],
      config: {
        digest: 'sha256:7ed5585c512ebe931bf40e49ba86be09796056daebde5d228d0282e33c399eb3',
        mediaType: 'application/vnd.docker.container.image.v1+json',
        size: 1695,
        created: Date.parse('2026-12-01T20:02:15.989Z'),
        architecture: 'amd64',
        os: 'linux',
      },
      totalSize: 1_064_337 + 1695,
    });
  });

  it('leaves out what a missing config blob would have said', () => {
    const detail = toManifestDetail(recorded('manifest-v2.json'), '', 'sha256:x');
    expect(detail.kind === 'image' && detail.config).toEqual({
      digest: 'sha256:7ed5585c512ebe931bf40e49ba86be09796056daebde5d228d0282e33c399eb3',
      mediaType: 'application/vnd.docker.container.image.v1+json',
      size: 1695,
    });
    // Without a Content-Type the body's media type is used.
    expect(detail.mediaType).toBe('application/vnd.docker.distribution.manifest.v2+json');
  });

  it('maps an OCI index to its platforms, variants included', () => {
    const detail = toManifestDetail(
      recorded('oci-index.json'),
      'application/vnd.oci.image.index.v1+json',
      'sha256:index',
    );
    expect(detail.kind).toBe('index');
    if (detail.kind !== 'index') return;
    expect(detail.manifests.map((entry) => entry.platform)).toEqual([
      { os: 'linux', architecture: 'amd64' },
      { os: 'linux', architecture: 'arm64', variant: 'v8' },
      { os: 'unknown', architecture: 'unknown' },
    ]);
    expect(detail.manifests[0]).toMatchObject({ size: 610 });
  });

  it('takes a body with manifests and no config for an index, and survives junk', () => {
    expect(toManifestDetail({ manifests: [{}] }, '', 'd').kind).toBe('index');
    expect(toManifestDetail('junk', 'text/plain', 'd')).toMatchObject({
      kind: 'image',
      layers: [],
      totalSize: 0,
    });
  });
});
