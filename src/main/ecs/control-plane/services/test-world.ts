/**
 * A small world for scheduler tests: instances and the service's tasks, where a step carries
 * out a decision (placement picks instances with the service's strategy) and `settle` lets
 * pending tasks reach RUNNING and stopping ones STOPPED.
 */
import { seededRandom } from '../core/ids';
import { placeTasks, serviceDefaultStrategy, type PlacementInstance } from '../placement';
import { instance } from '../placement/test-support';
import { decideReplica, type ReplicaDecision } from './replica';
import type { SchedulerService, ServiceTask } from './types';
import { primaryId, service as baseService, task } from './test-support';

export class World {
  instances: PlacementInstance[] = [];
  tasks: ServiceTask[] = [];
  primaryDeploymentId = primaryId;
  readonly random = seededRandom(7);
  now = Date.parse('2026-03-01T00:00:00Z');

  constructor(public service: SchedulerService = baseService()) {}

  addInstances(zone: string, count: number): void {
    for (let index = 0; index < count; index++) {
      this.instances.push(instance(`${zone.slice(-1)}${this.instances.length}`, { zone }));
    }
  }

  /** Every instance of the zone goes away, and its tasks stop. */
  loseZone(zone: string): void {
    const lost = new Set(this.instancesIn(zone).map((lostOne) => lostOne.arn));
    this.instances = this.instances.filter((kept) => !lost.has(kept.arn));
    this.tasks = this.tasks.filter((gone) => !lost.has(gone.containerInstanceArn ?? ''));
  }

  instancesIn(zone: string): PlacementInstance[] {
    return this.instances.filter((one) => one.attributes['ecs.availability-zone'] === zone);
  }

  get zones(): string[] {
    return [...new Set(this.instances.map((one) => one.attributes['ecs.availability-zone']!))];
  }

  decide(): ReplicaDecision {
    return decideReplica({
      service: this.service,
      primaryDeploymentId: this.primaryDeploymentId,
      tasks: this.tasks,
      instances: this.withTasks(),
      availableZones: this.zones,
      placementStrategy: serviceDefaultStrategy,
      now: this.now,
      random: this.random,
    });
  }

  /** Carries out a decision: stops become stopping, starts are placed PENDING. */
  apply(decision: { startCount: number; stop: { taskArn: string }[] }): void {
    const stopping = new Set(decision.stop.map((stopped) => stopped.taskArn));
    this.tasks = this.tasks.map((one) =>
      stopping.has(one.taskArn) ? { ...one, desiredStatus: 'STOPPED' } : one,
    );
    const placed = placeTasks(
      this.withTasks(),
      {
        cpu: 256,
        memory: 512,
        hostPorts: [],
        group: 'service:web',
        taskDefinitionFamily: 'web',
        constraints: [],
        strategy: [...serviceDefaultStrategy],
        count: decision.startCount,
      },
      this.random,
    );
    for (const arn of placed.placements) {
      const host = this.instances.find((one) => one.arn === arn)!;
      this.tasks.push(
        task({
          deploymentId: this.primaryDeploymentId,
          lastStatus: 'PENDING',
          containerInstanceArn: arn,
          availabilityZone: host.attributes['ecs.availability-zone']!,
        }),
      );
    }
  }

  /** Pending tasks reach RUNNING; stopping ones are gone. */
  settle(): void {
    this.tasks = this.tasks
      .filter((one) => one.desiredStatus === 'RUNNING')
      .map((one) => ({ ...one, lastStatus: 'RUNNING' }));
  }

  /** Decide, apply, settle until nothing changes (at most `limit` rounds). */
  runToSteady(limit = 20): number {
    for (let round = 0; round < limit; round++) {
      const decision = this.decide();
      if (decision.startCount === 0 && decision.stop.length === 0) return round;
      this.apply(decision);
      this.settle();
    }
    throw new Error('no steady state');
  }

  zoneCounts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const zone of this.zones) counts[zone] = 0;
    for (const one of this.tasks.filter((live) => live.desiredStatus === 'RUNNING')) {
      counts[one.availabilityZone!] = (counts[one.availabilityZone!] ?? 0) + 1;
    }
    return counts;
  }

  count(deploymentId: string): number {
    return this.tasks.filter(
      (one) => one.deploymentId === deploymentId && one.desiredStatus === 'RUNNING',
    ).length;
  }

  /** The instances with the service's tasks on them, as placement counts them. */
  private withTasks(): PlacementInstance[] {
    return this.instances.map((one) => ({
      ...one,
      tasks: this.tasks
        .filter((on) => on.containerInstanceArn === one.arn && on.lastStatus !== 'STOPPED')
        .map(() => ({ group: 'service:web', taskDefinitionFamily: 'web', serviceName: 'web' })),
    }));
  }
}
