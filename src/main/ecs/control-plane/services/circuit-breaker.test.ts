import { describe, expect, it } from 'vitest';
import { applyCircuitBreaker, type CircuitBreakerInput } from './circuit-breaker';
import { circuitBreakerThreshold } from './deployment-config';
import { advanceDeployments, startDeployment } from './rollout';
import { oldId, primaryId, task } from './test-support';
import type { ServiceDeploymentRecord, TaskStopNotice } from './types';

const rollbackId = 'ecs-svc/1000000000000000002';
const ids = (id: string) => ({
  id,
  serviceDeploymentArn: `arn:deployment/${id}`,
  serviceRevisionArn: `arn:revision/${id}`,
});

/** A completed deployment of web:1 and a new one of web:2 in progress. */
function rollout(): ServiceDeploymentRecord[] {
  const first = startDeployment(
    [],
    { taskDefinition: 'web:1', launchType: 'EC2' },
    ids(oldId),
    2,
    [],
    0,
  );
  const running = [task({ deploymentId: oldId }), task({ deploymentId: oldId })];
  const completed = advanceDeployments(first, 'web', new Map([[oldId, 2]]), running, 10).records;
  return startDeployment(
    completed,
    { taskDefinition: 'web:2', launchType: 'EC2' },
    ids(primaryId),
    2,
    running,
    20,
  );
}

const failedStart = (deploymentId = primaryId): TaskStopNotice => ({
  taskArn: task().taskArn,
  deploymentId,
  reachedRunning: false,
  failedHealthChecks: false,
  stoppedAt: 30,
});

function input(
  records: ServiceDeploymentRecord[],
  overrides: Partial<CircuitBreakerInput> = {},
): CircuitBreakerInput {
  return {
    serviceName: 'web',
    records,
    stops: [],
    tasks: [],
    breaker: { enable: true, rollback: true },
    desiredCount: 2,
    now: 40,
    newDeploymentId: () => rollbackId,
    ...overrides,
  };
}

describe('circuit breaker', () => {
  it('has a threshold of half the desired count, at least 10 and at most 200', () => {
    expect(circuitBreakerThreshold(1)).toBe(10);
    expect(circuitBreakerThreshold(20)).toBe(10);
    expect(circuitBreakerThreshold(21)).toBe(11);
    expect(circuitBreakerThreshold(399)).toBe(200);
    expect(circuitBreakerThreshold(1000)).toBe(200);
  });

  it('counts tasks that never ran or failed health checks, not tasks that ran and exited', () => {
    const stops = [
      failedStart(),
      { ...failedStart(), reachedRunning: true, failedHealthChecks: true },
      { ...failedStart(), reachedRunning: true },
      failedStart(oldId),
    ];
    const outcome = applyCircuitBreaker(input(rollout(), { stops }));
    expect(outcome.tripped).toBe(false);
    expect(outcome.records[0]!.failedTasks).toBe(2);
  });

  it('fails the deployment at the threshold and rolls back to the last completed one', () => {
    let records = rollout();
    const nine = applyCircuitBreaker(
      input(records, { stops: Array.from({ length: 9 }, () => failedStart()) }),
    );
    expect(nine.tripped).toBe(false);
    records = nine.records;
    const tenth = applyCircuitBreaker(input(records, { stops: [failedStart()], now: 50 }));
    expect(tenth.tripped).toBe(true);
    expect(tenth.messages).toEqual([
      `(service web) (deployment ${primaryId}) deployment failed: tasks failed to start.`,
      `(service web) rolling back to deployment ${oldId}.`,
    ]);
    const [rollback, failed, old] = tenth.records;
    expect(rollback).toMatchObject({
      id: rollbackId,
      status: 'PRIMARY',
      taskDefinition: 'web:1',
      rolloutState: 'IN_PROGRESS',
      rolloutStateReason: `ECS deployment circuit breaker: rolling back to deploymentId ${oldId}.`,
      rollbackOf: primaryId,
      serviceRevisionArn: `arn:revision/${oldId}`,
    });
    expect(failed).toMatchObject({
      id: primaryId,
      status: 'ACTIVE',
      rolloutState: 'FAILED',
      rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.',
      failedTasks: 10,
      finishedAt: 50,
      rolledBackBy: { deploymentId: rollbackId, startedAt: 50 },
    });
    expect(old).toMatchObject({ id: oldId, status: 'ACTIVE', rolloutState: 'COMPLETED' });
  });

  it('without rollback only fails the deployment', () => {
    const outcome = applyCircuitBreaker(
      input(rollout(), {
        breaker: { enable: true, rollback: false },
        stops: Array.from({ length: 10 }, () => failedStart()),
      }),
    );
    expect(
      outcome.records.map((record) => [record.id, record.status, record.rolloutState]),
    ).toEqual([
      [primaryId, 'PRIMARY', 'FAILED'],
      [oldId, 'ACTIVE', 'COMPLETED'],
    ]);
    expect(outcome.messages).toHaveLength(1);
  });

  it('when disabled keeps counting and never trips', () => {
    const outcome = applyCircuitBreaker(
      input(rollout(), {
        breaker: { enable: false, rollback: false },
        stops: Array.from({ length: 50 }, () => failedStart()),
      }),
    );
    expect(outcome.tripped).toBe(false);
    expect(outcome.records[0]).toMatchObject({ failedTasks: 50, rolloutState: 'IN_PROGRESS' });
  });

  it('stops counting once a task of the deployment runs healthy', () => {
    const counted = applyCircuitBreaker(input(rollout(), { stops: [failedStart()] })).records;
    const passed = applyCircuitBreaker(
      input(counted, { tasks: [task({ deploymentId: primaryId })] }),
    );
    expect(passed.records[0]).toMatchObject({ failedTasks: 0, circuitBreakerPassed: true });
    const later = applyCircuitBreaker(
      input(passed.records, { stops: Array.from({ length: 20 }, () => failedStart()) }),
    );
    expect(later.tripped).toBe(false);
  });

  it('does not roll back a failed rollback', () => {
    const tripped = applyCircuitBreaker(
      input(rollout(), { stops: Array.from({ length: 10 }, () => failedStart()) }),
    );
    const again = applyCircuitBreaker(
      input(tripped.records, { stops: Array.from({ length: 10 }, () => failedStart(rollbackId)) }),
    );
    expect(again.tripped).toBe(true);
    expect(again.records[0]).toMatchObject({
      id: rollbackId,
      status: 'PRIMARY',
      rolloutState: 'FAILED',
    });
    expect(again.records.filter((record) => record.status === 'PRIMARY')).toHaveLength(1);
  });

  it('has nothing to roll back to on a first deployment', () => {
    const first = startDeployment(
      [],
      { taskDefinition: 'web:1', launchType: 'EC2' },
      ids(primaryId),
      2,
      [],
      0,
    );
    const outcome = applyCircuitBreaker(
      input(first, { stops: Array.from({ length: 10 }, () => failedStart()) }),
    );
    expect(outcome.records).toHaveLength(1);
    expect(outcome.records[0]!.rolloutState).toBe('FAILED');
  });
});
