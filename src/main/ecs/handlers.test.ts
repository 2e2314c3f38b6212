import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  StowageError,
  type AnyEvent,
  type CallInput,
  type CallName,
  type CallOutput,
  type Envelope,
} from '../../shared';
import type { Handlers } from '../rpc/handlers';
import { createRouter, type Router } from '../rpc/router';
import { createAppBackend, type AppBackend } from '../composition';
import { appEcsEndpoint } from './endpoint/app-endpoint';
import { createPlane, web } from './control-plane/test-support';
import { mapEcsError } from './ecs-error-mapping';
import { simulatedAppEcs } from './test-support';
import { ecsHandlers, toWire } from './handlers';
import { resourcesOf } from './simulator';

const signal = new AbortController().signal;

async function callOn<K extends CallName>(
  router: Router,
  name: K,
  input: CallInput<K>,
): Promise<CallOutput<K>> {
  const envelope = await router.call(name, input, signal);
  if ('error' in envelope) throw StowageError.fromPayload(envelope.error);
  return envelope.result as CallOutput<K>;
}

async function errorOf(router: Router, name: CallName, input: unknown) {
  const envelope: Envelope<unknown> = await router.call(name, input, signal);
  if (!('error' in envelope)) throw new Error(`${name} succeeded`);
  return envelope.error;
}

/** The ECS handlers through the real router, on a manual clock and the simulated runtime. */
function ecsRouter() {
  const setup = createPlane();
  const app = simulatedAppEcs(setup);
  // Its setting is only read when an ecs.endpoint call comes, which these tests never make.
  const endpoint = appEcsEndpoint({
    ecs: app,
    dataDir: join(tmpdir(), 'stowage-ecs-endpoint-unused'),
    clock: setup.clock,
    onError: (error) => {
      throw error;
    },
  });
  const router = createRouter(ecsHandlers(app, endpoint) as unknown as Handlers, [mapEcsError]);
  return { ...setup, router };
}

describe('ECS handlers', () => {
  it('create and list clusters with counters; a bad name gets ECS’s message', async () => {
    const { router, plane } = ecsRouter();
    await callOn(router, 'ecs.clusters.create', { clusterName: 'demo' });
    const clusters = await callOn(router, 'ecs.clusters.list', {});
    const demo = clusters.find((cluster) => cluster.clusterName === 'demo');
    expect(demo).toMatchObject({ status: 'ACTIVE', registeredContainerInstancesCount: 0 });

    const error = await errorOf(router, 'ecs.clusters.create', { clusterName: 'no spaces' });
    expect(error).toMatchObject({
      code: 'ECS_CLIENT_EXCEPTION',
      details: { type: 'InvalidParameterException' },
    });
    const direct = await plane.createCluster({ clusterName: 'no spaces' }).catch((e: Error) => e);
    expect(error.message).toBe((direct as Error).message);
    plane.dispose();
  });

  it('refuses to delete a cluster with instances, naming the ClusterContains… exception', async () => {
    const { router, plane } = ecsRouter();
    await callOn(router, 'ecs.clusters.create', { clusterName: 'busy' });
    await callOn(router, 'ecs.instances.launch', {
      cluster: 'busy',
      instanceType: 'm5.large',
      count: 1,
      availabilityZone: 'us-east-1a',
    });
    const error = await errorOf(router, 'ecs.clusters.delete', { cluster: 'busy' });
    expect(error.code).toBe('ECS_CLIENT_EXCEPTION');
    expect(error.details).toEqual({ type: 'ClusterContainsContainerInstancesException' });
    plane.dispose();
  });

  it('runs tasks spread over zones, reaches RUNNING on the clock, and stops one by the user', async () => {
    const { router, plane, run } = ecsRouter();
    await callOn(router, 'ecs.clusters.create', { clusterName: 'c' });
    for (const zone of ['us-east-1a', 'us-east-1b']) {
      await callOn(router, 'ecs.instances.launch', {
        cluster: 'c',
        instanceType: 'm5.large',
        count: 1,
        availabilityZone: zone,
      });
    }
    const definition = await callOn(router, 'ecs.taskDefinitions.register', { definition: web });
    expect(definition).toMatchObject({ family: 'web', revision: 1, networkMode: 'bridge' });
    expect(typeof definition.registeredAt).toBe('number');

    const result = await callOn(router, 'ecs.tasks.run', {
      cluster: 'c',
      taskDefinition: 'web',
      launchType: 'EC2',
      count: 3,
      placementStrategy: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }],
    });
    expect(result.failures).toEqual([]);
    const zones = result.tasks.map((task) => task.availabilityZone).sort();
    expect(new Set(zones)).toEqual(new Set(['us-east-1a', 'us-east-1b']));

    await run(5_000);
    const running = await callOn(router, 'ecs.tasks.list', {
      cluster: 'c',
      desiredStatus: 'RUNNING',
    });
    expect(running.map((task) => task.lastStatus)).toEqual(['RUNNING', 'RUNNING', 'RUNNING']);
    expect(typeof running[0]?.startedAt).toBe('number');

    const taskArn = running[0]?.taskArn as string;
    await callOn(router, 'ecs.tasks.stop', { cluster: 'c', task: taskArn, reason: 'enough' });
    await run(5_000);
    const stopped = await callOn(router, 'ecs.tasks.describe', { cluster: 'c', task: taskArn });
    expect(stopped).toMatchObject({
      lastStatus: 'STOPPED',
      stopCode: 'UserInitiated',
      stoppedReason: 'enough',
    });
    const instances = await callOn(router, 'ecs.instances.list', { cluster: 'c' });
    expect(instances.map((instance) => instance.runningTasksCount).sort()).toEqual([1, 1]);
    plane.dispose();
  });

  it('reports placement failures rather than dropping tasks', async () => {
    const { router, plane } = ecsRouter();
    await callOn(router, 'ecs.clusters.create', { clusterName: 'tiny' });
    await callOn(router, 'ecs.instances.launch', {
      cluster: 'tiny',
      instanceType: 't3.micro',
      count: 1,
      availabilityZone: 'us-east-1a',
    });
    await callOn(router, 'ecs.taskDefinitions.register', { definition: web });
    const result = await callOn(router, 'ecs.tasks.run', {
      cluster: 'tiny',
      taskDefinition: 'web',
      launchType: 'EC2',
      count: 3,
    });
    expect(result.tasks).toHaveLength(1);
    expect(result.failures.map((failure) => failure.reason)).toEqual([
      'RESOURCE:MEMORY',
      'RESOURCE:MEMORY',
    ]);
    plane.dispose();
  });

  it('starts a task on each container instance chosen, and says which are unknown', async () => {
    const { router, plane } = ecsRouter();
    await callOn(router, 'ecs.clusters.create', { clusterName: 'c' });
    const launched = await callOn(router, 'ecs.instances.launch', {
      cluster: 'c',
      instanceType: 'm5.large',
      count: 3,
      availabilityZone: 'us-east-1a',
    });
    await callOn(router, 'ecs.taskDefinitions.register', { definition: web });
    const chosen = launched[2]?.containerInstanceArn ?? '';
    const result = await callOn(router, 'ecs.tasks.start', {
      cluster: 'c',
      taskDefinition: 'web',
      containerInstances: [chosen, 'not-an-instance'],
    });
    expect(result.tasks.map((task) => task.containerInstanceArn)).toEqual([chosen]);
    expect(result.failures.map((failure) => failure.reason)).toEqual(['MISSING']);
    const refused = await errorOf(router, 'ecs.tasks.start', {
      cluster: 'c',
      taskDefinition: 'web',
      containerInstances: [],
    });
    expect(refused.code).toBe('INVALID_INPUT');
    plane.dispose();
  });

  it('registers from CLI JSON with the API’s validation messages, and exports it back', async () => {
    const { router, plane } = ecsRouter();
    const noMemory = {
      family: 'api',
      containerDefinitions: [{ name: 'app', image: 'nginx' }],
    };
    const error = await errorOf(router, 'ecs.taskDefinitions.registerJson', {
      json: JSON.stringify(noMemory),
    });
    expect(error.code).toBe('ECS_CLIENT_EXCEPTION');
    expect(error.message).toBe(
      "Invalid setting for container 'app'. At least one of 'memory' or 'memoryReservation' must be specified.",
    );
    const broken = await errorOf(router, 'ecs.taskDefinitions.registerJson', {
      json: '{"family":',
    });
    expect(broken.message).toMatch(/^Invalid JSON received: /);

    const json = JSON.stringify({ ...noMemory, memory: '512' });
    await callOn(router, 'ecs.taskDefinitions.registerJson', { json });
    const exported = await callOn(router, 'ecs.taskDefinitions.export', { taskDefinition: 'api' });
    expect(JSON.parse(exported.json)).toMatchObject({ family: 'api', memory: '512' });

    await callOn(router, 'ecs.taskDefinitions.deregister', { taskDefinition: 'api:1' });
    const all = await callOn(router, 'ecs.taskDefinitions.list', {});
    expect(all.map((d) => [d.family, d.revision, d.status])).toEqual([['api', 1, 'INACTIVE']]);
    expect(await callOn(router, 'ecs.taskDefinitions.families', {})).toEqual(['api']);
    plane.dispose();
  });

  it('rejects input outside the contract before it reaches the control plane', async () => {
    const { router, plane } = ecsRouter();
    const error = await errorOf(router, 'ecs.tasks.run', {
      cluster: 'c',
      taskDefinition: 'web',
      launchType: 'EC2',
      count: 11,
    });
    expect(error.code).toBe('INVALID_INPUT');
    const limitOnRunning = await errorOf(router, 'ecs.tasks.list', {
      cluster: 'c',
      desiredStatus: 'RUNNING',
      stoppedLimit: 5,
    });
    expect(limitOnRunning.code).toBe('INVALID_INPUT');
    expect(limitOnRunning.message).toContain('stoppedLimit applies only to desiredStatus STOPPED');
    const noLimit = await errorOf(router, 'ecs.tasks.list', {
      cluster: 'c',
      desiredStatus: 'STOPPED',
      stoppedLimit: 0,
    });
    expect(noLimit.code).toBe('INVALID_INPUT');
    plane.dispose();
  });

  it('lists the latest stopped tasks, of one service, with every task still stopping', async () => {
    const { router, plane, run } = ecsRouter();
    await callOn(router, 'ecs.clusters.create', { clusterName: 'c' });
    await callOn(router, 'ecs.instances.launch', {
      cluster: 'c',
      instanceType: 'm5.xlarge',
      count: 2,
      availabilityZone: 'us-east-1a',
    });
    await callOn(router, 'ecs.taskDefinitions.register', { definition: web });
    await callOn(router, 'ecs.services.create', {
      request: { cluster: 'c', serviceName: 'web', taskDefinition: 'web', desiredCount: 1 },
    });
    const standalone = await callOn(router, 'ecs.tasks.run', {
      cluster: 'c',
      taskDefinition: 'web',
      launchType: 'EC2',
      count: 3,
    });
    await run(5_000);
    const stopInTurn = standalone.tasks.map((task) => task.taskArn as string);
    for (const task of stopInTurn) {
      await callOn(router, 'ecs.tasks.stop', { cluster: 'c', task });
      await run(5_000);
    }
    await callOn(router, 'ecs.services.update', {
      request: { cluster: 'c', service: 'web', desiredCount: 0 },
    });
    await run(5_000);
    const [serviceTask] = await callOn(router, 'ecs.tasks.list', {
      cluster: 'c',
      desiredStatus: 'STOPPED',
      serviceName: 'web',
    });
    expect(serviceTask?.group).toBe('service:web');

    const all = await callOn(router, 'ecs.tasks.list', { cluster: 'c', desiredStatus: 'STOPPED' });
    expect(all).toHaveLength(4);
    const latest = await callOn(router, 'ecs.tasks.list', {
      cluster: 'c',
      desiredStatus: 'STOPPED',
      stoppedLimit: 2,
    });
    expect(latest.map((task) => task.taskArn)).toEqual([serviceTask?.taskArn, stopInTurn[2]]);

    const [stopping] = (
      await callOn(router, 'ecs.tasks.run', {
        cluster: 'c',
        taskDefinition: 'web',
        launchType: 'EC2',
        count: 1,
      })
    ).tasks;
    await run(5_000);
    await callOn(router, 'ecs.tasks.stop', { cluster: 'c', task: stopping?.taskArn as string });
    const withStopping = await callOn(router, 'ecs.tasks.list', {
      cluster: 'c',
      desiredStatus: 'STOPPED',
      stoppedLimit: 1,
    });
    expect(withStopping.map((task) => [task.taskArn, task.lastStatus])).toEqual([
      [stopping?.taskArn, 'RUNNING'],
      [serviceTask?.taskArn, 'STOPPED'],
    ]);
    plane.dispose();
  });
});

describe('toWire and resourcesOf', () => {
  it('turns nested Dates into epoch milliseconds and drops undefined members', () => {
    const at = new Date(Date.UTC(2026, 0, 1));
    expect(toWire({ a: at, b: [{ c: at }], d: undefined })).toEqual({
      a: at.getTime(),
      b: [{ c: at.getTime() }],
    });
  });

  it('names clusters, instances and services as touched by task changes', () => {
    expect(resourcesOf([{ kind: 'task.delete', arn: 'x' }])).toEqual([
      'clusters',
      'instances',
      'tasks',
      'services',
    ]);
    expect(
      resourcesOf([{ kind: 'record.put', collection: 'serviceEvents', key: 'x', record: {} }]),
    ).toEqual(['services']);
    expect(resourcesOf([{ kind: 'record.delete', collection: 'unknown', key: 'x' }])).toEqual([]);
    expect(resourcesOf([{ kind: 'taskDefinition.delete', arn: 'x' }])).toEqual(['taskDefinitions']);
  });
});

describe('the app’s ECS simulator through createAppBackend', () => {
  let dataDir: string | undefined;
  let services: AppBackend | undefined;
  afterEach(async () => {
    services?.stop();
    services = undefined;
    // Closing the store is asynchronous: the folder goes once it has let go of its lock.
    const dir = dataDir;
    if (dir) {
      await expect.poll(() => existsSync(join(dir, 'ecs', 'control-plane.lock'))).toBe(false);
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('keeps clusters in <dataDir>/ecs across restarts and emits ecs.changed', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'stowage-ecs-'));
    services = createAppBackend({ dataDir, ecsRuntime: 'simulated' });
    const events: AnyEvent[] = [];
    services.events.subscribe((event) => events.push(event));
    const status = await callOn(services.router, 'ecs.status', {});
    expect(status).toMatchObject({ runtime: 'simulated', region: 'us-east-1', notices: [] });
    expect(status.instanceTypes.find((type) => type.name === 'm5.large')).toMatchObject({
      cpu: 2048,
      memory: 7680,
    });
    await callOn(services.router, 'ecs.clusters.create', { clusterName: 'kept' });
    expect(events).toContainEqual({ name: 'ecs.changed', payload: { resources: ['clusters'] } });
    services.stop();
    // The store lets go of its lock once its last write is on disk.
    const dir = dataDir;
    await expect.poll(() => existsSync(join(dir, 'ecs', 'control-plane.lock'))).toBe(false);

    services = createAppBackend({ dataDir, ecsRuntime: 'simulated' });
    const clusters = await callOn(services.router, 'ecs.clusters.list', {});
    expect(clusters.map((cluster) => cluster.clusterName)).toContain('kept');
  });

  it('keeps what came before damage to the journal and says what was lost in ecs.status', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'stowage-ecs-'));
    services = createAppBackend({ dataDir, ecsRuntime: 'simulated' });
    await callOn(services.router, 'ecs.clusters.create', { clusterName: 'kept' });
    const lost = await callOn(services.router, 'ecs.clusters.create', { clusterName: 'lost' });
    services.stop();
    const dir = dataDir;
    await expect.poll(() => existsSync(join(dir, 'ecs', 'control-plane.lock'))).toBe(false);
    // A byte of the last record changes: its checksum no longer matches.
    const journal = join(dataDir, 'ecs', 'control-plane.journal-0');
    const data = await readFile(journal);
    const at = data.lastIndexOf('ACTIVE');
    data[at] = 'X'.charCodeAt(0);
    await writeFile(journal, data);

    services = createAppBackend({ dataDir, ecsRuntime: 'simulated' });
    const status = await callOn(services.router, 'ecs.status', {});
    expect(status.notices).toEqual([
      expect.objectContaining({
        kind: 'journal-damaged',
        droppedRecords: 1,
        resources: [lost.clusterArn],
      }),
    ]);
    const clusters = await callOn(services.router, 'ecs.clusters.list', {});
    expect(clusters.map((cluster) => cluster.clusterName)).toEqual(['kept']);
  });

  it('moves a corrupt store aside, starts empty and says so in ecs.status', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'stowage-ecs-'));
    await mkdir(join(dataDir, 'ecs'));
    await writeFile(join(dataDir, 'ecs', 'control-plane.snapshot'), 'not a snapshot\n');
    services = createAppBackend({ dataDir, ecsRuntime: 'simulated' });
    const status = await callOn(services.router, 'ecs.status', {});
    expect(status.notices).toHaveLength(1);
    expect(status.notices[0]?.path).toContain(join(dataDir, 'ecs'));
    expect(await callOn(services.router, 'ecs.clusters.list', {})).toEqual([]);
  });
});
