import { describe, expect, it } from 'vitest';
import { keptIdsOf, maxLoggedRequests, redactPath, TaskBook } from './task-book';
import { executionRole, seededBytes, startClock, taskRole } from './test-support';

const cluster = 'arn:aws:ecs:us-east-1:123456789012:cluster/c';
const taskA = 'arn:aws:ecs:us-east-1:123456789012:task/c/aaaa';
const taskB = 'arn:aws:ecs:us-east-1:123456789012:task/c/bbbb';

function book() {
  const tasks = new TaskBook(startClock(), seededBytes());
  tasks.register({
    taskArn: taskA,
    clusterArn: cluster,
    containerNames: ['web', 'sidecar'],
    taskRoleArn: taskRole,
    executionRoleArn: executionRole,
  });
  tasks.register({ taskArn: taskB, clusterArn: cluster, containerNames: ['web'] });
  return tasks;
}

describe('which task gets what from the agent', () => {
  it('routes a task to its own container and task metadata, v3 and v4, and stats', () => {
    const tasks = book();
    const id = tasks.metadataIdOf(taskA, 'sidecar')!;
    expect(tasks.route(taskA, `/v4/${id}`)).toMatchObject({
      kind: 'metadata',
      version: 'v4',
      containerName: 'sidecar',
      what: 'container',
    });
    expect(tasks.route(taskA, `/v4/${id}/task`)).toMatchObject({ what: 'task' });
    expect(tasks.route(taskA, `/v4/${id}/stats`)).toMatchObject({ what: 'container-stats' });
    expect(tasks.route(taskA, `/v4/${id}/task/stats`)).toMatchObject({ what: 'task-stats' });
    expect(tasks.route(taskA, `/v3/${id}/task`)).toMatchObject({ version: 'v3', what: 'task' });
  });

  it("refuses another task's metadata and credentials, and callers that are no task", () => {
    const tasks = book();
    const metadataOfA = `/v4/${tasks.metadataIdOf(taskA, 'web')}`;
    const credentialsOfA = `/v2/credentials/${tasks.taskRoleGrantOf(taskA)}`;
    expect(tasks.route(taskB, metadataOfA)).toMatchObject({ kind: 'refused', status: 403 });
    expect(tasks.route(taskB, credentialsOfA)).toMatchObject({ kind: 'refused', status: 403 });
    expect(tasks.route(undefined, credentialsOfA)).toMatchObject({ kind: 'refused' });
    expect(tasks.route(taskA, credentialsOfA)).toMatchObject({ kind: 'credentials' });
    expect(tasks.route(taskA, '/v2/credentials/../../etc')).toMatchObject({ status: 404 });
  });

  it('never serves the execution role to the task, though it holds a grant for it', () => {
    const tasks = book();
    const roles = tasks.grantsOf(taskA).map((grant) => `${grant.kind} ${grant.roleArn}`);
    expect(roles).toEqual([`task ${taskRole}`, `execution ${executionRole}`]);
    const executionId = tasks.executionRoleGrantOf(taskA);
    expect(executionId).toBeDefined();
    expect(tasks.route(taskA, `/v2/credentials/${executionId}`)).toMatchObject({
      kind: 'refused',
      status: 403,
    });
  });

  it('stops serving a released task at once, and keeps its request log', () => {
    const tasks = book();
    const credentials = `/v2/credentials/${tasks.taskRoleGrantOf(taskA)}`;
    tasks.record(taskA, 'GET', credentials, 200);
    tasks.release(taskA);
    expect(tasks.route(taskA, credentials)).toMatchObject({ kind: 'refused', status: 403 });
    expect(tasks.grantsOf(taskA)).toEqual([]);
    expect(tasks.requestsOf(taskA)).toHaveLength(1);
    expect(tasks.route(taskB, `/v4/${tasks.metadataIdOf(taskB, 'web')}`)).toMatchObject({
      kind: 'metadata',
    });
  });

  it('logs requests with their ids cut short, the newest kept', () => {
    const tasks = book();
    const grant = tasks.taskRoleGrantOf(taskA)!;
    for (let i = 0; i < maxLoggedRequests + 5; i++) {
      tasks.record(taskA, 'GET', `/v2/credentials/${grant}`, 200);
    }
    const log = tasks.requestsOf(taskA);
    expect(log).toHaveLength(maxLoggedRequests);
    expect(log[0]?.path).toBe(`/v2/credentials/${grant.slice(0, 8)}…`);
    expect(JSON.stringify(log)).not.toContain(grant);
    expect(redactPath('/x'.repeat(400))).toHaveLength(256);
  });
});

describe('the ids a restarted agent keeps', () => {
  const metadataId = '0a1b2c3d-0000-4000-a000-000000000001';
  const sidecarId = '0a1b2c3d-0000-4000-a000-000000000002';
  const grantId = '0a1b2c3d-0000-4000-a000-000000000003';

  it("reads each container's metadata id, the task role's grant and a port from the environment", () => {
    expect(
      keptIdsOf([
        {
          name: 'web',
          environment: [
            'PATH=/bin',
            `ECS_CONTAINER_METADATA_URI_V4=http://169.254.170.2/v4/${metadataId}`,
            `ECS_CONTAINER_METADATA_URI=http://169.254.170.2/v3/${metadataId}`,
            `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI=/v2/credentials/${grantId}`,
          ],
        },
        {
          name: 'sidecar',
          environment: [`ECS_CONTAINER_METADATA_URI_V4=http://169.254.170.2:8123/v4/${sidecarId}`],
        },
      ]),
    ).toEqual({
      metadataIds: new Map([
        ['web', metadataId],
        ['sidecar', sidecarId],
      ]),
      taskRoleGrant: grantId,
      port: 8123,
    });
    const full = `AWS_CONTAINER_CREDENTIALS_FULL_URI=http://169.254.170.2:8123/v2/credentials/${grantId}`;
    expect(keptIdsOf([{ name: 'web', environment: [full] }]).taskRoleGrant).toBe(grantId);
    expect(
      keptIdsOf([
        { name: 'web', environment: ['ECS_CONTAINER_METADATA_URI_V4=http://x/v4/../etc'] },
      ]),
    ).toEqual({ metadataIds: new Map() });
  });

  it('registers a task with the kept ids, and fresh ones for what was not kept', () => {
    const tasks = new TaskBook(startClock(), seededBytes());
    tasks.register(
      {
        taskArn: taskA,
        clusterArn: cluster,
        containerNames: ['web', 'sidecar'],
        taskRoleArn: taskRole,
        executionRoleArn: executionRole,
      },
      { metadataIds: new Map([['web', metadataId]]), taskRoleGrant: grantId },
    );
    expect(tasks.metadataIdOf(taskA, 'web')).toBe(metadataId);
    expect(tasks.metadataIdOf(taskA, 'sidecar')).toMatch(/^[0-9a-f-]{36}$/);
    expect(tasks.metadataIdOf(taskA, 'sidecar')).not.toBe(metadataId);
    expect(tasks.route(taskA, `/v4/${metadataId}`)).toMatchObject({ containerName: 'web' });
    expect(tasks.route(taskA, `/v2/credentials/${grantId}`)).toMatchObject({
      kind: 'credentials',
    });
    // An id another task already holds is never handed over.
    tasks.register(
      { taskArn: taskB, clusterArn: cluster, containerNames: ['web'], taskRoleArn: taskRole },
      { metadataIds: new Map([['web', metadataId]]), taskRoleGrant: grantId },
    );
    expect(tasks.metadataIdOf(taskB, 'web')).not.toBe(metadataId);
    expect(tasks.taskRoleGrantOf(taskB)).not.toBe(grantId);
    expect(tasks.route(taskB, `/v2/credentials/${grantId}`)).toMatchObject({ kind: 'refused' });
  });
});
