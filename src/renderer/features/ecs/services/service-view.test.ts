import { describe, expect, it } from 'vitest';
import type { EcsService, EcsTask } from '../../../../shared';
import {
  circuitBreakerThreshold,
  deploymentBand,
  eventsNewestFirst,
  revisionName,
  serviceHealth,
  tasksOfService,
} from './service-view';

const base: EcsService = {
  serviceName: 'shop',
  status: 'ACTIVE',
  desiredCount: 4,
  runningCount: 4,
  deployments: [{ id: 'ecs-svc/1', status: 'PRIMARY', rolloutState: 'COMPLETED' }],
};

describe('serviceHealth', () => {
  it('is steady with every task running and one completed deployment', () => {
    expect(serviceHealth(base)).toEqual({ health: 'steady', reason: 'All 4 tasks running.' });
  });

  it('is short of tasks, rolling, failed or inactive as the service says', () => {
    expect(serviceHealth({ ...base, runningCount: 1 }).health).toBe('short');
    expect(
      serviceHealth({
        ...base,
        deployments: [
          { id: 'ecs-svc/2', status: 'PRIMARY', rolloutState: 'IN_PROGRESS' },
          { id: 'ecs-svc/1', status: 'ACTIVE', rolloutState: 'COMPLETED' },
        ],
      }).health,
    ).toBe('rolling');
    expect(
      serviceHealth({
        ...base,
        deployments: [
          {
            id: 'ecs-svc/2',
            status: 'PRIMARY',
            rolloutState: 'FAILED',
            rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.',
          },
        ],
      }),
    ).toEqual({
      health: 'failed',
      reason: 'ECS deployment circuit breaker: tasks failed to start.',
    });
    expect(serviceHealth({ ...base, status: 'DRAINING' }).health).toBe('inactive');
  });
});

describe('deployment limits', () => {
  it('draws the band from the percentages, rounding inwards', () => {
    expect(deploymentBand(4, 100, 200)).toEqual({ floor: 4, ceiling: 8 });
    expect(deploymentBand(5, 50, 150)).toEqual({ floor: 3, ceiling: 7 });
    expect(deploymentBand(3, 0, 100)).toEqual({ floor: 0, ceiling: 3 });
  });

  it('trips the circuit breaker at half the desired count, from 10 to 200', () => {
    expect(circuitBreakerThreshold(1)).toBe(10);
    expect(circuitBreakerThreshold(25)).toBe(13);
    expect(circuitBreakerThreshold(1000)).toBe(200);
  });
});

describe('service parts', () => {
  it('finds the service’s tasks by their group', () => {
    const tasks: EcsTask[] = [
      { taskArn: 'a', group: 'service:shop' },
      { taskArn: 'b', group: 'service:shopping' },
      { taskArn: 'c', group: 'family:shop' },
    ];
    expect(tasksOfService(tasks, 'shop').map((task) => task.taskArn)).toEqual(['a']);
  });

  it('puts the newest event first and names revisions shortly', () => {
    const service = {
      ...base,
      events: [
        { id: '1', createdAt: 1, message: 'old' },
        { id: '2', createdAt: 3, message: 'new' },
      ],
    };
    expect(eventsNewestFirst(service).map((event) => event.message)).toEqual(['new', 'old']);
    expect(revisionName('arn:aws:ecs:us-east-1:0:task-definition/web:3')).toBe('web:3');
    expect(revisionName(undefined)).toBe('—');
  });
});
