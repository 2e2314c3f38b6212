/**
 * StopServiceDeployment with the ROLLBACK stop type: the service deployment in progress goes
 * back to the last revision that completed, whether or not its circuit breaker rolls back
 * (Developer Guide, "Stopping Amazon ECS service deployments"). During a BLUE_GREEN, LINEAR or
 * CANARY deployment, before blue is cleaned up, traffic goes back to blue's running tasks.
 */
import type { StopServiceDeploymentResponse } from '@aws-sdk/client-ecs';
import type { Outcome, PlaneContext } from '../core/context';
import { EcsApiError } from '../core/ecs-api-error';
import { Params } from '../core/params';
import { startRollback } from './circuit-breaker';
import { rollingBack } from './event-messages';
import { addEvents } from './events';
import { newDeploymentId } from './names';
import {
  deploymentsOf,
  eventsOf,
  serviceDeployments,
  serviceEvents,
  services,
  type ServiceRecord,
} from './records';
import { lastCompletedDeployment } from './rollout';
import type { ServiceDeploymentRecord } from './types';

export const stopRequestedReason = 'Service deployment rolled back because of a stop request.';

const conflict = (message: string) => new EcsApiError('ConflictException', message);

export function stopServiceDeployment(
  ctx: PlaneContext,
  input: unknown,
): Outcome<StopServiceDeploymentResponse> {
  const params = Params.of(input);
  const arn = params.requiredRef('serviceDeploymentArn');
  const stopType = params.oneOf('stopType', ['ABORT', 'ROLLBACK']) ?? 'ROLLBACK';
  if (stopType === 'ABORT') {
    throw new EcsApiError('UnsupportedFeatureException', 'The ABORT stop type is not supported.');
  }
  const found = findDeployment(ctx, arn);
  if (!found) {
    throw new EcsApiError(
      'ServiceDeploymentNotFoundException',
      `The service deployment ${arn} was not found.`,
    );
  }
  const { service, records, record } = found;
  // A rollback already under way for it simply continues.
  const rollingBackNow = records.some(
    (other) =>
      other.rollbackOf === record.id &&
      other.rolloutState === 'IN_PROGRESS' &&
      other.stoppedAt === undefined,
  );
  if (rollingBackNow) {
    return { result: { serviceDeploymentArn: arn }, changes: [] };
  }
  if (record.status !== 'PRIMARY' || record.rolloutState !== 'IN_PROGRESS') {
    throw conflict(`The service deployment ${arn} is not in progress and cannot be stopped.`);
  }
  const target = lastCompletedDeployment(records, record.id);
  if (!target) {
    throw conflict(
      `The service deployment ${arn} has no earlier service revision to roll back to.`,
    );
  }
  const now = ctx.now;
  const next = startRollback(
    records,
    record,
    {
      ...record,
      updatedAt: now,
      rolloutState: 'FAILED',
      rolloutStateReason: stopRequestedReason,
      finishedAt: now,
    },
    target,
    {
      id: newDeploymentId(ctx.random),
      now,
      reason: stopRequestedReason,
      rolloutStateReason: `ECS deployment stopped: rolling back to deploymentId ${target.id}.`,
    },
  );
  const events = addEvents(
    eventsOf(ctx.state, service.serviceArn),
    [rollingBack(service.serviceName, target.id)],
    now,
    ctx.random,
  );
  return {
    result: { serviceDeploymentArn: arn },
    changes: [
      serviceDeployments.put({ serviceArn: service.serviceArn, records: next }),
      serviceEvents.put({ serviceArn: service.serviceArn, events }),
    ],
  };
}

function findDeployment(
  ctx: PlaneContext,
  arn: string,
):
  | { service: ServiceRecord; records: ServiceDeploymentRecord[]; record: ServiceDeploymentRecord }
  | undefined {
  for (const service of services.all(ctx.state)) {
    if (service.status !== 'ACTIVE') continue;
    const records = deploymentsOf(ctx.state, service.serviceArn);
    const record = records.find(
      (candidate) => candidate.serviceDeploymentArn === arn && candidate.rollbackOf === undefined,
    );
    if (record) return { service, records: [...records], record };
  }
  return undefined;
}
