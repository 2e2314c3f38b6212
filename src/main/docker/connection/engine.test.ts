import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EngineStatus } from '../../../shared';
import { ManualClock } from '../../lib/clock';
import { connectEngine, systemEndpointSources, type EngineConnection } from './engine';
import { saveEngineChoice, engineSettingsPath } from './settings';

// Nothing here is started: the connection only resolves endpoints, so no engine is needed.
describe('connectEngine choosing the engine', () => {
  let workDir: string;
  let dataDir: string;
  let configDir: string;
  let statuses: EngineStatus[];
  const opened: EngineConnection[] = [];

  beforeEach(() => {
    workDir = mkdtempSync(join(tmpdir(), 'stowage-engine-'));
    dataDir = join(workDir, 'data');
    configDir = join(workDir, 'home', '.docker');
    statuses = [];
    writeContext('spare', 'tcp://127.0.0.1:1');
  });
  afterEach(() => {
    for (const engine of opened.splice(0)) engine.stop();
    rmSync(workDir, { recursive: true, force: true });
  });

  function writeContext(name: string, host: string): void {
    const dir = join(
      configDir,
      'contexts',
      'meta',
      createHash('sha256').update(name).digest('hex'),
    );
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'meta.json'),
      JSON.stringify({ Name: name, Endpoints: { docker: { Host: host } } }),
    );
  }

  function connect(env: Record<string, string> = {}): EngineConnection {
    const engine = connectEngine({
      sources: {
        ...systemEndpointSources(),
        env,
        homeDir: join(workDir, 'home'),
        platform: 'linux',
      },
      clock: new ManualClock(1000),
      dataDir,
      onStatus: (status) => statuses.push(status),
      onEvent: () => undefined,
      probeTimeoutMs: 500,
    });
    opened.push(engine);
    return engine;
  }

  it('uses the remembered context unless DOCKER_HOST is set', () => {
    saveEngineChoice(engineSettingsPath(dataDir), { context: 'spare' });
    expect(connect().status().endpoint).toEqual({
      address: 'tcp://127.0.0.1:1',
      source: 'context',
      context: 'spare',
    });
    expect(connect({ DOCKER_HOST: 'tcp://127.0.0.1:2' }).status().endpoint).toEqual({
      address: 'tcp://127.0.0.1:2',
      source: 'DOCKER_HOST',
    });
  });

  it('falls back to the docker CLI’s engine when the remembered context is gone, saying so', async () => {
    saveEngineChoice(engineSettingsPath(dataDir), { context: 'deleted' });
    const engine = connect();
    expect(engine.status().endpoint.source).toBe('default');
    const { notices } = await engine.contexts();
    expect(notices).toEqual([
      expect.stringMatching(/remembered engine cannot be used.*"deleted" does not exist/),
    ]);
  });

  it('moves a corrupt settings file aside and says so in the context list', async () => {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(engineSettingsPath(dataDir), 'garbage');
    const engine = connect();
    expect(engine.status().endpoint.source).toBe('default');
    expect((await engine.contexts()).notices).toEqual([
      expect.stringMatching(/moved to .*corrupt-1000/),
    ]);
    expect(readdirSync(dataDir)).toEqual(['engine.json.corrupt-1000']);
  });

  it('switches, reporting connecting on the new endpoint, and remembers the choice', async () => {
    const engine = connect();
    const status = engine.use({ context: 'spare' });
    expect(status).toMatchObject({ state: 'connecting', endpoint: { context: 'spare' } });
    expect(statuses).toEqual([status]);
    expect(engine.status()).toBe(status);
    expect(connect().status().endpoint.context).toBe('spare');
    const { contexts } = await engine.contexts();
    expect(contexts.find((context) => context.inUse)?.name).toBe('spare');
  });

  it('says which unused context does not answer', async () => {
    const { contexts } = await connect().contexts();
    expect(contexts.find((context) => context.name === 'spare')?.unreachable).toMatch(
      /unreachable \(ECONNREFUSED\)/,
    );
  });

  it('refuses a context that does not exist, switching and remembering nothing', () => {
    const engine = connect();
    expect(() => engine.use({ context: 'nowhere' })).toThrow(/"nowhere" does not exist/);
    expect(() => engine.use({ host: 'gopher://x' })).toThrow(/Unsupported docker host/);
    expect(engine.status().endpoint.source).toBe('default');
    expect(statuses).toEqual([]);
    expect(existsSync(engineSettingsPath(dataDir))).toBe(false);
  });

  it('takes a Podman socket by its address', () => {
    const engine = connect();
    const status = engine.use({ host: 'unix:///run/user/1000/podman/podman.sock' });
    expect(status.endpoint).toEqual({
      address: 'unix:///run/user/1000/podman/podman.sock',
      source: 'address',
    });
    expect(connect().status().endpoint.source).toBe('address');
  });
});
