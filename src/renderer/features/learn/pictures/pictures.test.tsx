import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TourStepResult } from '../../../../shared';
import { StepPicture } from '../StepPicture';

const task = (id: string, ec2InstanceId: string, availabilityZone: string) => ({
  taskArn: `arn:aws:ecs:us-east-1:000000000000:task/c/${id}`,
  ec2InstanceId,
  availabilityZone,
});
const a1 = { ec2InstanceId: 'i-a1', availabilityZone: 'us-east-1a' };
const a2 = { ec2InstanceId: 'i-a2', availabilityZone: 'us-east-1a' };
const b1 = { ec2InstanceId: 'i-b1', availabilityZone: 'us-east-1b' };

const draw = (result: TourStepResult) => render(<StepPicture result={result} />);

describe('the pictures of the ECS steps', () => {
  it('lists the deployments with the rolled-back one and its failed tasks', () => {
    draw({
      step: 'deployments',
      cluster: 'stowage-tour-deployments',
      service: 'stowage-tour-web',
      deployments: [
        { taskDefinition: 'web:1', status: 'SUCCESSFUL', change: 'first', failedTasks: 0 },
        { taskDefinition: 'web:3', status: 'ROLLBACK_SUCCESSFUL', change: 'bad', failedTasks: 10 },
      ],
      runningTaskDefinition: 'web:1',
      runningTasks: 3,
      events: ['(service web) rolling back to deployment ecs-svc/1.'],
    });
    expect(screen.getAllByTestId('deployment-status').map((chip) => chip.textContent)).toEqual([
      'SUCCESSFUL',
      'ROLLBACK_SUCCESSFUL',
    ]);
    expect(screen.getByTestId('deployment-failed-tasks').textContent).toBe('10 tasks failed');
    expect(screen.getByTestId('deployment-now').textContent).toContain('3 tasks of web:1');
    expect(screen.getByRole('link').getAttribute('href')).toBe(
      '#/ecs/clusters/stowage-tour-deployments/services/stowage-tour-web',
    );
  });

  it('marks the instance whose agent went away, with no task left on it', () => {
    draw({
      step: 'agent',
      cluster: 'c',
      service: 's',
      disconnected: a1,
      instances: [a1, b1],
      before: [task('t1', 'i-a1', 'us-east-1a'), task('t2', 'i-b1', 'us-east-1b')],
      after: [task('t2', 'i-b1', 'us-east-1b'), task('t3', 'i-b1', 'us-east-1b')],
      stoppedReasons: [
        'Task stopped because the ECS agent on container instance x (i-a1) disconnected.',
      ],
    });
    const after = screen.getByTestId('agent-after');
    const gone = within(after)
      .getAllByTestId('map-instance')
      .find((instance) => instance.dataset.instance === 'i-a1');
    expect(gone?.textContent).toContain('agent disconnected');
    expect(within(gone as HTMLElement).queryAllByTestId('map-task')).toEqual([]);
    expect(within(after).getAllByTestId('map-task')).toHaveLength(2);
  });

  it('shows both roles and STS’s answers side by side', () => {
    draw({
      step: 'roles',
      cluster: 'c',
      withTaskRole: {
        taskArn: 'arn:aws:ecs:us-east-1:000000000000:task/c/abc',
        roleArn: 'arn:aws:iam::000000000000:role/task',
        source: 'task-role',
        callerArn: 'arn:aws:sts::000000000000:assumed-role/task/abc',
      },
      withoutTaskRole: {
        taskArn: 'arn:aws:ecs:us-east-1:000000000000:task/c/def',
        roleArn: 'arn:aws:iam::000000000000:role/instance',
        source: 'instance-role',
        callerArn: 'arn:aws:sts::000000000000:assumed-role/instance/i-1',
      },
    });
    expect(screen.getAllByTestId('whoami-arn').map((answer) => answer.textContent)).toEqual([
      'arn:aws:sts::000000000000:assumed-role/task/abc',
      'arn:aws:sts::000000000000:assumed-role/instance/i-1',
    ]);
  });

  it('puts each way of placing on the instances it chose, and says so', () => {
    draw({
      step: 'scheduling',
      cluster: 'c',
      instances: [a1, a2, b1],
      spread: [task('s1', 'i-a1', 'us-east-1a'), task('s2', 'i-b1', 'us-east-1b')],
      binpack: [task('p1', 'i-b1', 'us-east-1b'), task('p2', 'i-b1', 'us-east-1b')],
      chosenInstance: 'i-a2',
      started: [task('x1', 'i-a2', 'us-east-1a')],
      service: [task('v1', 'i-a1', 'us-east-1a')],
    });
    const onInstance = (id: string) =>
      within(
        screen
          .getAllByTestId('map-instance')
          .find((instance) => instance.dataset.instance === id) as HTMLElement,
      )
        .queryAllByTestId('map-task')
        .map((chip) => chip.dataset.kind);
    expect(onInstance('i-b1')).toEqual(['spread', 'binpack', 'binpack']);
    expect(onInstance('i-a2')).toEqual(['StartTask']);
    expect(screen.getAllByTestId('placement-summary').map((line) => line.textContent)).toEqual([
      'RunTask, spread over zones: 1 on us-east-1a, 1 on us-east-1b',
      'RunTask, binpack on memory: 2 on i-b1',
      'StartTask on the chosen i-a2: 1 on i-a2',
      'The service scheduler: 1 on i-a1',
    ]);
  });
});
