import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TourStepResultOf, TourTask } from '../../../../shared';
import { renderWithStowage } from '../../../test/render';
import { ServicesPicture } from './ServicesPicture';

const task = (taskId: string, availabilityZone: string): TourTask => ({
  taskId,
  availabilityZone,
  containerId: `${taskId}c0ffee`,
  containerName: `ecs-stowage-tour-services-1-web-${taskId}`,
});

const first = task('aaaaaaaa11', 'us-east-1a');
const second = task('bbbbbbbb22', 'us-east-1b');
const replacement = task('cccccccc33', 'us-east-1a');
const moved = task('dddddddd44', 'us-east-1b');

const result: TourStepResultOf<'services'> = {
  step: 'services',
  cluster: 'stowage-tour-services',
  service: 'web',
  desiredCount: 2,
  zones: ['us-east-1a', 'us-east-1b'],
  tasks: [first, second],
  replacement: {
    killed: first,
    stoppedReason: 'Essential container in task exited',
    replacedBy: replacement,
    afterMs: 6_200,
  },
  zoneLoss: {
    zone: 'us-east-1a',
    lost: [replacement],
    stoppedReason: 'Task stopped because availability zone us-east-1a became unavailable.',
    tasksAfter: [second, moved],
    afterMs: 8_400,
  },
  loadBalancer: {
    name: 'tour-services',
    dnsName: 'tour-services-1.us-east-1.elb.amazonaws.com',
    url: 'http://127.0.0.1:8080',
    answers: [
      { status: 200, body: second.containerId.slice(0, 12), taskId: second.taskId },
      { status: 200, body: moved.containerId.slice(0, 12), taskId: moved.taskId },
    ],
  },
  autoScaling: {
    policyName: 'tour-requests-per-task',
    metric: 'ALBRequestCountPerTarget',
    targetValue: 10,
    minCapacity: 2,
    maxCapacity: 4,
    requestsPerSecond: 20,
    datapoints: [48, 50, 51],
    desiredBefore: 2,
    desiredAfter: 4,
    runningAfter: 4,
    cause:
      'monitor alarm TargetTracking-…-AlarmHigh-… in state ALARM triggered policy tour-requests-per-task',
    afterMs: 31_000,
  },
};

describe('ServicesPicture', () => {
  it('tells the service’s story: replaced, moved out of the lost zone, balanced, scaled', () => {
    renderWithStowage(<ServicesPicture result={result} />);
    expect(screen.getByTestId('killed-task').getAttribute('data-task')).toBe(first.taskId);
    expect(screen.getByTestId('replacement-task').getAttribute('data-task')).toBe(
      replacement.taskId,
    );

    const zoneLoss = screen.getByRole('region', { name: /Zone us-east-1a lost/ });
    const [lostZone, otherZone] = within(zoneLoss).getAllByTestId('service-zone');
    expect(lostZone?.textContent).toContain('us-east-1a — unavailable');
    expect(
      within(lostZone as HTMLElement)
        .getAllByTestId('service-task')
        .map((chip) => chip.getAttribute('data-task')),
    ).toEqual([replacement.taskId]);
    expect(
      within(otherZone as HTMLElement)
        .getAllByTestId('service-task')
        .map((chip) => chip.getAttribute('data-task')),
    ).toEqual([second.taskId, moved.taskId]);

    expect(screen.getAllByTestId('lb-answer').map((answer) => answer.textContent)).toEqual([
      `200 ${second.containerId.slice(0, 12)} ← task bbbbbbbb`,
      `200 ${moved.containerId.slice(0, 12)} ← task dddddddd`,
    ]);
    expect(screen.getByTestId('scaling-desired').textContent).toBe('2 → 4');
    expect(
      screen.getAllByRole('img', { name: 'Requests per task each 5 s: 48, 50, 51; target 10' }),
    ).toHaveLength(1);
  });
});
