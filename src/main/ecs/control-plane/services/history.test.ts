import { describe, expect, it } from 'vitest';
import { applyCircuitBreaker } from './circuit-breaker';
import { defaultDeploymentConfiguration } from './deployment-config';
import {
  describeServiceDeployments,
  describeServiceRevisions,
  listServiceDeployments,
  type ServiceHistory,
} from './history';
import { readListServiceDeployments } from './read-history';
import { advanceDeployments, startDeployment, type DeploymentSpec } from './rollout';
import { task } from './test-support';
import type { ServiceDeploymentRecord, ServiceTask, TaskStopNotice } from './types';

const serviceArn = 'arn:aws:ecs:us-east-1:000000000000:service/test/web';
const clusterArn = 'arn:aws:ecs:us-east-1:000000000000:cluster/test';
const deploymentId = (n: number) => `ecs-svc/${String(n).padStart(19, '1')}`;
const ids = (n: number) => ({
  id: deploymentId(n),
  serviceDeploymentArn: `arn:aws:ecs:us-east-1:000000000000:service-deployment/test/web/d${n}`,
  serviceRevisionArn: `arn:aws:ecs:us-east-1:000000000000:service-revision/test/web/${n}`,
});
const spec = (revision: number): DeploymentSpec => ({
  taskDefinition: `arn:aws:ecs:us-east-1:000000000000:task-definition/web:${revision}`,
  launchType: 'EC2',
  deploymentConfiguration: {
    ...defaultDeploymentConfiguration('REPLICA'),
    deploymentCircuitBreaker: { enable: true, rollback: true },
  },
});
const history = (
  records: ServiceDeploymentRecord[],
  tasks: ServiceTask[] = [],
): ServiceHistory => ({
  serviceArn,
  clusterArn,
  records,
  tasks,
});
const running = (id: string, count: number) =>
  Array.from({ length: count }, () => task({ deploymentId: id }));
const failedStart = (id: string): TaskStopNotice => ({
  taskArn: task().taskArn,
  deploymentId: id,
  reachedRunning: false,
  failedHealthChecks: false,
  stoppedAt: 0,
});

/** Only the given deployment runs `count` tasks: it completes and the others retire. */
function complete(records: ServiceDeploymentRecord[], id: string, count: number, now: number) {
  return advanceDeployments(records, 'web', new Map([[id, count]]), running(id, count), now)
    .records;
}

describe('service deployment history', () => {
  it('derives each state from the deployment records', () => {
    let records = startDeployment([], spec(1), ids(1), 2, [], 1_000);
    expect(listServiceDeployments(history(records))[0]).toMatchObject({
      status: 'IN_PROGRESS',
      serviceArn,
      clusterArn,
      targetServiceRevisionArn: ids(1).serviceRevisionArn,
      createdAt: new Date(1_000),
    });
    records = complete(records, deploymentId(1), 2, 2_000);
    expect(listServiceDeployments(history(records))[0]).toMatchObject({
      status: 'SUCCESSFUL',
      finishedAt: new Date(2_000),
    });

    // Revision 2 trips the circuit breaker and rolls back to revision 1.
    records = startDeployment(records, spec(2), ids(2), 2, running(deploymentId(1), 2), 3_000);
    records = applyCircuitBreaker({
      serviceName: 'web',
      records,
      stops: Array.from({ length: 10 }, () => failedStart(deploymentId(2))),
      tasks: [],
      breaker: { enable: true, rollback: true },
      desiredCount: 2,
      now: 4_000,
      newDeploymentId: () => deploymentId(3),
    }).records;
    const during = listServiceDeployments(history(records));
    expect(during).toHaveLength(2);
    expect(during[0]).toMatchObject({
      serviceDeploymentArn: ids(2).serviceDeploymentArn,
      status: 'ROLLBACK_IN_PROGRESS',
      statusReason: 'ECS deployment circuit breaker: tasks failed to start.',
    });
    const detail = describeServiceDeployments([history(records)], [ids(2).serviceDeploymentArn]);
    expect(detail.serviceDeployments[0]).toMatchObject({
      status: 'ROLLBACK_IN_PROGRESS',
      rollback: { startedAt: new Date(4_000), serviceRevisionArn: ids(1).serviceRevisionArn },
      deploymentCircuitBreaker: { status: 'TRIGGERED', failureCount: 10, threshold: 10 },
      sourceServiceRevisions: [{ arn: ids(1).serviceRevisionArn }],
    });
    records = complete(records, deploymentId(3), 2, 5_000);
    expect(listServiceDeployments(history(records))[0]).toMatchObject({
      status: 'ROLLBACK_SUCCESSFUL',
      finishedAt: new Date(5_000),
    });

    // Revision 4 is replaced by revision 5 before it completes.
    records = startDeployment(records, spec(4), ids(4), 2, [], 6_000);
    records = startDeployment(records, spec(5), ids(5), 2, [], 7_000);
    const all = listServiceDeployments(history(records));
    expect(all.map((item) => item.status)).toEqual([
      'IN_PROGRESS',
      'STOPPED',
      'ROLLBACK_SUCCESSFUL',
      'SUCCESSFUL',
    ]);
    expect(all[1]!.statusReason).toBe(
      'Service deployment stopped because a newer deployment started.',
    );
  });

  it('filters by status and creation time', () => {
    let records = startDeployment([], spec(1), ids(1), 1, [], 1_000);
    records = complete(records, deploymentId(1), 1, 1_500);
    records = startDeployment(records, spec(2), ids(2), 1, [], 2_000);
    const request = readListServiceDeployments({
      service: serviceArn,
      status: ['SUCCESSFUL'],
      createdAt: { after: 0.5, before: 1.2 },
    });
    expect(request).toMatchObject({ service: 'web', maxResults: 20 });
    expect(
      listServiceDeployments(history(records), request.filter).map((item) => item.status),
    ).toEqual(['SUCCESSFUL']);
    expect(listServiceDeployments(history(records), { createdAfter: 1_800 })).toHaveLength(1);
    expect(() => readListServiceDeployments({ service: 'web', status: ['DONE'] })).toThrow(
      /status must be one of/,
    );
  });

  it('reports counts and revisions, and MISSING for unknown ARNs', () => {
    const records = startDeployment([], spec(1), ids(1), 3, [], 1_000);
    const tasks = [
      ...running(deploymentId(1), 2),
      task({ deploymentId: deploymentId(1), lastStatus: 'PENDING' }),
    ];
    const detail = describeServiceDeployments(
      [history(records, tasks)],
      [ids(1).serviceDeploymentArn, 'arn:missing'],
    );
    expect(detail.serviceDeployments[0]!.targetServiceRevision).toEqual({
      arn: ids(1).serviceRevisionArn,
      requestedTaskCount: 3,
      runningTaskCount: 2,
      pendingTaskCount: 1,
    });
    expect(detail.serviceDeployments[0]!.deploymentCircuitBreaker?.status).toBe('MONITORING');
    expect(detail.failures).toEqual([{ arn: 'arn:missing', reason: 'MISSING' }]);
    const revisions = describeServiceRevisions(
      [history(records)],
      [ids(1).serviceRevisionArn, 'arn:nope'],
    );
    expect(revisions.serviceRevisions).toEqual([
      {
        serviceRevisionArn: ids(1).serviceRevisionArn,
        serviceArn,
        clusterArn,
        taskDefinition: spec(1).taskDefinition,
        launchType: 'EC2',
        loadBalancers: [],
        createdAt: new Date(1_000),
      },
    ]);
    expect(revisions.failures).toEqual([{ arn: 'arn:nope', reason: 'MISSING' }]);
  });
});
