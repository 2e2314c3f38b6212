import { defineCollection } from '../core/collections';
import type { Outcome, PlaneContext } from '../core/context';
import { EcsApiError } from '../core/ecs-api-error';
import type { ContainerInstanceRecord, EcsChange, EcsState } from '../core/state';
import { attributeValue } from '../instances/instance-usage';
import type { PlacementInstance } from '../placement';
import { loseTask } from '../tasks/lifecycle';

/**
 * An availability zone taken away (a fault a demo injects): nothing is placed in it, EC2 or
 * Fargate, until it comes back. Kept with the state, so it lasts through a restart.
 */
export interface ZoneOutageRecord {
  availabilityZone: string;
  /** Epoch milliseconds. */
  since: number;
  /** The instances whose agents the outage disconnected: those it reconnects when it ends. */
  disconnectedInstances: string[];
}

export const zoneOutages = defineCollection<ZoneOutageRecord>(
  'zoneOutages',
  (outage) => outage.availabilityZone,
);

/** The zones an outage has taken away, sorted. */
export function unavailableZones(state: EcsState): string[] {
  return zoneOutages
    .all(state)
    .map((outage) => outage.availabilityZone)
    .sort();
}

export function isZoneAvailable(state: EcsState, zone: string): boolean {
  return zoneOutages.get(state, zone) === undefined;
}

/**
 * The instances as placement sees them, those in a zone that is away counting as if their
 * agent were disconnected (an instance launched there, or one reconnected by hand, takes no
 * task either). The same list when no zone is away.
 */
export function withoutUnavailableZones(
  state: EcsState,
  instances: readonly PlacementInstance[],
): readonly PlacementInstance[] {
  if (zoneOutages.all(state).length === 0) return instances;
  return instances.map((instance) => {
    const zone = instance.attributes['ecs.availability-zone'];
    return instance.agentConnected && zone !== undefined && !isZoneAvailable(state, zone)
      ? { ...instance, agentConnected: false }
      : instance;
  });
}

const zonePattern = /^[a-z]{2}(-[a-z]+)+-\d+[a-z]$/;

/** The reason a task lost with its zone gives. */
export const zoneLostReason = (zone: string) =>
  `Task stopped because availability zone ${zone} became unavailable.`;

function disconnect(
  ctx: PlaneContext,
  instance: ContainerInstanceRecord,
  zone: string,
): EcsChange[] {
  const changes: EcsChange[] = [
    {
      kind: 'containerInstance.put',
      containerInstance: { ...instance, agentConnected: false, version: instance.version + 1 },
    },
  ];
  return changes.concat(
    Object.values(ctx.state.tasks)
      .filter((task) => task.containerInstanceArn === instance.containerInstanceArn)
      .flatMap((task) => {
        const lost = loseTask(task, ctx.now, zoneLostReason(zone));
        return lost ? [{ kind: 'task.put' as const, task: lost }] : [];
      }),
  );
}

/**
 * Takes a zone away or brings it back. Away: the agents of the instances in it disconnect and
 * every task in it, Fargate ones included, is lost at once. Back: the agents it disconnected
 * reconnect (those disconnected by hand before stay so).
 */
export function setZoneAvailable(
  ctx: PlaneContext,
  zone: string,
  available: boolean,
): Outcome<Record<string, never>> {
  if (!zonePattern.test(zone)) {
    throw new EcsApiError('InvalidParameterException', `${zone} is not an availability zone.`);
  }
  const outage = zoneOutages.get(ctx.state, zone);
  const instances = Object.values(ctx.state.containerInstances).filter(
    (instance) =>
      instance.status !== 'INACTIVE' && attributeValue(instance, 'ecs.availability-zone') === zone,
  );
  if (available) {
    if (!outage) return { result: {}, changes: [] };
    const reconnect = new Set(outage.disconnectedInstances);
    const changes: EcsChange[] = instances
      .filter(
        (instance) => reconnect.has(instance.containerInstanceArn) && !instance.agentConnected,
      )
      .map((instance) => ({
        kind: 'containerInstance.put',
        containerInstance: { ...instance, agentConnected: true, version: instance.version + 1 },
      }));
    return { result: {}, changes: [...changes, zoneOutages.delete(zone)] };
  }
  if (outage) return { result: {}, changes: [] };
  const connected = instances.filter((instance) => instance.agentConnected);
  const changes = connected.flatMap((instance) => disconnect(ctx, instance, zone));
  const fargate = Object.values(ctx.state.tasks).filter(
    (task) => !task.containerInstanceArn && task.availabilityZone === zone,
  );
  for (const task of fargate) {
    const lost = loseTask(task, ctx.now, zoneLostReason(zone));
    if (lost) changes.push({ kind: 'task.put', task: lost });
  }
  changes.push(
    zoneOutages.put({
      availabilityZone: zone,
      since: ctx.now,
      disconnectedInstances: connected.map((instance) => instance.containerInstanceArn),
    }),
  );
  return { result: {}, changes };
}
