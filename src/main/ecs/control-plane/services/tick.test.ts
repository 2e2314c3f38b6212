import { describe, expect, it } from 'vitest';
import { seededRandom } from '../core/ids';
import { serviceDefaultStrategy } from '../placement';
import { instance } from '../placement/test-support';
import { noBackoff } from './backoff';
import type { ServiceEventRecord } from './events';
import { listServiceDeployments } from './history';
import { startDeployment } from './rollout';
import { service, task } from './test-support';
import { tickService, type ServiceTickInput, type ServiceTickOutcome } from './tick';
import type { ServiceDeploymentRecord, ServiceTask, TaskStopNotice } from './types';

const deploymentId = (n: number) => `ecs-svc/${String(n).padStart(19, '1')}`;
const ids = (n: number) => ({
  id: deploymentId(n),
  serviceDeploymentArn: `arn:service-deployment/d${n}`,
  serviceRevisionArn: `arn:service-revision/r${n}`,
});

/** A service driven round by round; `healthy(taskDefinition)` says whether its tasks start. */
class Driver {
  tasks: ServiceTask[] = [];
  stops: TaskStopNotice[] = [];
  events: ServiceEventRecord[] = [];
  backoff = noBackoff;
  now = 1_000_000;
  next = 10;
  readonly random = seededRandom(5);
  last!: ServiceTickOutcome;

  constructor(
    public records: ServiceDeploymentRecord[],
    readonly starts: (taskDefinition: string) => boolean,
    readonly base: Partial<ServiceTickInput> = {},
  ) {}

  round(): ServiceTickOutcome {
    const outcome = tickService({
      service: {
        ...service({ desiredCount: 2 }),
        deploymentCircuitBreaker: { enable: true, rollback: true },
      },
      records: this.records,
      tasks: this.tasks,
      stops: this.stops,
      instances: [],
      availableZones: [],
      placementStrategy: serviceDefaultStrategy,
      events: this.events,
      backoff: this.backoff,
      now: this.now,
      random: this.random,
      newDeploymentId: () => deploymentId(this.next++),
      ...this.base,
    });
    this.records = outcome.records;
    this.events = outcome.events;
    this.backoff = outcome.backoff;
    this.stops = [];
    // Stopped tasks are gone; pending ones run or fail; new ones start pending.
    const stopped = new Set(outcome.stop.map((stop) => stop.taskArn));
    this.tasks = this.tasks.filter((one) => !stopped.has(one.taskArn));
    const taskDefinitionOf = (id: string) =>
      this.records.find((record) => record.id === id)!.taskDefinition;
    this.tasks = this.tasks.flatMap((one) => {
      if (one.lastStatus !== 'PENDING') return [one];
      if (this.starts(taskDefinitionOf(one.deploymentId)))
        return [{ ...one, lastStatus: 'RUNNING' }];
      this.stops.push({
        taskArn: one.taskArn,
        deploymentId: one.deploymentId,
        reachedRunning: false,
        failedHealthChecks: false,
        stoppedAt: this.now,
      });
      return [];
    });
    for (let index = 0; index < outcome.startCount; index++) {
      this.tasks.push(task({ deploymentId: outcome.primary.id, lastStatus: 'PENDING' }));
    }
    this.now += 60_000;
    this.last = outcome;
    return outcome;
  }

  messages(): string[] {
    return this.events.map((event) => event.message).reverse();
  }
}

describe('tickService', () => {
  it('brings a new service to a steady state and says so once', () => {
    const records = startDeployment(
      [],
      { taskDefinition: 'web:1', launchType: 'EC2' },
      ids(1),
      2,
      [],
      0,
    );
    const driver = new Driver(records, () => true);
    expect(driver.round().startCount).toBe(2);
    for (let index = 0; index < 4; index++) driver.round();
    expect(driver.records[0]!.rolloutState).toBe('COMPLETED');
    expect(driver.messages()).toEqual([
      `(service web) (deployment ${deploymentId(1)}) deployment completed.`,
      '(service web) has reached a steady state.',
    ]);
  });

  it('trips the circuit breaker on a failing revision, backs off, and rolls back', () => {
    const first = startDeployment(
      [],
      { taskDefinition: 'web:1', launchType: 'EC2' },
      ids(1),
      2,
      [],
      0,
    );
    const driver = new Driver(first, (taskDefinition) => taskDefinition === 'web:1');
    for (let index = 0; index < 3; index++) driver.round();
    driver.records = startDeployment(
      driver.records,
      { taskDefinition: 'web:2', launchType: 'EC2' },
      ids(2),
      2,
      driver.tasks,
      driver.now,
    );
    for (let index = 0; index < 30 && !driver.records.some((r) => r.rollbackOf); index++) {
      driver.round();
      // The old tasks keep serving while the new ones fail (100 % minimum healthy).
      expect(driver.tasks.filter((one) => one.deploymentId === deploymentId(1))).toHaveLength(2);
    }
    const messages = driver.messages();
    expect(messages).toContain('(service web) is unable to consistently start tasks successfully.');
    expect(messages).toContain(
      `(service web) (deployment ${deploymentId(2)}) deployment failed: tasks failed to start.`,
    );
    expect(messages).toContain(`(service web) rolling back to deployment ${deploymentId(1)}.`);
    expect(driver.records[0]).toMatchObject({ taskDefinition: 'web:1', status: 'PRIMARY' });

    for (let index = 0; index < 10 && driver.records[0]!.rolloutState !== 'COMPLETED'; index++) {
      driver.now += 30 * 60_000;
      driver.round();
    }
    expect(driver.records[0]!.rolloutState).toBe('COMPLETED');
    const history = listServiceDeployments({
      serviceArn: 'arn:service',
      clusterArn: 'arn:cluster',
      records: driver.records,
      tasks: driver.tasks,
    });
    expect(history.map((item) => item.status)).toEqual(['ROLLBACK_SUCCESSFUL', 'SUCCESSFUL']);
  });

  it('stops an unhealthy task with ECS reason and events, and replaces it', () => {
    const records = startDeployment(
      [],
      { taskDefinition: 'web:1', launchType: 'EC2' },
      ids(1),
      2,
      [],
      0,
    );
    const driver = new Driver(records, () => true);
    driver.tasks = [
      task({ deploymentId: deploymentId(1) }),
      task({ deploymentId: deploymentId(1), healthChecked: true, healthStatus: 'UNHEALTHY' }),
    ];
    const sick = driver.tasks[1]!;
    const outcome = driver.round();
    expect(outcome.stop).toEqual([
      {
        taskArn: sick.taskArn,
        stopCode: 'ServiceSchedulerInitiated',
        stoppedReason: 'Task failed container health checks',
      },
    ]);
    expect(outcome.startCount).toBe(1);
    const id = sick.taskArn.slice(sick.taskArn.lastIndexOf('/') + 1);
    expect(driver.messages()).toEqual([
      `(service web) (task ${id}) failed container health checks.`,
      `(service web) has stopped 1 running tasks: (task ${id}).`,
    ]);
  });

  it('scales in with the scaling reason naming the deployment', () => {
    const records = startDeployment(
      [],
      { taskDefinition: 'web:1', launchType: 'EC2' },
      ids(1),
      2,
      [],
      0,
    );
    const driver = new Driver(records, () => true);
    driver.tasks = [1, 2, 3].map(() =>
      task({ deploymentId: deploymentId(1), availabilityZone: 'a' }),
    );
    const outcome = driver.round();
    expect(outcome.stop).toHaveLength(1);
    expect(outcome.stop[0]!.stoppedReason).toBe(
      `Scaling activity initiated by (deployment ${deploymentId(1)})`,
    );
  });

  it('DAEMON: starts on instances, says once that a full one cannot take the task', () => {
    const records = startDeployment(
      [],
      { taskDefinition: 'agent:1', launchType: 'EC2' },
      ids(1),
      0,
      [],
      0,
    );
    const roomy = instance('roomy');
    const full = instance('full', { remaining: { memory: 64 } });
    const driver = new Driver(records, () => true, {
      service: {
        ...service({ schedulingStrategy: 'DAEMON', minimumHealthyPercent: 0, maximumPercent: 100 }),
        deploymentCircuitBreaker: { enable: false, rollback: false },
      },
      instances: [roomy, full],
      daemonRequest: {
        cpu: 128,
        memory: 256,
        hostPorts: [],
        group: 'service:agent',
        taskDefinitionFamily: 'agent',
        constraints: [],
      },
    });
    const outcome = driver.round();
    expect(outcome.startOn).toEqual([roomy.arn]);
    expect(outcome.desiredCount).toBe(2);
    driver.round();
    const unable = driver.messages().filter((message) => message.includes('unable to place'));
    expect(unable).toEqual([
      '(service web) was unable to place a task because no container instance met all of its requirements. The closest matching (container-instance full) has insufficient memory available. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.',
    ]);
  });
});
