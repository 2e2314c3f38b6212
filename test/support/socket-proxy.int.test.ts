import { connect } from 'node:net';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { docker } from './docker';
import { startSocketProxy, type SocketProxy } from './socket-proxy';

/** Resolves with the error code of a fresh TCP connection attempt, or 'connected'. */
function tryConnect(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

// A keep-alive socket that the client has not yet seen closing fails with 'socket hang up'
// rather than ECONNREFUSED; either way the engine is gone for the client.
const engineGone = /ECONNREFUSED|socket hang up|ECONNRESET/;

describe('socket proxy', () => {
  let proxy: SocketProxy;
  let viaProxy: Docker;
  let engineVersion: string;

  beforeAll(async () => {
    engineVersion = await docker(['version', '--format', '{{.Server.Version}}']);
    proxy = await startSocketProxy();
    viaProxy = new Docker({ host: '127.0.0.1', port: proxy.port });
  });

  afterAll(async () => {
    await proxy.close();
  });

  it('forwards the Docker API to the engine', async () => {
    expect(proxy.dockerHost).toBe(`tcp://127.0.0.1:${proxy.port}`);
    const version = await viaProxy.version();
    expect(version.Version).toBe(engineVersion);

    const fixture = inject('fixtureImages').fixture;
    const image = await viaProxy.getImage('stowage-test/fixture:1.0').inspect();
    expect(image.Id).toBe(fixture.id);
  });

  it('cut() ends open connections and refuses new ones; restore() brings the same port back', async () => {
    const events = (await viaProxy.getEvents()) as NodeJS.ReadableStream;
    const eventsEnded = new Promise<void>((resolve) => {
      events.once('end', resolve);
      events.once('close', resolve);
      events.once('error', () => resolve());
    });

    await proxy.cut();

    await expect(eventsEnded).resolves.toBeUndefined();
    expect(await tryConnect(proxy.port)).toBe('ECONNREFUSED');
    await expect(viaProxy.version()).rejects.toThrow(engineGone);
    await expect(
      docker(['version', '--format', '{{.Server.Version}}'], {
        env: { DOCKER_HOST: proxy.dockerHost },
        timeoutMs: 15_000,
      }),
    ).rejects.toThrow(/Cannot connect|connection refused/i);

    await proxy.restore();

    expect(await tryConnect(proxy.port)).toBe('connected');
    expect((await viaProxy.version()).Version).toBe(engineVersion);
    await expect(
      docker(['version', '--format', '{{.Server.Version}}'], {
        env: { DOCKER_HOST: proxy.dockerHost },
      }),
    ).resolves.toBe(engineVersion);
  });

  it('restore() while listening and cut() while cut are harmless', async () => {
    await proxy.restore();
    await proxy.restore();
    expect((await viaProxy.version()).Version).toBe(engineVersion);
    await proxy.cut();
    await proxy.cut();
    expect(await tryConnect(proxy.port)).toBe('ECONNREFUSED');
    await expect(viaProxy.version()).rejects.toThrow(engineGone);
    await proxy.restore();
    expect(await tryConnect(proxy.port)).toBe('connected');
    expect((await viaProxy.version()).Version).toBe(engineVersion);
  });
});
