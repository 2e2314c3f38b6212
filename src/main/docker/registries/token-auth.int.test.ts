import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, callEnvelope, openStream } from '../../../../test/support/calls';
import { docker } from '../../../../test/support/docker';
import { fixtureKeeper } from '../../../../test/support/fixtures';
import { startRegistry, type LocalRegistry } from '../../../../test/support/registry';
import { opensslMissing } from '../../../../test/support/token-server';
import { createAppBackend, type AppBackend } from '../../composition';
import { systemEndpointSources } from '../connection/engine';

const missing = await opensslMissing();
if (missing) console.warn(`Skipping the token registry tests: ${missing}.`);

describe.skipIf(missing !== undefined)('a registry with Bearer token auth', () => {
  const login = { username: 'stowage', password: 'token please' };
  let dir: string;
  let services: AppBackend;
  let registry: LocalRegistry;
  let reference: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stowage-token-registry-'));
    const sources = systemEndpointSources();
    services = createAppBackend({
      dataDir: join(dir, 'data'),
      endpointSources: { ...sources, env: { ...sources.env, DOCKER_CONFIG: join(dir, 'docker') } },
    });
    registry = await startRegistry({ tokenAuth: login });
    reference = `${registry.address}/stowage-test/fixture:1.0`;
  });

  afterAll(async () => {
    await registry?.stop();
    await rm(dir, { recursive: true, force: true });
    await docker(['rmi', reference]).catch(() => undefined);
    await fixtureKeeper.dropForeignTags();
  });

  it('asks for a sign-in, and refuses a wrong password with the token server’s answer', async () => {
    expect(
      await callEnvelope(services, 'registries.repositories', { registry: registry.address }),
    ).toMatchObject({ error: { code: 'UNAUTHORIZED', message: /needs you to sign in/ } });
    // Anonymous: the token server gave a token for the catalog that grants nothing.
    expect(registry.tokenRequests?.at(-1)).toMatchObject({
      granted: true,
      scopes: ['registry:catalog:*'],
    });
    expect(registry.tokenRequests?.at(-1)?.account).toBeUndefined();

    expect(
      await callEnvelope(services, 'registries.signIn', {
        registry: registry.address,
        username: login.username,
        password: 'wrong',
      }),
    ).toMatchObject({
      error: { code: 'UNAUTHORIZED', message: /refused the user name or password/ },
    });
    expect(registry.tokenRequests?.at(-1)).toMatchObject({
      account: login.username,
      granted: false,
    });
    await expect(readFile(join(dir, 'docker', 'config.json'), 'utf8')).rejects.toThrow();
  });

  it('signs in, pushes and pulls through the engine with tokens, and browses the registry', async () => {
    const summary = await call(services, 'registries.signIn', {
      registry: registry.address,
      ...login,
    });
    expect(summary).toMatchObject({ signedIn: true, username: login.username });

    await call(services, 'images.tag', { image: 'stowage-test/fixture:1.0', target: reference });
    const push = openStream(services, 'images.push', { reference });
    expect(await push.end).toMatchObject({ reference });
    // The engine got its push token from the token server with the stored login.
    expect(
      registry.tokenRequests?.some(
        (request) =>
          request.account === login.username &&
          request.granted &&
          request.scopes.some((scope) => /^repository:stowage-test\/fixture:.*push/.test(scope)),
      ),
    ).toBe(true);

    const page = await call(services, 'registries.repositories', { registry: registry.address });
    expect(page.repositories).toEqual(['stowage-test/fixture']);
    const tags = await call(services, 'registries.tags', {
      registry: registry.address,
      repository: 'stowage-test/fixture',
    });
    expect(tags.tags).toEqual(['1.0']);
    const manifest = await call(services, 'registries.manifest', {
      registry: registry.address,
      repository: 'stowage-test/fixture',
      reference: '1.0',
    });
    expect(manifest.kind).toBe('image');
    expect(registry.tokenRequests).toContainEqual(
      expect.objectContaining({ scopes: ['registry:catalog:*'], granted: true }),
    );

    await docker(['rmi', reference]);
    const pull = openStream(services, 'images.pull', { reference });
    expect(await pull.end).toMatchObject({ reference });
    expect(await docker(['image', 'inspect', '--format', '{{.Id}}', reference])).toMatch(
      /^sha256:/,
    );
  });

  it('signs out: listing is refused again', async () => {
    await call(services, 'registries.signOut', { registry: registry.address });
    expect(
      await callEnvelope(services, 'registries.repositories', { registry: registry.address }),
    ).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
  });
});
