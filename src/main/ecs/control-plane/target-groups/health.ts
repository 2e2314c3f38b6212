import { omit, type PlaneContext } from '../core/context';
import type { TargetDrainedEvent, TargetHealthEvent } from '../core/load-balancer-port';
import type { PlaneEvent } from '../core/runtime-port';
import type { EcsChange } from '../core/state';
import { registeredTargets, type TargetRecord } from './records';

/**
 * Target health over time: a registration is in progress until the next pass (by then the
 * data plane has it and checks it), then the data plane's verdicts set healthy or unhealthy;
 * a draining target is gone once the data plane says nothing is in flight to it any more, or
 * its deregistration delay is over.
 */
export function targetHealthController(
  ctx: PlaneContext,
  events: readonly PlaneEvent[],
): EcsChange[] {
  const verdicts = new Map<string, TargetHealthEvent[]>();
  const drained = new Map<string, TargetDrainedEvent[]>();
  for (const event of events) {
    if (event.kind === 'target.drained') {
      const list = drained.get(event.targetGroupArn);
      if (list) list.push(event);
      else drained.set(event.targetGroupArn, [event]);
    }
    if (event.kind !== 'target.health') continue;
    const list = verdicts.get(event.targetGroupArn);
    if (list) list.push(event);
    else verdicts.set(event.targetGroupArn, [event]);
  }
  const changes: EcsChange[] = [];
  for (const record of registeredTargets.all(ctx.state)) {
    const heard = verdicts.get(record.targetGroupArn) ?? [];
    const ended = drained.get(record.targetGroupArn) ?? [];
    let changed = false;
    const targets = record.targets.flatMap((target): TargetRecord[] => {
      const next = nextTarget(ctx, target, heard, ended);
      if (next !== target) changed = true;
      return next ? [next] : [];
    });
    if (changed) changes.push(registeredTargets.put({ ...record, targets }));
  }
  return changes;
}

function nextTarget(
  ctx: PlaneContext,
  target: TargetRecord,
  heard: readonly TargetHealthEvent[],
  ended: readonly TargetDrainedEvent[],
): TargetRecord | undefined {
  if (target.state === 'draining') {
    if (target.drainUntil === undefined) return target;
    const idle = ended.some(
      (event) =>
        event.targetId === target.id &&
        event.port === target.port &&
        event.drainUntil === target.drainUntil,
    );
    return idle || ctx.now >= target.drainUntil ? undefined : target;
  }
  let latest: TargetHealthEvent | undefined;
  for (const event of heard) {
    if (
      event.targetId === target.id &&
      event.port === target.port &&
      event.at >= target.registeredAt
    ) {
      latest = event;
    }
  }
  if (latest) {
    const reason =
      latest.state === 'unhealthy' ? (latest.reason ?? 'Target.FailedHealthChecks') : undefined;
    if (target.state === latest.state && target.reason === reason) return target;
    return { ...omit(target, ['reason']), state: latest.state, ...(reason && { reason }) };
  }
  if (target.reason === 'Elb.RegistrationInProgress' && ctx.now > target.registeredAt) {
    return { ...target, reason: 'Elb.InitialHealthChecking' };
  }
  return target;
}
