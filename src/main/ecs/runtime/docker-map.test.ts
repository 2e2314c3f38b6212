import { describe, expect, it } from 'vitest';
import {
  containerCreateOptions,
  containerEndOf,
  groupByTask,
  healthConfigOf,
  healthOfListedStatus,
  isNamespaceOwner,
  listedPortsOf,
  namespaceOwnerCreateOptions,
  networkBindingsOf,
  resourcesOf,
  withDefaultTag,
} from './docker-map';
import type { RuntimeContainerSpec, RuntimeTaskSpec } from '../control-plane/core/runtime-port';

const taskArn = 'arn:aws:ecs:us-east-1:000000000000:task/demo/0123456789abcdef0123456789abcdef';

const web: RuntimeContainerSpec = {
  name: 'web',
  containerArn: 'arn:aws:ecs:us-east-1:000000000000:container/demo/0123/c1',
  definition: {
    name: 'web',
    image: 'stowage-test/layered:1.0',
    memory: 256,
    memoryReservation: 128,
    cpu: 512,
    command: ['/bin/httpd', '-f', '-p', '8080'],
    entryPoint: ['/bin/env'],
    workingDirectory: '/srv',
    user: '1000',
    environment: [{ name: 'MODE', value: 'demo' }, { name: 'EMPTY' }],
    dockerLabels: { 'org.example.team': 'web', 'com.amazonaws.ecs.cluster': 'spoofed' },
    stopTimeout: 5,
  },
  essential: true,
  portMappings: [
    { containerPort: 8080, hostPort: 0, protocol: 'tcp' },
    { containerPort: 53, hostPort: 5353, protocol: 'udp' },
  ],
};

function taskOf(networkMode: RuntimeTaskSpec['networkMode']): RuntimeTaskSpec {
  return {
    taskArn,
    clusterArn: 'arn:aws:ecs:us-east-1:000000000000:cluster/demo',
    taskDefinitionArn: 'arn:aws:ecs:us-east-1:000000000000:task-definition/site:3',
    family: 'site',
    revision: 3,
    networkMode,
    privateIpv4Address: '10.0.4.7',
    containers: [web],
  };
}

describe('container create options', () => {
  it('carries the ECS labels over the definition’s own, and the extra labels', () => {
    const options = containerCreateOptions(taskOf('bridge'), web, { 'dev.stowage.test': '1' });
    expect(options.name).toBe('ecs-site-3-web-0123456789abcdef0123456789abcdef');
    expect(options.Labels).toEqual({
      'org.example.team': 'web',
      'dev.stowage.test': '1',
      'dev.stowage.ecs.runtime': 'docker',
      'com.amazonaws.ecs.cluster': 'demo',
      'com.amazonaws.ecs.task-arn': taskArn,
      'com.amazonaws.ecs.container-name': 'web',
      'com.amazonaws.ecs.task-definition-family': 'site',
      'com.amazonaws.ecs.task-definition-version': '3',
    });
  });

  it('passes image, command, entry point, working directory, user, environment and stop timeout', () => {
    const options = containerCreateOptions(taskOf('bridge'), web, {});
    expect(options).toMatchObject({
      Image: 'stowage-test/layered:1.0',
      Cmd: ['/bin/httpd', '-f', '-p', '8080'],
      Entrypoint: ['/bin/env'],
      WorkingDir: '/srv',
      User: '1000',
      Env: ['MODE=demo', 'EMPTY='],
      StopTimeout: 5,
    });
    expect(options.Healthcheck).toBeUndefined();
  });

  it('leaves the image’s own command and entry point when the definition has none', () => {
    const bare = { ...web, definition: { name: 'web', image: 'busybox', memory: 64 } };
    const options = containerCreateOptions(taskOf('none'), bare, {});
    expect(options).not.toHaveProperty('Cmd');
    expect(options).not.toHaveProperty('Entrypoint');
    expect(options).not.toHaveProperty('WorkingDir');
    expect(options.Env).toEqual([]);
  });

  it('bridge: joins the cluster network and publishes ports, an empty host port for a dynamic one', () => {
    const options = containerCreateOptions(taskOf('bridge'), web, {});
    expect(options.HostConfig?.NetworkMode).toBe('stowage-ecs-demo');
    expect(options.ExposedPorts).toEqual({ '8080/tcp': {}, '53/udp': {} });
    expect(options.HostConfig?.PortBindings).toEqual({
      '8080/tcp': [{ HostPort: '' }],
      '53/udp': [{ HostPort: '5353' }],
    });
    expect(options.NetworkingConfig).toEqual({
      EndpointsConfig: { 'stowage-ecs-demo': { Aliases: ['web'] } },
    });
  });

  it('host and none: the host’s network or none, nothing published', () => {
    for (const mode of ['host', 'none'] as const) {
      const options = containerCreateOptions(taskOf(mode), web, {});
      expect(options.HostConfig?.NetworkMode).toBe(mode);
      expect(options.HostConfig).not.toHaveProperty('PortBindings');
      expect(options).not.toHaveProperty('ExposedPorts');
      expect(options).not.toHaveProperty('NetworkingConfig');
    }
  });

  it('awsvpc: joins the namespace of the task’s owner container, and needs one', () => {
    const options = containerCreateOptions(taskOf('awsvpc'), web, {}, 'abc123');
    expect(options.HostConfig?.NetworkMode).toBe('container:abc123');
    expect(options.HostConfig).not.toHaveProperty('PortBindings');
    expect(() => containerCreateOptions(taskOf('awsvpc'), web, {})).toThrow(/namespace owner/);
  });

  it('awsvpc owner: sleeps in the task’s first image on the cluster network, at the task’s address when given', () => {
    const owner = namespaceOwnerCreateOptions(
      taskOf('awsvpc'),
      { 'dev.stowage.test': '1' },
      '10.0.4.7',
    );
    expect(owner).toMatchObject({
      name: 'ecs-site-3-internalecspause-0123456789abcdef0123456789abcdef',
      Image: 'stowage-test/layered:1.0',
      Entrypoint: ['sleep'],
      HostConfig: { NetworkMode: 'stowage-ecs-demo' },
      NetworkingConfig: {
        EndpointsConfig: { 'stowage-ecs-demo': { IPAMConfig: { IPv4Address: '10.0.4.7' } } },
      },
    });
    expect(owner.Labels).toMatchObject({
      'dev.stowage.ecs.role': 'namespace',
      'com.amazonaws.ecs.task-arn': taskArn,
      'dev.stowage.test': '1',
    });
    expect(owner.Labels).not.toHaveProperty('com.amazonaws.ecs.container-name');
    const anywhere = namespaceOwnerCreateOptions(taskOf('awsvpc'), {}, undefined);
    expect(anywhere.NetworkingConfig?.EndpointsConfig?.['stowage-ecs-demo']).toEqual({});
  });
});

describe('limits and health checks', () => {
  it('memory and reservation in MiB become bytes, cpu units become CPU shares (at least 2)', () => {
    expect(resourcesOf(web.definition)).toEqual({
      Memory: 256 * 1024 * 1024,
      MemoryReservation: 128 * 1024 * 1024,
      CpuShares: 512,
    });
    expect(resourcesOf({ memoryReservation: 64 })).toEqual({
      MemoryReservation: 64 * 1024 * 1024,
      CpuShares: 2,
    });
    expect(resourcesOf({ memory: 32, cpu: 1 })).toEqual({
      Memory: 32 * 1024 * 1024,
      CpuShares: 2,
    });
  });

  it('a health check keeps its command and gets ECS’s defaults, in nanoseconds', () => {
    expect(
      healthConfigOf({ command: ['CMD-SHELL', 'wget -q -O- http://127.0.0.1:8080/'] }),
    ).toEqual({
      Test: ['CMD-SHELL', 'wget -q -O- http://127.0.0.1:8080/'],
      Interval: 30e9,
      Timeout: 5e9,
      Retries: 3,
      StartPeriod: 0,
    });
    expect(
      healthConfigOf({
        command: ['CMD', 'true'],
        interval: 5,
        timeout: 2,
        retries: 1,
        startPeriod: 10,
      }),
    ).toEqual({
      Test: ['CMD', 'true'],
      Interval: 5e9,
      Timeout: 2e9,
      Retries: 1,
      StartPeriod: 10e9,
    });
    expect(healthConfigOf(undefined)).toBeUndefined();
    expect(healthConfigOf({ command: [] })).toBeUndefined();
  });

  it('the create options carry the health check', () => {
    const checked = {
      ...web,
      definition: { ...web.definition, healthCheck: { command: ['CMD', 'true'] } },
    };
    expect(containerCreateOptions(taskOf('bridge'), checked, {}).Healthcheck?.Test).toEqual([
      'CMD',
      'true',
    ]);
  });
});

describe('network bindings', () => {
  const inspected = {
    '8080/tcp': [
      { HostIp: '0.0.0.0', HostPort: '32771' },
      { HostIp: '::', HostPort: '32771' },
    ],
    '53/udp': [{ HostIp: '0.0.0.0', HostPort: '5353' }],
    '9000/tcp': null,
  };

  it('bridge: the IPv4 ports Docker published, dynamic ones with the port it picked', () => {
    expect(networkBindingsOf('bridge', web, listedPortsOf(inspected))).toEqual([
      { bindIP: '0.0.0.0', containerPort: 8080, hostPort: 32771, protocol: 'tcp' },
      { bindIP: '0.0.0.0', containerPort: 53, hostPort: 5353, protocol: 'udp' },
    ]);
  });

  it('host: each container port is the host port; awsvpc and none bind nothing on the host', () => {
    expect(networkBindingsOf('host', web, [])).toEqual([
      { bindIP: '0.0.0.0', containerPort: 8080, hostPort: 8080, protocol: 'tcp' },
      { bindIP: '0.0.0.0', containerPort: 53, hostPort: 53, protocol: 'udp' },
    ]);
    expect(networkBindingsOf('awsvpc', web, listedPortsOf(inspected))).toEqual([]);
    expect(networkBindingsOf('none', web, [])).toEqual([]);
  });
});

describe('engine events', () => {
  const attributes = {
    'dev.stowage.ecs.runtime': 'docker',
    'com.amazonaws.ecs.task-arn': taskArn,
    'com.amazonaws.ecs.container-name': 'web',
    exitCode: '137',
  };

  it('a die event of a task container gives its task, container and exit code', () => {
    expect(
      containerEndOf({
        Type: 'container',
        Action: 'die',
        Actor: { ID: 'c0ffee', Attributes: attributes },
        time: 1_700_000_000,
        timeNano: 1_700_000_000_123_456_000,
      }),
    ).toEqual({
      kind: 'die',
      containerId: 'c0ffee',
      taskArn,
      containerName: 'web',
      exitCode: 137,
      at: 1_700_000_000_123,
    });
  });

  it('ignores other actions, other containers and the namespace owner', () => {
    const base = { Type: 'container', Actor: { ID: 'c0ffee', Attributes: attributes } };
    expect(containerEndOf({ ...base, Action: 'start' })).toBeUndefined();
    expect(containerEndOf({ ...base, Type: 'network', Action: 'die' })).toBeUndefined();
    const foreign = { ...attributes, 'dev.stowage.ecs.runtime': 'other' };
    expect(
      containerEndOf({ ...base, Action: 'die', Actor: { ID: 'x', Attributes: foreign } }),
    ).toBeUndefined();
    const owner = { 'dev.stowage.ecs.runtime': 'docker', 'com.amazonaws.ecs.task-arn': taskArn };
    expect(
      containerEndOf({ ...base, Action: 'die', Actor: { ID: 'x', Attributes: owner } }),
    ).toBeUndefined();
  });

  it('a health status event is an unhealthy or healthy report; starting is nothing', () => {
    const base = { Type: 'container', Actor: { ID: 'c0ffee', Attributes: attributes }, time: 7 };
    expect(containerEndOf({ ...base, Action: 'health_status: unhealthy' })).toMatchObject({
      kind: 'unhealthy',
      containerName: 'web',
    });
    expect(containerEndOf({ ...base, Action: 'health_status: healthy' })).toMatchObject({
      kind: 'healthy',
      containerName: 'web',
      at: 7_000,
    });
    expect(containerEndOf({ ...base, Action: 'health_status: starting' })).toBeUndefined();
  });

  it('reads the health `docker ps` shows in a status', () => {
    expect(healthOfListedStatus('Up 3 minutes (healthy)')).toBe('HEALTHY');
    expect(healthOfListedStatus('Up 3 minutes (unhealthy)')).toBe('UNHEALTHY');
    expect(healthOfListedStatus('Up 3 seconds (health: starting)')).toBeUndefined();
    expect(healthOfListedStatus('Up 3 minutes')).toBeUndefined();
  });

  it('an oom event is kept apart, its exit code unknown', () => {
    const withoutCode: Record<string, string> = { ...attributes };
    delete withoutCode.exitCode;
    expect(
      containerEndOf({
        Type: 'container',
        Action: 'oom',
        Actor: { ID: 'c', Attributes: withoutCode },
        time: 5,
      }),
    ).toMatchObject({ kind: 'oom', exitCode: -1, at: 5000 });
  });
});

describe('finding a task’s containers', () => {
  it('groups the runtime’s containers by task and tells the namespace owner apart', () => {
    const listed = (id: string, labels: Record<string, string>) =>
      ({ Id: id, Labels: labels }) as unknown as Parameters<typeof groupByTask>[0][number];
    const owner = listed('o', {
      'com.amazonaws.ecs.task-arn': taskArn,
      'dev.stowage.ecs.role': 'namespace',
    });
    const app = listed('a', {
      'com.amazonaws.ecs.task-arn': taskArn,
      'com.amazonaws.ecs.container-name': 'web',
    });
    const other = listed('b', { 'com.amazonaws.ecs.task-arn': 'arn:other' });
    const grouped = groupByTask([owner, app, other, listed('x', {})]);
    expect([...grouped.keys()]).toEqual([taskArn, 'arn:other']);
    expect(grouped.get(taskArn)?.map((c) => c.Id)).toEqual(['o', 'a']);
    expect([owner, app].map(isNamespaceOwner)).toEqual([true, false]);
  });
});

describe('small helpers', () => {
  it('an image without a tag is pulled as latest; tags, digests and registry ports stay', () => {
    expect(withDefaultTag('busybox')).toBe('busybox:latest');
    expect(withDefaultTag('localhost:5000/team/app')).toBe('localhost:5000/team/app:latest');
    expect(withDefaultTag('localhost:5000/team/app:2')).toBe('localhost:5000/team/app:2');
    expect(withDefaultTag('app@sha256:abc')).toBe('app@sha256:abc');
  });
});
