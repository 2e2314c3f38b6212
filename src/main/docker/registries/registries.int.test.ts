import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, callEnvelope, openStream } from '../../../../test/support/calls';
import { docker } from '../../../../test/support/docker';
import { fixtureKeeper } from '../../../../test/support/fixtures';
import { startRegistry, type LocalRegistry } from '../../../../test/support/registry';
import { systemEndpointSources } from '../connection/engine';
import { createAppBackend, type AppBackend } from '../../composition';

/** An app backend whose docker config is a temporary folder: the machine's own is never touched. */
function isolatedBackend(dir: string): AppBackend {
  const sources = systemEndpointSources();
  return createAppBackend({
    dataDir: join(dir, 'data'),
    endpointSources: { ...sources, env: { ...sources.env, DOCKER_CONFIG: join(dir, 'docker') } },
  });
}

/** Puts the fixture image into the registry as `stowage-test/fixture:<tag>` with the docker CLI. */
async function pushFixture(
  registry: LocalRegistry,
  tag: string,
  configDir?: string,
  repository = 'stowage-test/fixture',
) {
  const reference = `${registry.address}/${repository}:${tag}`;
  const config = configDir ? ['--config', configDir] : [];
  await docker(['tag', 'stowage-test/fixture:1.0', reference]);
  try {
    if (registry.login && configDir) {
      await docker([
        ...config,
        'login',
        '--username',
        registry.login.username,
        '--password',
        registry.login.password,
        registry.address,
      ]);
    }
    await docker([...config, 'push', reference]);
  } finally {
    await docker(['rmi', reference]);
  }
}

describe('registries without auth', () => {
  let dir: string;
  let services: AppBackend;
  let registry: LocalRegistry;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stowage-registries-'));
    services = isolatedBackend(dir);
    registry = await startRegistry();
    await pushFixture(registry, '1.0');
    await pushFixture(registry, '2.0');
    await pushFixture(registry, '1.0', undefined, 'stowage-test/other');
  });

  afterAll(async () => {
    await registry.stop();
    await rm(dir, { recursive: true, force: true });
    await fixtureKeeper.dropForeignTags();
  });

  it('remembers a registry added by URL, signed out, and forgets it', async () => {
    expect(await call(services, 'registries.list', {})).toEqual([]);
    const added = await call(services, 'registries.add', { registry: registry.address });
    expect(added).toEqual({
      registry: registry.address,
      signedIn: false,
      credentialStore: 'config.json',
      fromDocker: false,
      addedInStowage: true,
    });
    expect(JSON.parse(await readFile(join(dir, 'data', 'registries.json'), 'utf8'))).toEqual({
      registries: [registry.address],
    });
    expect(await call(services, 'registries.list', {})).toEqual([added]);

    await call(services, 'registries.forget', { registry: registry.address });
    expect(await call(services, 'registries.list', {})).toEqual([]);
    await call(services, 'registries.add', { registry: registry.address });
  });

  it('lists the catalog, the tags and an image manifest with its layers and config', async () => {
    const page = await call(services, 'registries.repositories', { registry: registry.address });
    expect(page).toEqual({ repositories: ['stowage-test/fixture', 'stowage-test/other'] });

    const tags = await call(services, 'registries.tags', {
      registry: registry.address,
      repository: 'stowage-test/fixture',
    });
    expect({ ...tags, tags: [...tags.tags].sort() }).toEqual({
      repository: 'stowage-test/fixture',
      tags: ['1.0', '2.0'],
      truncated: false,
    });

    const manifest = await call(services, 'registries.manifest', {
      registry: registry.address,
      repository: 'stowage-test/fixture',
      reference: '1.0',
    });
    expect(manifest.kind).toBe('image');
    if (manifest.kind !== 'image') return;
    expect(manifest.digest).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(manifest.layers.length).toBeGreaterThan(0);
    for (const layer of manifest.layers) {
      expect(layer.size).toBeGreaterThan(0);
      expect(layer.mediaType).toMatch(/tar/);
    }
    expect(manifest.config).toMatchObject({ architecture: 'amd64', os: 'linux' });
    expect(manifest.config.created).toBeGreaterThan(0);
    expect(manifest.totalSize).toBe(
      manifest.config.size + manifest.layers.reduce((sum, layer) => sum + layer.size, 0),
    );

    const byDigest = await call(services, 'registries.manifest', {
      registry: registry.address,
      repository: 'stowage-test/fixture',
      reference: manifest.digest,
    });
    expect(byDigest.digest).toBe(manifest.digest);
  });

  it('shows a manifest list by its platforms, each of which opens as an image', async () => {
    const image = `${registry.address}/stowage-test/fixture:1.0`;
    const list = `${registry.address}/stowage-test/fixture:multi`;
    await docker(['manifest', 'create', '--insecure', list, image]);
    try {
      await docker(['manifest', 'annotate', list, image, '--os', 'linux', '--arch', 'amd64']);
      await docker(['manifest', 'push', '--insecure', list]);
    } finally {
      await docker(['manifest', 'rm', list]).catch(() => undefined);
    }
    const index = await call(services, 'registries.manifest', {
      registry: registry.address,
      repository: 'stowage-test/fixture',
      reference: 'multi',
    });
    expect(index).toMatchObject({
      kind: 'index',
      mediaType: 'application/vnd.docker.distribution.manifest.list.v2+json',
    });
    if (index.kind !== 'index') return;
    expect(index.manifests).toHaveLength(1);
    const [entry] = index.manifests;
    expect(entry?.platform).toEqual({ os: 'linux', architecture: 'amd64' });
    const platform = await call(services, 'registries.manifest', {
      registry: registry.address,
      repository: 'stowage-test/fixture',
      reference: entry?.digest ?? '',
    });
    expect(platform.kind).toBe('image');
  });

  it('pages through the catalog', async () => {
    const first = await call(services, 'registries.repositories', {
      registry: registry.address,
      n: 1,
    });
    expect(first).toEqual({ repositories: ['stowage-test/fixture'], next: 'stowage-test/fixture' });
    const second = await call(services, 'registries.repositories', {
      registry: registry.address,
      n: 1,
      last: first.next,
    });
    expect(second.repositories).toEqual(['stowage-test/other']);
  });

  it('deletes a tag by its digest, and says NOT_FOUND for one that is not there', async () => {
    const deleted = await call(services, 'registries.deleteTag', {
      registry: registry.address,
      repository: 'stowage-test/fixture',
      tag: '2.0',
    });
    expect(deleted.digest).toMatch(/^sha256:/);
    // 1.0 and 2.0 are the same manifest, so both go: the registry deletes by digest. The
    // manifest list is a manifest of its own and stays.
    const tags = await call(services, 'registries.tags', {
      registry: registry.address,
      repository: 'stowage-test/fixture',
    });
    expect(tags.tags).toEqual(['multi']);
    expect(
      await callEnvelope(services, 'registries.deleteTag', {
        registry: registry.address,
        repository: 'stowage-test/fixture',
        tag: '2.0',
      }),
    ).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('says UNREACHABLE for a registry nobody answers on, INVALID_INPUT for a bad name', async () => {
    expect(
      await callEnvelope(services, 'registries.repositories', { registry: '127.0.0.1:9' }),
    ).toMatchObject({ error: { code: 'UNREACHABLE', message: /127\.0\.0\.1:9/ } });
    expect(
      await callEnvelope(services, 'registries.tags', {
        registry: 'http://Example.com/',
        repository: 'a',
      }),
    ).toMatchObject({ error: { code: 'INVALID_INPUT' } });
  });
});

describe('a registry that refuses deletes', () => {
  let dir: string;
  let registry: LocalRegistry;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stowage-registries-'));
    registry = await startRegistry({ deleteEnabled: false });
    await pushFixture(registry, '1.0');
  });

  afterAll(async () => {
    await registry.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers CONFLICT saying deleting is not allowed', async () => {
    const services = isolatedBackend(dir);
    expect(
      await callEnvelope(services, 'registries.deleteTag', {
        registry: registry.address,
        repository: 'stowage-test/fixture',
        tag: '1.0',
      }),
    ).toMatchObject({ error: { code: 'CONFLICT', message: /does not allow deleting/ } });
  });
});

describe('a registry with basic auth', () => {
  let dir: string;
  let services: AppBackend;
  let registry: LocalRegistry;
  const login = { username: 'stowage', password: 'correct horse' };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stowage-registries-'));
    services = isolatedBackend(dir);
    registry = await startRegistry({ basicAuth: login });
    await pushFixture(registry, '1.0', join(dir, 'pusher'));
  });

  afterAll(async () => {
    await registry.stop();
    await rm(dir, { recursive: true, force: true });
    await docker(['rmi', `${registry.address}/stowage-test/fixture:1.0`]).catch(() => undefined);
    await fixtureKeeper.dropForeignTags();
  });

  it('needs a sign-in to list', async () => {
    expect(
      await callEnvelope(services, 'registries.repositories', { registry: registry.address }),
    ).toMatchObject({ error: { code: 'UNAUTHORIZED', message: /Sign in/ } });
  });

  it('refuses a wrong password and stores nothing', async () => {
    expect(
      await callEnvelope(services, 'registries.signIn', {
        registry: registry.address,
        username: login.username,
        password: 'wrong',
      }),
    ).toMatchObject({ error: { code: 'UNAUTHORIZED', message: /refused/ } });
    await expect(readFile(join(dir, 'docker', 'config.json'), 'utf8')).rejects.toThrow();
  });

  it('signs in as docker login would, then browses and pulls with that login', async () => {
    const summary = await call(services, 'registries.signIn', {
      registry: registry.address,
      ...login,
    });
    expect(summary).toMatchObject({
      registry: registry.address,
      signedIn: true,
      username: login.username,
      fromDocker: true,
    });
    expect(JSON.stringify(summary)).not.toContain(login.password);
    const config = JSON.parse(await readFile(join(dir, 'docker', 'config.json'), 'utf8')) as {
      auths: Record<string, { auth: string }>;
    };
    expect(Buffer.from(config.auths[registry.address]?.auth ?? '', 'base64').toString()).toBe(
      `${login.username}:${login.password}`,
    );

    const page = await call(services, 'registries.repositories', { registry: registry.address });
    expect(page.repositories).toEqual(['stowage-test/fixture']);

    const reference = `${registry.address}/stowage-test/fixture:1.0`;
    const pull = openStream(services, 'images.pull', { reference });
    expect(await pull.end).toMatchObject({ reference });
    await docker(['rmi', reference]);
  });

  it('signs out: the login is gone from config.json and listing is refused again', async () => {
    const summary = await call(services, 'registries.signOut', { registry: registry.address });
    expect(summary).toMatchObject({ signedIn: false });
    const config = JSON.parse(await readFile(join(dir, 'docker', 'config.json'), 'utf8')) as {
      auths: Record<string, unknown>;
    };
    expect(config.auths).toEqual({});
    expect(
      await callEnvelope(services, 'registries.repositories', { registry: registry.address }),
    ).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
  });
});
