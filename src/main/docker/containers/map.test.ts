import { describe, expect, it } from 'vitest';
import { runSpecSchema, emptyRunSpec } from '../../../shared';
import recordedChanges from './fixtures/changes.json';
import recordedNoChanges from './fixtures/changes-none.json';
import inspectExited from './fixtures/inspect-exited.json';
import inspectRunning from './fixtures/inspect-running.json';
import recordedList from './fixtures/list.json';
import recordedStats from './fixtures/stats.json';
import recordedTop from './fixtures/top.json';
import {
  healthFromStatus,
  noImageDefaults,
  takenPort,
  toContainerDetail,
  toContainerSummary,
  toCreateBody,
  toRunSpec,
  type RawContainer,
  type RawContainerInspect,
} from './map';
import {
  toContainerPrunePreview,
  toFileChanges,
  toProcessList,
  toStatsSample,
  type RawStats,
} from './readings/map';

// Recorded from Docker 20.10 (cgroup v1): a web server with published ports (one range of udp
// ports), compose and ECS labels, a volume, a read-only bind mount and limits; and a container
// that changed files and exited with 3.
const list = recordedList as RawContainer[];
const web = list.find((container) => container.Names?.[0] === '/stowage-rec-web') as RawContainer;
const exited = list.find((c) => c.Names?.[0] === '/stowage-rec-done') as RawContainer;
const running = inspectRunning as unknown as RawContainerInspect;
const layeredDefaults = {
  env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
  cmd: ['/bin/httpd', '-f', '-p', '8080', '-h', '/srv'],
  entrypoint: [],
  labels: { 'dev.stowage.test': '1', 'dev.stowage.test.fixture': '5c4cc6806efcab68' },
};

describe('container summaries from the list', () => {
  it('names a container without its slash, with its state, labels and grouping labels', () => {
    const summary = toContainerSummary(web, 1_000);
    expect(summary).toMatchObject({
      name: 'stowage-rec-web',
      image: 'stowage-test/layered:1.0',
      state: 'running',
      health: 'none',
      startedAt: 1_000,
      composeProject: 'shop',
      ecsTaskArn: 'arn:aws:ecs:eu-west-1:123456789012:task/demo/0123456789abcdef',
      created: web.Created * 1000,
    });
  });

  it('lists each published port once, though the engine lists it per address family', () => {
    expect(toContainerSummary(web).ports).toEqual([
      { containerPort: 8080, protocol: 'tcp', hostPort: 18080, hostIp: '127.0.0.1' },
      { containerPort: 9001, protocol: 'udp', hostPort: 18081, hostIp: '0.0.0.0' },
      { containerPort: 9002, protocol: 'udp', hostPort: 18082, hostIp: '0.0.0.0' },
    ]);
  });

  it('gives a stopped container no uptime, and keeps its read-write size', () => {
    const summary = toContainerSummary(exited, 1_000);
    expect(summary.state).toBe('exited');
    expect(summary.startedAt).toBeUndefined();
    expect(summary.sizeRw).toBe(5);
    expect(summary.composeProject).toBeUndefined();
  });

  it('reads the health from the status words', () => {
    expect(healthFromStatus('Up 3 minutes (healthy)')).toBe('healthy');
    expect(healthFromStatus('Up 3 minutes (unhealthy)')).toBe('unhealthy');
    expect(healthFromStatus('Up 1 second (health: starting)')).toBe('starting');
    expect(healthFromStatus('Up 3 minutes (Paused)')).toBe('none');
  });
});

describe('container detail from inspect', () => {
  it('splits the environment, and lists mounts, networks and ports', () => {
    const detail = toContainerDetail(running, layeredDefaults);
    expect(detail.env).toContainEqual({ name: 'GREETING', value: 'hello' });
    expect(detail.env).toContainEqual({ name: 'EMPTY', value: '' });
    expect(detail.mounts).toEqual([
      expect.objectContaining({ type: 'volume', name: 'stowage-rec-vol', destination: '/data' }),
      { type: 'bind', source: '/tmp', destination: '/hosttmp', readOnly: true },
    ]);
    expect(detail.networks).toEqual([
      expect.objectContaining({ name: 'bridge', ipAddress: '172.17.0.2', gateway: '172.17.0.1' }),
    ]);
    expect(detail.ports.filter((port) => port.hostPort)).toHaveLength(3);
    expect(detail.command).toEqual(['/bin/httpd', '-f', '-p', '8080', '-h', '/srv']);
    expect(detail.startedAt).toBe(Date.parse('2026-12-01T19:59:29.831658443Z'));
    expect(detail.finishedAt).toBeUndefined();
  });

  it('keeps the exit code of a stopped container', () => {
    const detail = toContainerDetail(
      inspectExited as unknown as RawContainerInspect,
      noImageDefaults,
    );
    expect(detail).toMatchObject({ state: 'exited', exitCode: 3 });
    expect(detail.finishedAt).toBeGreaterThan(0);
  });

  it('makes a spec that runs the same container again, without what the image sets', () => {
    const spec = toRunSpec(running, layeredDefaults);
    expect(runSpecSchema.safeParse(spec).success).toBe(true);
    expect(spec).toMatchObject({
      image: 'stowage-test/layered:1.0',
      cmd: [],
      entrypoint: [],
      env: [
        { name: 'GREETING', value: 'hello' },
        { name: 'EMPTY', value: '' },
      ],
      restartPolicy: 'unless-stopped',
      cpus: 0.5,
      memoryBytes: 64 * 1024 * 1024,
      network: '',
      volumes: [
        { source: 'stowage-rec-vol', target: '/data', readOnly: false },
        { source: '/tmp', target: '/hosttmp', readOnly: true },
      ],
    });
    expect(spec.ports).toContainEqual({
      containerPort: '8080',
      hostPort: '18080',
      hostIp: '127.0.0.1',
      protocol: 'tcp',
    });
    expect(spec.labels.map((label) => label.name).sort()).toEqual([
      'com.amazonaws.ecs.task-arn',
      'com.docker.compose.project',
      'com.docker.compose.service',
    ]);
  });

  it('keeps the command when the container overrode the image’s', () => {
    const spec = toRunSpec(inspectExited as unknown as RawContainerInspect, layeredDefaults);
    expect(spec.cmd[0]).toBe('sh');
    expect(spec.cmd).toHaveLength(3);
  });
});

describe('the engine body for a spec', () => {
  it('publishes a range port by port, binds and anonymous volumes, limits and policy', () => {
    const body = toCreateBody({
      ...emptyRunSpec,
      image: 'busybox',
      ports: [
        { containerPort: '8000-8001', hostPort: '9000-9001', hostIp: '127.0.0.1', protocol: 'tcp' },
        { containerPort: '53', hostPort: '', hostIp: '', protocol: 'udp' },
      ],
      volumes: [
        { source: '/srv', target: '/data', readOnly: true },
        { source: '', target: '/cache', readOnly: false },
      ],
      restartPolicy: 'on-failure',
      maxRetries: 3,
      cpus: 1.5,
      memoryBytes: 128 * 1024 * 1024,
      env: [{ name: 'A', value: 'b=c' }],
    });
    expect(body).toMatchObject({
      Image: 'busybox',
      Env: ['A=b=c'],
      ExposedPorts: { '8000/tcp': {}, '8001/tcp': {}, '53/udp': {} },
      Volumes: { '/cache': {} },
      HostConfig: {
        PortBindings: {
          '8000/tcp': [{ HostIp: '127.0.0.1', HostPort: '9000' }],
          '8001/tcp': [{ HostIp: '127.0.0.1', HostPort: '9001' }],
        },
        Binds: ['/srv:/data:ro'],
        RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 },
        NanoCpus: 1_500_000_000,
        Memory: 134_217_728,
      },
    });
    expect(body).not.toHaveProperty('Cmd');
  });

  it('finds the port in either wording of a taken port', () => {
    expect(
      takenPort(
        'driver failed programming external connectivity on endpoint x (abc): Bind for 0.0.0.0:8080 failed: port is already allocated',
      ),
    ).toBe('8080');
    expect(
      takenPort(
        'Error starting userland proxy: listen tcp4 0.0.0.0:18080: bind: address already in use',
      ),
    ).toBe('18080');
    expect(takenPort('something else')).toBeUndefined();
  });
});

describe('stats, processes, changes and prune', () => {
  it('computes a sample as docker stats does', () => {
    const sample = toStatsSample(recordedStats as RawStats);
    expect(sample).toMatchObject({
      memoryLimit: 67_108_864,
      memoryUsage: 352_256,
      netRx: 736,
      netTx: 0,
      blockRead: 0,
      blockWrite: 0,
      pids: 1,
      cpuPercent: 0,
    });
    expect(sample.time).toBe(Date.parse('2026-12-01T19:59:33.526182771Z'));
    expect(
      toStatsSample({ ...(recordedStats as RawStats), read: '0001-01-01T00:00:00Z' }).time,
    ).toBe(0);
    const busy = structuredClone(recordedStats) as RawStats;
    busy.cpu_stats!.cpu_usage!.total_usage = 31_107_914 + 1_000_000_000;
    busy.blkio_stats = {
      io_service_bytes_recursive: [
        { op: 'Read', value: 10 },
        { op: 'Write', value: 4 },
      ],
    };
    // 1 s of CPU time in 2 s of both CPUs' time: 50 % of one CPU times 2 CPUs.
    expect(toStatsSample(busy)).toMatchObject({ cpuPercent: 100, blockRead: 10, blockWrite: 4 });
  });

  it('lists processes with their titles', () => {
    const top = toProcessList(recordedTop);
    expect(top.titles).toContain('PID');
    expect(top.processes[0]?.at(-1)).toBe('/bin/httpd -f -p 8080 -h /srv');
  });

  it('names each change by kind, and takes null, "null" and a Buffer of it for no changes', () => {
    expect(toFileChanges(recordedChanges)).toEqual([
      { path: '/etc', kind: 'modified' },
      { path: '/etc/stowage', kind: 'modified' },
      { path: '/etc/stowage/release', kind: 'removed' },
      { path: '/srv', kind: 'modified' },
      { path: '/srv/index.html', kind: 'modified' },
      { path: '/newfile', kind: 'added' },
    ]);
    expect(toFileChanges(recordedNoChanges).map((change) => change.kind)).toEqual([
      'added',
      'added',
    ]);
    expect(toFileChanges(null)).toEqual([]);
    expect(toFileChanges('null')).toEqual([]);
    expect(toFileChanges(new TextEncoder().encode('null'))).toEqual([]);
    expect(toFileChanges(new TextEncoder().encode(JSON.stringify(recordedChanges)))).toHaveLength(
      6,
    );
  });

  it('previews only stopped containers and adds up their read-write layers', () => {
    const preview = toContainerPrunePreview(list);
    expect(preview.containers.map((container) => container.name)).toEqual(['stowage-rec-done']);
    expect(preview.reclaimableBytes).toBe(5);
  });
});
