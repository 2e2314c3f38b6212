import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EngineEndpoint } from '../../../shared';
import { listContexts } from './contexts';
import { systemEndpointSources } from './engine';
import type { EndpointSources } from './endpoint';

const defaultInUse: EngineEndpoint = {
  address: 'unix:///var/run/docker.sock',
  source: 'default',
  context: 'default',
};

describe('listContexts', () => {
  let home: string;
  let configDir: string;

  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'stowage-contexts-'));
    configDir = join(home, '.docker');
    mkdirSync(configDir);
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  const sources = (env: Record<string, string> = {}): EndpointSources => ({
    ...systemEndpointSources(),
    env,
    homeDir: home,
    platform: 'linux',
  });

  const writeMeta = (dirName: string, text: string): void => {
    const dir = join(configDir, 'contexts', 'meta', dirName);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'meta.json'), text);
  };
  const digest = (name: string) => createHash('sha256').update(name).digest('hex');
  const writeContext = (name: string, host: string, description = ''): void =>
    writeMeta(
      digest(name),
      JSON.stringify({
        Name: name,
        Metadata: { Description: description },
        Endpoints: { docker: { Host: host, SkipTLSVerify: false } },
      }),
    );

  it('lists only the implicit default context when there are none', () => {
    const { contexts, notices } = listContexts(sources(), defaultInUse);
    expect(contexts).toEqual([
      expect.objectContaining({
        name: 'default',
        kind: 'default',
        host: 'unix:///var/run/docker.sock',
        current: true,
        inUse: true,
      }),
    ]);
    expect(notices).toEqual([]);
  });

  it('reads every context, sorted, and marks the CLI current one and the one in use', () => {
    writeContext('zeta', 'tcp://127.0.0.1:2375', 'a remote engine');
    writeContext('podman', 'unix:///run/user/1000/podman/podman.sock');
    writeFileSync(join(configDir, 'config.json'), JSON.stringify({ currentContext: 'podman' }));
    const inUse: EngineEndpoint = {
      address: 'tcp://127.0.0.1:2375',
      source: 'context',
      context: 'zeta',
    };
    const { contexts } = listContexts(sources(), inUse);
    expect(contexts.map((context) => context.name)).toEqual(['default', 'podman', 'zeta']);
    expect(contexts[1]).toEqual({
      name: 'podman',
      kind: 'context',
      description: '',
      host: 'unix:///run/user/1000/podman/podman.sock',
      current: true,
      inUse: false,
    });
    expect(contexts[2]).toMatchObject({
      description: 'a remote engine',
      current: false,
      inUse: true,
    });
    expect(contexts[0]).toMatchObject({ current: false, inUse: false });
  });

  it('lists broken meta files with the reason instead of failing', () => {
    writeContext('good', 'tcp://127.0.0.1:2375');
    writeMeta(digest('garbled'), '{ not json');
    writeMeta(digest('hostless'), JSON.stringify({ Name: 'hostless', Endpoints: {} }));
    writeMeta(digest('nameless'), JSON.stringify([1, 2, 3]));
    writeMeta(
      'not-a-digest',
      JSON.stringify({ Name: 'moved', Endpoints: { docker: { Host: 'tcp://x:1' } } }),
    );
    mkdirSync(join(configDir, 'contexts', 'meta', 'empty-dir'));
    const { contexts } = listContexts(sources(), defaultInUse);
    const byName = new Map(contexts.map((context) => [context.name, context]));
    expect(byName.get('good')?.broken).toBeUndefined();
    expect(byName.get(digest('garbled'))?.broken).toMatch(/is not valid JSON/);
    expect(byName.get('hostless')?.broken).toMatch(/has no docker endpoint/);
    expect(byName.get(digest('nameless'))?.broken).toMatch(/names no context/);
    expect(byName.get('moved')?.broken).toMatch(/keeps elsewhere/);
    expect(byName.get('empty-dir')?.broken).toMatch(/cannot be read/);
    expect(contexts.filter((context) => context.broken).every((c) => !c.inUse && !c.current)).toBe(
      true,
    );
  });

  it('names a current context that does not exist, and an unreadable config.json', () => {
    writeFileSync(join(configDir, 'config.json'), JSON.stringify({ currentContext: 'gone' }));
    expect(listContexts(sources(), defaultInUse).contexts).toContainEqual(
      expect.objectContaining({
        name: 'gone',
        current: true,
        broken: expect.stringMatching(/does not exist/),
      }),
    );
    writeFileSync(join(configDir, 'config.json'), '{ broken');
    const { contexts, notices } = listContexts(sources(), defaultInUse);
    expect(notices).toEqual([expect.stringMatching(/config\.json is not valid JSON/)]);
    expect(contexts.find((context) => context.name === 'default')?.current).toBe(true);
  });

  it('honours DOCKER_CONTEXT and DOCKER_CONFIG like the CLI', () => {
    const elsewhere = join(home, 'elsewhere');
    configDir = elsewhere;
    writeContext('ci', 'tcp://127.0.0.1:2376');
    const { contexts } = listContexts(
      sources({ DOCKER_CONFIG: elsewhere, DOCKER_CONTEXT: 'ci' }),
      defaultInUse,
    );
    expect(contexts.find((context) => context.name === 'ci')).toMatchObject({ current: true });
    expect(contexts.find((context) => context.name === 'default')).toMatchObject({
      current: false,
    });
  });

  it('puts a DOCKER_HOST override first as the current entry that wins over every context', () => {
    writeContext('podman', 'unix:///run/podman/podman.sock');
    writeFileSync(join(configDir, 'config.json'), JSON.stringify({ currentContext: 'podman' }));
    const inUse: EngineEndpoint = { address: 'tcp://127.0.0.1:9999', source: 'DOCKER_HOST' };
    const { contexts } = listContexts(sources({ DOCKER_HOST: 'tcp://127.0.0.1:9999' }), inUse);
    expect(contexts[0]).toMatchObject({
      name: 'DOCKER_HOST',
      kind: 'DOCKER_HOST',
      host: 'tcp://127.0.0.1:9999',
      current: true,
      inUse: true,
    });
    expect(contexts.filter((context) => context.current)).toHaveLength(1);
    expect(contexts.filter((context) => context.inUse)).toHaveLength(1);
  });
});
