import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { call, callEnvelope, nextEvent, openStream } from '../../../../test/support/calls';
import { docker } from '../../../../test/support/docker';
import { startSocketProxy, type SocketProxy } from '../../../../test/support/socket-proxy';
import type { AnyEvent, EngineStatus } from '../../../shared';
import { createAppBackend, type AppBackend } from '../../composition';
import { systemEndpointSources } from './engine';
import type { EndpointSources } from './endpoint';

const statusOf =
  (state: EngineStatus['state'], context: string) =>
  (event: AnyEvent): boolean =>
    event.name === 'engine.status' &&
    event.payload.state === state &&
    event.payload.endpoint.context === context;

describe('switching between two engines', () => {
  let alpha: SocketProxy;
  let beta: SocketProxy;
  let workDir: string;
  let dataDir: string;
  let sources: EndpointSources;
  let services: AppBackend;
  const running: AppBackend[] = [];

  const startServices = async (
    env: Record<string, string> = {},
    context = 'alpha',
  ): Promise<AppBackend> => {
    const started = createAppBackend({
      dataDir,
      endpointSources: { ...sources, env: { ...sources.env, ...env } },
    });
    running.push(started);
    const connected = nextEvent(started, statusOf('connected', context));
    started.start();
    await connected;
    return started;
  };

  beforeAll(async () => {
    alpha = await startSocketProxy();
    beta = await startSocketProxy();
    workDir = mkdtempSync(join(tmpdir(), 'stowage-switch-'));
    dataDir = join(workDir, 'data');
    const configDir = join(workDir, 'home', '.docker');
    for (const [name, proxy] of [
      ['alpha', alpha],
      ['beta', beta],
    ] as const) {
      const dir = join(
        configDir,
        'contexts',
        'meta',
        createHash('sha256').update(name).digest('hex'),
      );
      mkdirSync(dir, { recursive: true });
      const meta = {
        Name: name,
        Metadata: { Description: `engine ${name}` },
        Endpoints: { docker: { Host: proxy.dockerHost } },
      };
      writeFileSync(join(dir, 'meta.json'), JSON.stringify(meta));
    }
    writeFileSync(join(configDir, 'config.json'), JSON.stringify({ currentContext: 'alpha' }));
    const system = systemEndpointSources();
    const env = { ...system.env };
    for (const name of [
      'DOCKER_HOST',
      'DOCKER_CONTEXT',
      'DOCKER_CONFIG',
      'DOCKER_TLS_VERIFY',
      'DOCKER_CERT_PATH',
    ]) {
      delete env[name];
    }
    sources = { ...system, env, homeDir: join(workDir, 'home') };
    services = await startServices();
  });

  afterAll(async () => {
    for (const started of running) started.stop();
    await alpha.close();
    await beta.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('starts on the docker CLI’s current context and lists both', async () => {
    expect(await call(services, 'engine.status', {})).toMatchObject({
      state: 'connected',
      endpoint: { source: 'context', context: 'alpha', address: alpha.dockerHost },
    });
    const { contexts } = await call(services, 'engine.contexts', {});
    expect(contexts.map((context) => [context.name, context.current, context.inUse])).toEqual([
      ['default', false, false],
      ['alpha', true, true],
      ['beta', false, false],
    ]);
    const betaEntry = contexts.find((context) => context.name === 'beta');
    expect(betaEntry).toMatchObject({ host: beta.dockerHost, description: 'engine beta' });
    expect(betaEntry?.unreachable).toBeUndefined();
  });

  it('switches to the other engine: the status follows and streams on the old one end', async () => {
    const log = openStream(services, 'events.follow', { types: ['image'] });
    await docker(['tag', 'stowage-test/fixture:1.0', 'stowage-test/fixture:switch-0']);
    await log.itemsArrived(1);

    const connecting = nextEvent(services, statusOf('connecting', 'beta'));
    const connected = nextEvent(services, statusOf('connected', 'beta'));
    expect(await call(services, 'engine.use', { context: 'beta' })).toMatchObject({
      state: 'connecting',
      endpoint: { context: 'beta', address: beta.dockerHost },
    });
    await connecting;
    await connected;
    await expect(log.end).rejects.toMatchObject({
      code: 'DOCKER_UNREACHABLE',
      message: expect.stringMatching(/switched from context “alpha”.* to context “beta”/),
    });

    expect((await call(services, 'images.list', {})).length).toBeGreaterThan(0);
    const tagged = nextEvent(
      services,
      (event) =>
        event.name === 'engine.event' &&
        event.payload.attributes.name === 'stowage-test/fixture:switch-1',
    );
    await docker(['tag', 'stowage-test/fixture:1.0', 'stowage-test/fixture:switch-1']);
    await tagged;
    const { contexts } = await call(services, 'engine.contexts', {});
    expect(contexts.filter((context) => context.inUse).map((context) => context.name)).toEqual([
      'beta',
    ]);
    expect(JSON.parse(readFileSync(join(dataDir, 'engine.json'), 'utf8'))).toMatchObject({
      engine: { context: 'beta' },
    });
  });

  it('no longer follows the old engine: cutting it changes nothing', async () => {
    const seen: AnyEvent[] = [];
    let replaying = true;
    const unsubscribe = services.events.subscribe((event) => {
      // The hub replays the sticky status while subscribing: that one is not news.
      if (event.name === 'engine.status' && !replaying) seen.push(event);
    });
    replaying = false;
    // Nothing of the app is left on the old engine: no event stream, no kept-alive socket.
    await vi.waitFor(() => expect(alpha.clients()).toBe(0), { timeout: 10_000, interval: 50 });
    await alpha.cut();
    // The app still serves from the new engine: an event comes through it after the cut.
    const tagged = nextEvent(
      services,
      (event) =>
        event.name === 'engine.event' &&
        event.payload.attributes.name === 'stowage-test/fixture:switch-2',
    );
    await docker(['tag', 'stowage-test/fixture:1.0', 'stowage-test/fixture:switch-2']);
    await tagged;
    unsubscribe();
    await alpha.restore();
    expect(seen).toEqual([]);
    expect(await call(services, 'engine.status', {})).toMatchObject({ state: 'connected' });
  });

  it('says the new engine is unreachable when it goes away while the old one still answers', async () => {
    const lost = nextEvent(services, statusOf('unreachable', 'beta'));
    await beta.cut();
    try {
      await lost;
      expect(await callEnvelope(services, 'images.list', {})).toMatchObject({
        error: { code: 'DOCKER_UNREACHABLE' },
      });
      const { contexts } = await call(services, 'engine.contexts', {});
      const byName = new Map(contexts.map((context) => [context.name, context]));
      expect(byName.get('beta')?.unreachable).toMatch(/unreachable/);
      expect(byName.get('alpha')?.unreachable).toBeUndefined();
    } finally {
      const back = nextEvent(services, statusOf('connected', 'beta'), 30_000);
      await beta.restore();
      await back;
    }
  });

  it('refuses a context that does not exist and stays where it is', async () => {
    expect(await callEnvelope(services, 'engine.use', { context: 'nowhere' })).toMatchObject({
      error: { code: 'NOT_FOUND', message: expect.stringMatching(/"nowhere" does not exist/) },
    });
    expect(await callEnvelope(services, 'engine.use', { host: 'ftp://nowhere' })).toMatchObject({
      error: { code: 'INVALID_INPUT' },
    });
    expect(await call(services, 'engine.status', {})).toMatchObject({
      endpoint: { context: 'beta' },
    });
  });

  it('starts on the remembered engine next time, unless DOCKER_HOST is set', async () => {
    services.stop();
    const restarted = await startServices({}, 'beta');
    expect(await call(restarted, 'engine.status', {})).toMatchObject({
      state: 'connected',
      endpoint: { context: 'beta' },
    });
    restarted.stop();

    const overridden = createAppBackend({
      dataDir,
      endpointSources: { ...sources, env: { ...sources.env, DOCKER_HOST: alpha.dockerHost } },
    });
    running.push(overridden);
    expect(await call(overridden, 'engine.status', {})).toMatchObject({
      endpoint: { source: 'DOCKER_HOST', address: alpha.dockerHost },
    });
  });
});
