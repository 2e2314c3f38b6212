import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { call, callEnvelope, nextEvent, openStream, testBackend } from '../../test/support/calls';
import { docker, TEST_LABEL } from '../../test/support/docker';
import { startRegistry } from '../../test/support/registry';
import { startSocketProxy, type SocketProxy } from '../../test/support/socket-proxy';
import type { AnyEvent, EngineStatus, ImageSummary } from '../shared';
import { systemEndpointSources } from './docker/connection/engine';
import { createAppBackend, type AppBackend } from './composition';

const fixtures = inject('fixtureImages');

const isState = (state: EngineStatus['state']) => (event: AnyEvent) =>
  event.name === 'engine.status' && event.payload.state === state;

describe('main services against the real engine', () => {
  let proxy: SocketProxy;
  let services: AppBackend;

  beforeAll(async () => {
    proxy = await startSocketProxy();
    services = testBackend(proxy.dockerHost);
    const connected = nextEvent(services, isState('connected'));
    services.start();
    await connected;
  });

  afterAll(async () => {
    services.stop();
    await proxy.close();
  });

  it('lists the fixture images with their tags, sizes and ids', async () => {
    const images = await call(services, 'images.list', {});
    const fixture = images.find((image) => image.id === fixtures.fixture.id);
    expect(fixture).toBeDefined();
    expect([...(fixture?.repoTags ?? [])].sort()).toEqual([...fixtures.fixture.tags].sort());
    expect(fixture?.size).toBe(fixtures.fixture.size);
    expect(fixture?.labels[TEST_LABEL]).toBe('1');
    const layered = images.find((image) => image.id === fixtures.layered.id);
    expect(layered?.repoTags).toEqual(['stowage-test/layered:1.0']);
  });

  it('counts the containers that use an image', async () => {
    const before = await call(services, 'images.list', {});
    const count = (images: ImageSummary[]) =>
      images.find((image) => image.id === fixtures.layered.id)?.containers;
    await docker(['create', '--label', `${TEST_LABEL}=1`, 'stowage-test/layered:1.0']);
    const after = await call(services, 'images.list', {});
    expect(count(after)).toBe((count(before) ?? 0) + 1);
  });

  it('shows the repository digest of an image pushed to a registry', async () => {
    const registry = await startRegistry();
    try {
      const reference = `${registry.address}/stowage-test/pushed:1.0`;
      await docker(['tag', 'stowage-test/fixture:1.0', reference]);
      await docker(['push', reference]);
      const images = await call(services, 'images.list', {});
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
    const info = await call(services, 'engine.info', {});
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
    const tagged = nextEvent(
      services,
      (event) =>
        event.name === 'engine.event' &&
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
    expect(await callEnvelope(services, 'images.list', {}, controller.signal)).toMatchObject({
      error: { code: 'CANCELLED' },
    });
  });

  it('says the engine is unreachable when it goes away and recovers when it returns', async () => {
    const lost = nextEvent(services, isState('unreachable'));
    await proxy.cut();
    const status = (await lost).payload as EngineStatus;
    expect(status.message).toMatch(/unreachable/);
    expect(status.nextAttemptAt).toBeGreaterThan(status.since - 1);
    expect(await callEnvelope(services, 'images.list', {})).toMatchObject({
      error: { code: 'DOCKER_UNREACHABLE' },
    });

    const back = nextEvent(services, isState('connected'));
    await proxy.restore();
    await back;
    expect((await call(services, 'images.list', {})).length).toBeGreaterThan(0);

    // The event stream was restarted: a new event arrives after the reconnection.
    const tagged = nextEvent(
      services,
      (event) => event.name === 'engine.event' && event.payload.action === 'tag',
    );
    await docker(['tag', 'stowage-test/fixture:1.0', 'stowage-test/fixture:after-reconnect']);
    await tagged;
  });

  it('reports a docker host that cannot work instead of crashing', async () => {
    const sources = systemEndpointSources();
    const broken = createAppBackend({
      dataDir: tmpdir(),
      endpointSources: { ...sources, env: { DOCKER_HOST: 'ftp://nowhere' } },
    });
    expect(await call(broken, 'engine.status', {})).toMatchObject({
      state: 'unreachable',
      message: expect.stringMatching(/Unsupported docker host/),
    });
    expect(await callEnvelope(broken, 'images.list', {})).toMatchObject({
      error: { code: 'DOCKER_UNREACHABLE' },
    });
  });

  it('follows the engine event log as a stream, filtered by type, until cancelled', async () => {
    const log = openStream(services, 'events.follow', { types: ['image'] });
    // The stream is open once the engine has answered; a tag made before may be missed.
    await docker(['tag', 'stowage-test/fixture:1.0', 'stowage-test/fixture:stream-0']);
    const [first] = await log.itemsArrived(1);
    expect(first).toMatchObject({ type: 'image', action: 'tag' });
    await docker(['tag', 'stowage-test/fixture:1.0', 'stowage-test/fixture:stream-1']);
    const items = await log.itemsArrived(2);
    expect(items.every((item) => item.type === 'image')).toBe(true);
    log.cancel();
    await expect(log.end).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('replays the event log from a point in time', async () => {
    const before = Date.now() - 1000;
    await docker(['tag', 'stowage-test/fixture:1.0', 'stowage-test/fixture:replayed']);
    const log = openStream(services, 'events.follow', { since: before, types: ['image'] });
    const [replayed] = await log.itemsArrived(1);
    expect(replayed?.time).toBeGreaterThanOrEqual(before);
    log.cancel();
    await expect(log.end).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('runs ECS tasks on the Docker runtime when the engine answers, unless told to simulate', async () => {
    const dataDirs = [
      mkdtempSync(join(tmpdir(), 'stowage-ecs-')),
      mkdtempSync(join(tmpdir(), 'stowage-ecs-')),
    ];
    const real = createAppBackend({ dataDir: dataDirs[0] as string });
    const simulated = createAppBackend({ dataDir: dataDirs[1] as string, ecsRuntime: 'simulated' });
    try {
      expect(await call(real, 'ecs.status', {})).toMatchObject({ runtime: 'docker' });
      expect(await call(simulated, 'ecs.status', {})).toMatchObject({ runtime: 'simulated' });
    } finally {
      real.stop();
      simulated.stop();
    }
  });
});
