import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { EcsStatus, EcsTask } from '../../../../shared';
import { renderWithStowage } from '../../../test/render';
import { TaskDetail } from './TaskDetail';

const status: EcsStatus = {
  runtime: 'simulated',
  region: 'us-east-1',
  accountId: '000000000000',
  availabilityZones: ['us-east-1a'],
  instanceTypes: [],
  notices: [],
};

const task: EcsTask = {
  taskArn: 'arn:aws:ecs:us-east-1:000000000000:task/demo/0123',
  taskDefinitionArn: 'arn:aws:ecs:us-east-1:000000000000:task-definition/web:1',
  lastStatus: 'STOPPED',
  desiredStatus: 'STOPPED',
  healthStatus: 'UNHEALTHY',
  stopCode: 'EssentialContainerExited',
  stoppedReason: 'Task failed container health checks',
  containers: [
    { name: 'app', image: 'nginx', lastStatus: 'STOPPED', healthStatus: 'UNHEALTHY' },
    { name: 'side', image: 'busybox', lastStatus: 'STOPPED', healthStatus: 'UNKNOWN' },
  ],
};

describe('TaskDetail', () => {
  it('shows the task’s health and each container’s', async () => {
    renderWithStowage(<TaskDetail cluster="demo" taskId="0123" onClose={() => undefined} />, {
      'ecs.tasks.describe': () => task,
      'ecs.status': () => status,
    });
    expect((await screen.findByTestId('task-health')).textContent).toBe('UNHEALTHY');
    expect(screen.getAllByTestId('container-health').map((cell) => cell.textContent)).toEqual([
      'UNHEALTHY',
      'UNKNOWN',
    ]);
    expect(screen.getByTestId('task-stop').textContent).toContain(
      'Task failed container health checks',
    );
  });
});
