import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, callEnvelope, testBackend } from '../../../../test/support/calls';
import { docker, TEST_LABEL } from '../../../../test/support/docker';
import { startSocketProxy } from '../../../../test/support/socket-proxy';
import type { AppBackend } from '../../composition';
import { readVolumeDirectory } from './files';

const label = { [TEST_LABEL]: '1' };
const unique = (prefix: string) => `stowage-test-${prefix}-${Date.now().toString(36)}`;

/** A labelled container of the busybox fixture, running `script` with `volume` at /data. */
async function containerWriting(volume: string, script: string, detach = false) {
  const name = unique('writer');
  await docker([
    'run',
    ...(detach ? ['-d'] : []),
    '--label',
    `${TEST_LABEL}=1`,
    '--name',
    name,
    '-v',
    `${volume}:/data`,
    'stowage-test/fixture:1.0',
    'sh',
    '-c',
    script,
  ]);
  return name;
}

describe('volumes against the real engine', () => {
  let services: AppBackend;

  beforeAll(() => {
    services = testBackend();
  });

  afterAll(() => services.stop());

  it('creates, lists, inspects and removes a volume', async () => {
    const name = unique('vol');
    const created = await call(services, 'volumes.create', {
      name,
      labels: { ...label, 'org.example.team': 'web' },
    });
    expect(created).toMatchObject({
      name,
      driver: 'local',
      labels: { 'org.example.team': 'web' },
      containers: [],
    });
    expect(created.mountpoint).toContain(name);

    const listed = (await call(services, 'volumes.list', {})).find((v) => v.name === name);
    expect(listed).toMatchObject({ name, scope: 'local', size: 0, containers: [] });
    expect(listed?.created).toBeGreaterThan(Date.now() - 600_000);

    const detail = await call(services, 'volumes.inspect', { name });
    expect((detail.raw as { Name: string }).Name).toBe(name);

    expect(await callEnvelope(services, 'volumes.create', { name, labels: label })).toMatchObject({
      error: { code: 'CONFLICT', message: expect.stringContaining('exists already') },
    });

    expect(await call(services, 'volumes.remove', { name })).toEqual({
      name,
      removedContainers: [],
    });
    expect(await callEnvelope(services, 'volumes.inspect', { name })).toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
  });

  it('refuses bad names and an unknown volume, clearly', async () => {
    for (const name of ['a', '-leading', 'has space', '../escape']) {
      expect(await callEnvelope(services, 'volumes.create', { name })).toMatchObject({
        error: { code: 'INVALID_INPUT' },
      });
    }
    expect(
      await callEnvelope(services, 'volumes.remove', { name: 'stowage-test-absent' }),
    ).toMatchObject({ error: { code: 'NOT_FOUND' } });
    // The engine would wait for such a plugin a long while; Stowage refuses it at once.
    expect(
      await callEnvelope(services, 'volumes.create', {
        name: 'stowage-test-no-driver',
        driver: 'no-such-plugin',
      }),
    ).toMatchObject({
      error: { code: 'INVALID_INPUT', message: expect.stringMatching(/no volume driver.*local/) },
    });
    expect(
      await callEnvelope(services, 'volumes.files', { name: 'stowage-test-absent', path: '/' }),
    ).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('refuses to remove a volume a container uses, naming it, and removes both with force', async () => {
    const name = unique('used');
    await call(services, 'volumes.create', { name, labels: label });
    const user = await containerWriting(name, 'echo hi > /data/x; sleep 600', true);

    const listed = (await call(services, 'volumes.list', {})).find((v) => v.name === name);
    expect(listed?.containers.map((c) => c.name)).toEqual([user]);

    const refused = await callEnvelope(services, 'volumes.remove', { name });
    expect(refused).toMatchObject({
      error: { code: 'CONFLICT', message: expect.stringContaining(user) },
    });

    expect(await call(services, 'volumes.remove', { name, force: true })).toEqual({
      name,
      removedContainers: [user],
    });
    expect((await call(services, 'volumes.list', {})).map((v) => v.name)).not.toContain(name);
    await expect(docker(['inspect', user])).rejects.toThrow(/No such object/);
  });

  it('previews a prune and removes only what the preview listed and still qualifies', async () => {
    const unused = unique('unused');
    const later = unique('later');
    const busy = unique('busy');
    for (const name of [unused, later, busy]) {
      await call(services, 'volumes.create', { name, labels: label });
    }
    await containerWriting(busy, 'head -c 5000 /dev/zero > /data/zeros');
    await containerWriting(unused, 'head -c 3000 /dev/zero > /data/zeros');
    await docker([
      'rm',
      '--force',
      ...(await docker(['ps', '-aq', '--filter', `volume=${unused}`])).split('\n'),
    ]);

    const preview = await call(services, 'volumes.prunePreview', {});
    const names = preview.volumes.map((volume) => volume.name);
    expect(names).toEqual(expect.arrayContaining([unused, later]));
    expect(names).not.toContain(busy);
    expect(preview.volumes.find((v) => v.name === unused)?.size).toBe(3000);
    expect(preview.reclaimableBytes).toBeGreaterThanOrEqual(3000);

    // In use by the time the prune runs: kept, and so is a volume the preview never listed.
    await docker([
      'create',
      '--label',
      `${TEST_LABEL}=1`,
      '-v',
      `${later}:/d`,
      'stowage-test/fixture:1.0',
    ]);
    const pruned = await call(services, 'volumes.prune', {
      names: [unused, later, 'stowage-test-gone'],
    });
    expect(pruned.removed).toEqual([unused]);
    expect(pruned.kept).toEqual([
      { name: later, reason: expect.stringMatching(/In use/) },
      { name: 'stowage-test-gone', reason: 'It is already gone.' },
    ]);
    const left = (await call(services, 'volumes.list', {})).map((v) => v.name);
    expect(left).toEqual(expect.arrayContaining([later, busy]));
    expect(left).not.toContain(unused);
  });

  it('lists the files a container wrote, read-only, and never follows a link', async () => {
    const name = unique('files');
    await call(services, 'volumes.create', { name, labels: label });
    await containerWriting(
      name,
      [
        'mkdir -p /data/logs/2024 /data/empty',
        'printf hello > /data/logs/2024/app.log',
        'printf 12345 > /data/top.txt',
        'chmod 600 /data/top.txt',
        'ln -s /etc /data/outside',
        'ln -s logs /data/inside',
      ].join(' && '),
    );

    const root = await call(services, 'volumes.files', { name, path: '/' });
    if (!root.readable) throw new Error(`the volume should be readable here: ${root.reason}`);
    expect(root.entries.map((e) => [e.name, e.type])).toEqual([
      ['empty', 'directory'],
      ['logs', 'directory'],
      ['inside', 'symlink'],
      ['outside', 'symlink'],
      ['top.txt', 'file'],
    ]);
    expect(root.total).toBe(5);
    expect(root.entries.find((e) => e.name === 'top.txt')).toMatchObject({
      size: 5,
      mode: '-rw-------',
    });
    expect(root.entries.find((e) => e.name === 'outside')?.linkTarget).toBe('/etc');

    const deep = await call(services, 'volumes.files', { name, path: '/logs/2024' });
    expect(deep).toMatchObject({
      readable: true,
      path: '/logs/2024',
      entries: [{ name: 'app.log', type: 'file', size: 5 }],
    });
    expect(deep.readable && deep.entries[0]?.modified).toBeGreaterThan(Date.now() - 600_000);

    for (const path of ['/outside', '/inside/2024', '/inside']) {
      expect(await callEnvelope(services, 'volumes.files', { name, path })).toMatchObject({
        error: { code: 'INVALID_INPUT', message: expect.stringMatching(/symbolic link/) },
      });
    }
    expect(await callEnvelope(services, 'volumes.files', { name, path: '/top.txt' })).toMatchObject(
      { error: { code: 'INVALID_INPUT', message: expect.stringMatching(/not a directory/) } },
    );
    expect(await callEnvelope(services, 'volumes.files', { name, path: '/nope' })).toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
    expect(
      await callEnvelope(services, 'volumes.files', { name, path: '/../../../etc' }),
    ).toMatchObject({ error: { code: 'INVALID_INPUT' } });
  });

  it('reads through a TCP front on loopback, and says why when a mountpoint is not here', async () => {
    const name = unique('remote');
    await call(services, 'volumes.create', { name, labels: label });
    const front = await startSocketProxy();
    const viaLoopback = testBackend(front.dockerHost);
    try {
      expect(await call(viaLoopback, 'volumes.files', { name, path: '/' })).toMatchObject({
        readable: true,
        entries: [],
      });
    } finally {
      viaLoopback.stop();
      await front.close();
    }
    expect(await readVolumeDirectory(`/nonexistent/${name}/_data`, [])).toEqual({
      readable: false,
      reason: expect.stringMatching(/not on this machine/),
    });
  });
});
