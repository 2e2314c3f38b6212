import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyRunSpec, type RunSpec } from '../../../shared';
import { call, callEnvelope, openStream, testBackend } from '../../../../test/support/calls';
import { docker, TEST_LABEL } from '../../../../test/support/docker';
import type { AppBackend } from '../../composition';

const label = { name: TEST_LABEL, value: '1' };
const unique = (what: string) => `stowage-test-${what}-${Date.now().toString(36)}`;

function spec(overrides: Partial<RunSpec>): RunSpec {
  return { ...emptyRunSpec, image: 'stowage-test/fixture:1.0', labels: [label], ...overrides };
}

async function state(name: string): Promise<string> {
  return docker(['inspect', '--format', '{{.State.Status}}', name]);
}

async function unusedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('containers against the real engine', () => {
  let services: AppBackend;
  let blocker: Server;
  let takenPort: number;

  beforeAll(async () => {
    services = testBackend();
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    takenPort = (blocker.address() as { port: number }).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => blocker.close(resolve));
  });

  it('runs, lists, pauses, stops, starts, renames and removes a container', async () => {
    const name = unique('life');
    const freePort = await unusedPort();
    const run = await call(services, 'containers.run', {
      spec: spec({
        name,
        image: 'stowage-test/layered:1.0',
        ports: [
          {
            containerPort: '8080',
            hostPort: String(freePort),
            hostIp: '127.0.0.1',
            protocol: 'tcp',
          },
          { containerPort: '9000', hostPort: '', hostIp: '', protocol: 'udp' },
        ],
        env: [{ name: 'GREETING', value: 'hi there' }],
        labels: [label, { name: 'com.docker.compose.project', value: 'shop' }],
      }),
    });
    expect(run.name).toBe(name);
    const listed = await call(services, 'containers.list', { all: false });
    const summary = listed.find((container) => container.id === run.id);
    expect(summary).toMatchObject({ name, state: 'running', composeProject: 'shop' });
    expect(summary?.startedAt).toBeGreaterThan(Date.now() - 60_000);
    expect(summary?.ports).toEqual([
      { containerPort: 8080, protocol: 'tcp', hostPort: freePort, hostIp: '127.0.0.1' },
      { containerPort: 9000, protocol: 'udp' },
    ]);
    const chosen = await call(services, 'containers.list', { ids: [run.id] });
    expect(chosen.map((container) => container.id)).toEqual([run.id]);
    expect(chosen[0]?.startedAt).toBe(summary?.startedAt);
    const page = await fetch(`http://127.0.0.1:${freePort}/`);
    expect(await page.text()).toContain('Stowage fixture');

    const detail = await call(services, 'containers.inspect', { container: name });
    expect(detail.env).toContainEqual({ name: 'GREETING', value: 'hi there' });
    expect(detail.spec.env).toEqual([{ name: 'GREETING', value: 'hi there' }]);

    await call(services, 'containers.pause', { container: name });
    expect(await state(name)).toBe('paused');
    await call(services, 'containers.unpause', { container: name });
    await call(services, 'containers.stop', { container: name, timeoutSeconds: 1 });
    expect(await state(name)).toBe('exited');
    const running = await call(services, 'containers.list', { all: false });
    expect(running.map((container) => container.id)).not.toContain(run.id);
    await call(services, 'containers.start', { container: name });
    expect(await state(name)).toBe('running');
    await call(services, 'containers.restart', { container: name, timeoutSeconds: 1 });
    expect(await state(name)).toBe('running');

    const renamed = `${name}-b`;
    await call(services, 'containers.rename', { container: name, name: renamed });
    expect(await state(renamed)).toBe('running');
    await call(services, 'containers.kill', { container: renamed });
    expect(await state(renamed)).toBe('exited');
    await call(services, 'containers.remove', { container: renamed, volumes: true });
    await expect(state(renamed)).rejects.toThrow(/No such/);
  });

  it('duplicates a container from its spec', async () => {
    const original = await call(services, 'containers.run', {
      spec: spec({
        name: unique('orig'),
        cmd: ['sh', '-c', 'echo duplicated; sleep 60'],
        env: [{ name: 'A', value: '1' }],
        memoryBytes: 32 * 1024 * 1024,
        restartPolicy: 'on-failure',
        maxRetries: 2,
      }),
    });
    const { spec: copy } = await call(services, 'containers.inspect', { container: original.id });
    expect(copy).toMatchObject({
      cmd: ['sh', '-c', 'echo duplicated; sleep 60'],
      env: [{ name: 'A', value: '1' }],
      memoryBytes: 32 * 1024 * 1024,
      restartPolicy: 'on-failure',
      maxRetries: 2,
    });
    const duplicate = await call(services, 'containers.run', {
      spec: { ...copy, name: unique('copy') },
    });
    const again = await call(services, 'containers.inspect', { container: duplicate.id });
    expect(again.spec).toEqual({ ...copy, name: '' });
    for (const id of [original.id, duplicate.id]) {
      await call(services, 'containers.remove', { container: id, force: true });
    }
  });

  it('says CONFLICT naming a taken host port, and leaves nothing behind', async () => {
    const name = unique('taken');
    const refused = await callEnvelope(services, 'containers.run', {
      spec: spec({
        name,
        ports: [
          {
            containerPort: '80',
            hostPort: String(takenPort),
            hostIp: '127.0.0.1',
            protocol: 'tcp',
          },
        ],
      }),
    });
    expect(refused).toMatchObject({
      error: { code: 'CONFLICT', message: expect.stringContaining(`port ${takenPort}`) },
    });
    await expect(state(name)).rejects.toThrow(/No such/);
  });

  it('says NOT_FOUND for an unknown image and INVALID_INPUT for a bad spec', async () => {
    expect(
      await callEnvelope(services, 'containers.run', {
        spec: spec({ image: 'stowage-test/absent:9' }),
      }),
    ).toMatchObject({
      error: { code: 'NOT_FOUND', message: expect.stringContaining('stowage-test/absent:9') },
    });
    const bad = await callEnvelope(services, 'containers.run', {
      spec: spec({
        ports: [{ containerPort: '70000', hostPort: 'x', hostIp: '', protocol: 'tcp' }],
      }),
    });
    expect(bad).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    expect(
      await callEnvelope(services, 'containers.stop', { container: 'stowage-test-nobody' }),
    ).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('reads logs with stdout and stderr apart, and keeps up with a fast writer', async () => {
    const { id } = await call(services, 'containers.run', {
      spec: spec({
        cmd: ['sh', '-c', 'echo to-out; echo to-err >&2; seq 1 50000; sleep 60'],
      }),
    });
    const logs = openStream(services, 'containers.logs', {
      container: id,
      follow: true,
      timestamps: true,
    });
    await expect
      .poll(() => logs.items.flatMap((item) => item.lines).length, { timeout: 20_000 })
      .toBeGreaterThanOrEqual(50_002);
    const lines = logs.items.flatMap((item) => item.lines);
    expect(lines).toContainEqual(expect.objectContaining({ stream: 'stdout', text: 'to-out' }));
    expect(lines).toContainEqual(expect.objectContaining({ stream: 'stderr', text: 'to-err' }));
    expect(lines.at(-1)).toMatchObject({ text: '50000' });
    expect(lines[0]?.timestamp).toMatch(/^\d{4}-\d\d-\d\dT/);
    // Many lines per item, not one item per line.
    expect(logs.items.length).toBeLessThan(lines.length / 10);
    logs.cancel();
    await expect(logs.end).rejects.toMatchObject({ code: 'CANCELLED' });

    const tail = openStream(services, 'containers.logs', {
      container: id,
      follow: false,
      timestamps: false,
      tail: 3,
    });
    await tail.end;
    expect(tail.items.flatMap((item) => item.lines.map((line) => line.text))).toEqual([
      '49998',
      '49999',
      '50000',
    ]);
    await call(services, 'containers.remove', { container: id, force: true });
  });

  it('streams stats samples, lists processes and the read-write changes', async () => {
    const { id } = await call(services, 'containers.run', {
      spec: spec({
        cmd: ['sh', '-c', 'touch /made-here; rm /bin/ls; while true; do :; done'],
        memoryBytes: 64 * 1024 * 1024,
      }),
    });
    const stats = openStream(services, 'containers.stats', { container: id });
    const [, second] = await stats.itemsArrived(2, 20_000);
    expect(second?.memoryLimit).toBe(64 * 1024 * 1024);
    expect(second?.memoryUsage).toBeGreaterThan(0);
    expect(second?.cpuPercent).toBeGreaterThan(10);
    stats.cancel();
    await expect(stats.end).rejects.toMatchObject({ code: 'CANCELLED' });

    const top = await call(services, 'containers.top', { container: id });
    expect(top.titles).toContain('PID');
    expect(top.processes.some((row) => row.join(' ').includes('while true'))).toBe(true);
    const changes = await call(services, 'containers.changes', { container: id });
    expect(changes).toContainEqual(expect.objectContaining({ path: '/made-here', kind: 'added' }));
    expect(changes).toContainEqual({ path: '/bin/ls', kind: 'removed' });
    await call(services, 'containers.remove', { container: id, force: true });
  });

  it('reads the CPU and memory of running containers for the list, and follows new ones', async () => {
    const busy = await call(services, 'containers.run', {
      spec: spec({ cmd: ['sh', '-c', 'while true; do :; done'] }),
    });
    const usage = openStream(services, 'containers.usage', {});
    const reading = (id: string) =>
      usage.items
        .flatMap((item) => item.containers)
        .filter((entry) => entry.id === id)
        .at(-1);
    await expect
      .poll(() => reading(busy.id)?.cpuPercent ?? 0, { timeout: 20_000 })
      .toBeGreaterThan(10);
    expect(reading(busy.id)?.memoryUsage).toBeGreaterThan(0);
    expect(reading(busy.id)?.memoryLimit).toBeGreaterThan(0);

    // A container started while the stream is open joins it; one that stops leaves it.
    const late = await call(services, 'containers.run', { spec: spec({}) });
    await expect
      .poll(() => reading(late.id)?.memoryUsage ?? 0, { timeout: 20_000 })
      .toBeGreaterThan(0);
    await call(services, 'containers.kill', { container: busy.id });
    const seen = usage.items.length;
    await expect
      .poll(
        () =>
          usage.items.length > seen + 1 &&
          !usage.items.at(-1)?.containers.some((entry) => entry.id === busy.id),
        { timeout: 20_000 },
      )
      .toBe(true);
    usage.cancel();
    await expect(usage.end).rejects.toMatchObject({ code: 'CANCELLED' });
    await call(services, 'containers.remove', { container: busy.id, force: true });
    await call(services, 'containers.remove', { container: late.id, force: true });
  });

  it('answers no changes for an untouched container', async () => {
    const { id } = await call(services, 'containers.run', { spec: spec({}) });
    expect(await call(services, 'containers.changes', { container: id })).toEqual([]);
    await call(services, 'containers.remove', { container: id, force: true });
  });

  it('runs an interactive shell: types echo hello, reads hello, resizes, exits', async () => {
    const { id } = await call(services, 'containers.run', { spec: spec({}) });
    const exec = openStream(services, 'containers.exec', {
      container: id,
      cmd: ['/bin/sh'],
      cols: 100,
      rows: 30,
    });
    const [first] = await exec.itemsArrived(1);
    expect(first?.kind).toBe('session');
    const session = first?.kind === 'session' ? first.session : '';
    await call(services, 'containers.execResize', { session, cols: 120, rows: 40 });
    await call(services, 'containers.execInput', { session, data: 'stty size; echo hel""lo\r' });
    const output = () =>
      exec.items.map((item) => (item.kind === 'output' ? item.data : '')).join('');
    await expect.poll(output, { timeout: 10_000 }).toMatch(/\r\nhello\r\n/);
    expect(output()).toContain('40 120');
    await call(services, 'containers.execInput', { session, data: 'exit 7\r' });
    expect(await exec.end).toEqual({ exitCode: 7 });
    expect(
      await callEnvelope(services, 'containers.execInput', { session, data: 'x' }),
    ).toMatchObject({ error: { code: 'NOT_FOUND' } });

    const missing = openStream(services, 'containers.exec', { container: id, cmd: ['bash'] });
    await expect(missing.end).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('no bash'),
    });
    await call(services, 'containers.remove', { container: id, force: true });
  });

  it('previews a prune of stopped containers, and removes only those', async () => {
    const stopped = await call(services, 'containers.run', {
      spec: spec({ cmd: ['sh', '-c', 'echo x > /file; exit 0'] }),
    });
    const up = await call(services, 'containers.run', { spec: spec({}) });
    await expect.poll(() => state(stopped.id), { timeout: 10_000 }).toBe('exited');
    const preview = await call(services, 'containers.prunePreview', {});
    const ids = preview.containers.map((container) => container.id);
    expect(ids).toContain(stopped.id);
    expect(ids).not.toContain(up.id);
    expect(preview.reclaimableBytes).toBeGreaterThan(0);
    const result = await call(services, 'containers.prune', { ids: [stopped.id, up.id] });
    expect(result.removed).toEqual([stopped.id]);
    expect(result.kept).toEqual([{ id: up.id, reason: expect.any(String) }]);
    await expect(state(stopped.id)).rejects.toThrow(/No such/);
    await call(services, 'containers.remove', { container: up.id, force: true });
  });
});
