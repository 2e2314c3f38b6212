import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { docker, TEST_LABEL } from '../../test/support/docker';
import { startRegistry } from '../../test/support/registry';
import { startSocketProxy, type SocketProxy } from '../../test/support/socket-proxy';
import type { AnyEvent, EngineInfo, EngineStatus, Envelope, ImageSummary } from '../shared';
import { createServices, systemEndpointSources, type Services } from './services';

const fixtures = inject('fixtureImages');

function servicesBehind(proxy: SocketProxy): Services {
  const sources = systemEndpointSources();
  return createServices({
    endpointSources: { ...sources, env: { ...sources.env, DOCKER_HOST: proxy.dockerHost } },
  });
}

async function call(services: Services, name: string, signal = new AbortController().signal) {
  return services.router.dispatch(name, {}, signal);
}

function result<T>(envelope: Envelope<unknown>): T {
  if ('error' in envelope) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.result as T;
}

function waitFor(services: Services, matches: (event: AnyEvent) => boolean): Promise<AnyEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no matching event within 15 s')), 15_000);
    const unsubscribe = services.events.subscribe((event) => {
      if (!matches(event)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(event);
    });
  });
}

const isState = (state: EngineStatus['state']) => (event: AnyEvent) =>
  event.name === 'engine.status' && event.payload.state === state;

describe('main services against the real engine', () => {
  let proxy: SocketProxy;
  let services: Services;

  beforeAll(async () => {
    proxy = await startSocketProxy();
    services = servicesBehind(proxy);
    const connected = waitFor(services, isState('connected'));
    services.start();
    await connected;
  });

  afterAll(async () => {
    services.stop();
    await proxy.close();
  });

  it('lists the fixture images with their tags, sizes and ids', async () => {
    const images = result<ImageSummary[]>(await call(services, 'images.list'));
    const fixture = images.find((image) => image.id === fixtures.fixture.id);
    expect(fixture).toBeDefined();
    expect([...(fixture?.repoTags ?? [])].sort()).toEqual([...fixtures.fixture.tags].sort());
    expect(fixture?.size).toBe(fixtures.fixture.size);
    expect(fixture?.labels[TEST_LABEL]).toBe('1');
    const layered = images.find((image) => image.id === fixtures.layered.id);
    expect(layered?.repoTags).toEqual(['stowage-test/layered:1.0']);
  });

  it('counts the containers that use an image', async () => {
    const before = result<ImageSummary[]>(await call(services, 'images.list'));
    const count = (images: ImageSummary[]) =>
      images.find((image) => image.id === fixtures.layered.id)?.containers;
    await docker(['create', '--label', `${TEST_LABEL}=1`, 'stowage-test/layered:1.0']);
    const after = result<ImageSummary[]>(await call(services, 'images.list'));
    expect(count(after)).toBe((count(before) ?? 0) + 1);
  });

  it('shows the repository digest of an image pushed to a registry', async () => {
    const registry = await startRegistry();
    try {
      const reference = `${registry.address}/stowage-test/pushed:1.0`;
      await docker(['tag', 'stowage-test/fixture:1.0', reference]);
      await docker(['push', reference]);
      const images = result<ImageSummary[]>(await call(services, 'images.list'));
      const pushed = images.find((image) => image.id === fixtures.fixture.id);
      expect(pushed?.repoTags).toContain(reference);
      expect(pushed?.repoDigests).toContainEqual(
        expect.stringMatching(
          new RegExp(`^${registry.address}/stowage-test/pushed@sha256:[0-9a-f]{64}$`),
        ),
      );
    } finally {
      await registry.stop();
    }
  });

  it('reports what the engine itself says about itself', async () => {
    const info = result<EngineInfo>(await call(services, 'engine.info'));
    const [version, apiVersion] = (
      await docker(['version', '--format', '{{.Server.Version}} {{.Server.APIVersion}}'])
    ).split(' ');
    expect(info.version).toBe(version);
    expect(info.apiVersion).toBe(apiVersion);
    expect(info.storageDriver).toBe(await docker(['info', '--format', '{{.Driver}}']));
    const listed = await docker(['images', '--no-trunc', '--format', '{{.ID}}']);
    expect(info.images).toBe(new Set(listed.split('\n').filter(Boolean)).size);
  });

  it('passes engine events on as they happen', async () => {
    const tagged = waitFor(
      services,
      (event) =>
        event.name === 'docker.event' &&
        event.payload.type === 'image' &&
        event.payload.action === 'tag' &&
        event.payload.attributes.name === 'stowage-test/fixture:events',
    );
    await docker(['tag', 'stowage-test/fixture:1.0', 'stowage-test/fixture:events']);
    expect((await tagged).payload).toMatchObject({ id: fixtures.fixture.id });
  });

  it('answers CANCELLED for a call whose caller gave up', async () => {
    const controller = new AbortController();
    controller.abort();
    expect(await call(services, 'images.list', controller.signal)).toMatchObject({
      error: { code: 'CANCELLED' },
    });
  });

  it('says the engine is unreachable when it goes away and recovers when it returns', async () => {
    const lost = waitFor(services, isState('unreachable'));
    await proxy.cut();
    const status = (await lost).payload as EngineStatus;
    expect(status.message).toMatch(/unreachable/);
    expect(status.nextAttemptAt).toBeGreaterThan(status.since - 1);
    expect(await call(services, 'images.list')).toMatchObject({
      error: { code: 'DOCKER_UNREACHABLE' },
    });

    const back = waitFor(services, isState('connected'));
    await proxy.restore();
    await back;
    expect(result<ImageSummary[]>(await call(services, 'images.list')).length).toBeGreaterThan(0);

    // The event stream was restarted: a new event arrives after the reconnection.
    const tagged = waitFor(
      services,
      (event) => event.name === 'docker.event' && event.payload.action === 'tag',
    );
    await docker(['tag', 'stowage-test/fixture:1.0', 'stowage-test/fixture:after-reconnect']);
    await tagged;
  });

  it('reports a docker host that cannot work instead of crashing', async () => {
    const sources = systemEndpointSources();
    const broken = createServices({
      endpointSources: { ...sources, env: { DOCKER_HOST: 'ftp://nowhere' } },
    });
    expect(broken.engineStatus()).toMatchObject({
      state: 'unreachable',
      message: expect.stringMatching(/Unsupported docker host/),
    });
    expect(await call(broken, 'images.list')).toMatchObject({
      error: { code: 'DOCKER_UNREACHABLE' },
    });
  });
});
