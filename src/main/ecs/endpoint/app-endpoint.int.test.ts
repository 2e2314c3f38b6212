import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, connect, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateClusterCommand, ECSClient, ListClustersCommand } from '@aws-sdk/client-ecs';
import { afterEach, describe, expect, it } from 'vitest';
import { call, callEnvelope } from '../../../../test/support/calls';
import { createAppBackend, type AppBackend } from '../../composition';
import { ecsEndpointSettingPath } from './endpoint-setting';

/** A port nothing listens on right now (the kernel's pick, let go at once). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

/** Whether something accepts connections on 127.0.0.1:port. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const clientFor = (endpoint: string) =>
  new ECSClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });

describe('the app’s ECS API endpoint', () => {
  let dataDir: string | undefined;
  let services: AppBackend | undefined;
  let squatter: Server | undefined;

  const startApp = () => {
    services = createAppBackend({ dataDir: dataDir as string, ecsRuntime: 'simulated' });
    services.start();
    return services;
  };
  const stopApp = async () => {
    services?.stop();
    services = undefined;
    const dir = dataDir as string;
    await expect.poll(() => existsSync(join(dir, 'ecs', 'control-plane.lock'))).toBe(false);
  };

  afterEach(async () => {
    await new Promise<void>((done) => (squatter ? squatter.close(() => done()) : done()));
    squatter = undefined;
    if (dataDir) {
      await stopApp();
      await rm(dataDir, { recursive: true, force: true });
      dataDir = undefined;
    }
  });

  it('is off by default; on, the AWS SDK drives the app’s own control plane; off, the port closes', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'stowage-ecs-endpoint-'));
    const app = startApp();
    expect(await call(app, 'ecs.endpoint.get', {})).toEqual({
      enabled: false,
      host: '127.0.0.1',
      port: 4566,
    });

    const port = await freePort();
    const on = await call(app, 'ecs.endpoint.set', { enabled: true, port });
    expect(on).toEqual({ enabled: true, host: '127.0.0.1', port, url: `http://127.0.0.1:${port}` });

    const client = clientFor(on.url as string);
    const created = await client.send(new CreateClusterCommand({ clusterName: 'over-the-wire' }));
    expect(created.cluster?.status).toBe('ACTIVE');
    const listed = await call(app, 'ecs.clusters.list', {});
    expect(listed.map((cluster) => cluster.clusterName)).toContain('over-the-wire');
    await call(app, 'ecs.clusters.create', { clusterName: 'from-the-app' });
    const arns = (await client.send(new ListClustersCommand({}))).clusterArns ?? [];
    expect(arns.some((arn) => arn.endsWith('cluster/from-the-app'))).toBe(true);
    client.destroy();

    expect(await call(app, 'ecs.endpoint.set', { enabled: false })).toEqual({
      enabled: false,
      host: '127.0.0.1',
      port,
    });
    expect(await accepts(port)).toBe(false);
  });

  it('is remembered in the data dir and listens again when the app starts', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'stowage-ecs-endpoint-'));
    const port = await freePort();
    await call(startApp(), 'ecs.endpoint.set', { enabled: true, port });
    expect(JSON.parse(await readFile(ecsEndpointSettingPath(dataDir), 'utf8'))).toEqual({
      version: 1,
      enabled: true,
      host: '127.0.0.1',
      port,
    });
    await stopApp();
    await expect.poll(() => accepts(port)).toBe(false);

    const again = startApp();
    await expect.poll(() => accepts(port)).toBe(true);
    expect((await call(again, 'ecs.endpoint.get', {})).url).toBe(`http://127.0.0.1:${port}`);
  });

  it('refuses a taken port with a clear error and keeps the one that works', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'stowage-ecs-endpoint-'));
    const app = startApp();
    const working = await freePort();
    await call(app, 'ecs.endpoint.set', { enabled: true, port: working });

    const taken = createServer();
    squatter = taken;
    await new Promise<void>((done) => taken.listen(0, '127.0.0.1', done));
    const takenPort = (taken.address() as { port: number }).port;
    const refused = await callEnvelope(app, 'ecs.endpoint.set', { enabled: true, port: takenPort });
    expect(refused).toEqual({
      error: {
        code: 'CONFLICT',
        message: `Port ${takenPort} on 127.0.0.1 is in use by another program. Choose another port for the ECS endpoint.`,
      },
    });
    expect(await call(app, 'ecs.endpoint.get', {})).toMatchObject({ port: working, enabled: true });
    expect(await accepts(working)).toBe(true);
  });

  it('refuses a non-loopback address, and a hand-edited one in the setting file', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'stowage-ecs-endpoint-'));
    const app = startApp();
    for (const host of ['0.0.0.0', '192.168.1.10', 'example.com']) {
      const refused = await callEnvelope(app, 'ecs.endpoint.set', { enabled: true, host });
      expect(refused).toMatchObject({ error: { code: 'INVALID_INPUT' } });
      expect(JSON.stringify(refused)).toContain('loopback only');
    }
    expect((await call(app, 'ecs.endpoint.get', {})).enabled).toBe(false);
    await stopApp();

    const port = await freePort();
    const setting = { version: 1, enabled: true, host: '0.0.0.0', port };
    await writeFile(ecsEndpointSettingPath(dataDir), JSON.stringify(setting));
    const again = startApp();
    await expect
      .poll(async () => (await call(again, 'ecs.endpoint.get', {})).problem)
      .toMatch(/loopback only/);
    expect(await accepts(port)).toBe(false);
  });

  it('moves an unreadable setting aside and stays off, saying so', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'stowage-ecs-endpoint-'));
    await writeFile(ecsEndpointSettingPath(dataDir), '{ not json');
    const status = await call(startApp(), 'ecs.endpoint.get', {});
    expect(status).toMatchObject({ enabled: false });
    expect(status.problem).toMatch(
      /was unreadable; it was moved to .*ecs-endpoint\.json\.corrupt-/,
    );
  });
});
