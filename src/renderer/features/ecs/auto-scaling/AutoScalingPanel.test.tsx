import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { CallOutput, EcsService } from '../../../../shared';
import { renderWithStowage } from '../../../test/render';
import { AutoScalingPanel } from './AutoScalingPanel';

const service: EcsService = { serviceName: 'shop', desiredCount: 2, status: 'ACTIVE' };
const start = 1_700_000_000_000;
const cause =
  'monitor alarm TargetTracking-service/demo/shop-AlarmHigh-0f1e in state ALARM triggered policy shop-cpu-target';

const resource = {
  ServiceNamespace: 'ecs',
  ResourceId: 'service/demo/shop',
  ScalableDimension: 'ecs:service:DesiredCount',
} as const;

const registered: CallOutput<'ecs.autoScaling.get'> = {
  scalableTarget: {
    ...resource,
    MinCapacity: 1,
    MaxCapacity: 6,
    RoleARN: 'arn:aws:iam::000000000000:role/ecsAutoscaleRole',
    CreationTime: start,
  },
  policies: [
    {
      ...resource,
      PolicyARN:
        'arn:aws:autoscaling:us-east-1:000000000000:scalingPolicy:0:resource/ecs/service/demo/shop:policyName/shop-cpu-target',
      CreationTime: start,
      PolicyName: 'shop-cpu-target',
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: {
        TargetValue: 50,
        PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
        ScaleOutCooldown: 60,
        ScaleInCooldown: 120,
      },
    },
  ],
  activities: [
    {
      ...resource,
      ActivityId: 'a-1',
      Description: 'Setting desired count to 4.',
      Cause: cause,
      StatusCode: 'Successful',
      StartTime: start + 120_000,
    },
  ],
  metrics: [
    {
      metric: 'ECSServiceAverageCPUUtilization',
      periodSeconds: 60,
      targetValue: 50,
      datapoints: [0, 1, 2, 3].map((minute) => ({ at: start + minute * 60_000, value: 80 })),
    },
  ],
  load: { cpuPercent: 80, memoryPercent: 30 },
};

describe('AutoScalingPanel', () => {
  it('when off, says so and turns it on with bounds around the count', async () => {
    const user = userEvent.setup();
    renderWithStowage(<AutoScalingPanel cluster="demo" service={service} />, {
      'ecs.autoScaling.get': () => ({ policies: [], activities: [], metrics: [] }),
      'ecs.autoScaling.settings': () => ({ demoTiming: false }),
    });
    expect((await screen.findByTestId('auto-scaling-off')).textContent).toContain(
      'then add a policy that says when to scale',
    );
    await user.click(screen.getByRole('button', { name: 'Turn on auto scaling' }));
    expect(screen.getByLabelText('Minimum tasks')).toHaveProperty('value', '2');
    expect(screen.getByLabelText('Maximum tasks')).toHaveProperty('value', '4');
  });

  it('shows the bounds, the policy, the metric with the activity marked and its cause', async () => {
    renderWithStowage(<AutoScalingPanel cluster="demo" service={service} />, {
      'ecs.autoScaling.get': () => registered,
      'ecs.autoScaling.settings': () => ({ demoTiming: true }),
    });
    expect((await screen.findByTestId('capacity')).textContent).toBe(
      'Between 1 and 6 tasks · now 2',
    );
    expect(screen.getByTestId('policy').textContent).toContain(
      'Keeps average CPU at 50 % · cooldowns: out 60 s, in 120 s',
    );
    expect(screen.getByTestId('metric-chart').textContent).toContain(
      'now 80.0 % · target 50 % · one point per 60 s',
    );
    expect(screen.getByTestId('activity-mark').textContent).toContain('→ 4');
    const activity = screen.getByTestId('scaling-activity');
    expect(activity.textContent).toContain('Setting desired count to 4.');
    expect(activity.textContent).toContain(cause);
    expect(screen.getByTestId('demo-timing').textContent).toContain('On: metric datapoints');
  });

  it('sets the load dial when a slider is let go, and switches demo timing', async () => {
    const user = userEvent.setup();
    const { call } = renderWithStowage(<AutoScalingPanel cluster="demo" service={service} />, {
      'ecs.autoScaling.get': () => registered,
      'ecs.autoScaling.settings': () => ({ demoTiming: false }),
      'ecs.autoScaling.setLoad': () => ({}),
      'ecs.autoScaling.setSettings': ({ demoTiming }) => ({ demoTiming }),
    });
    const cpu = await screen.findByRole('slider', { name: 'CPU: 80 %' });
    cpu.focus();
    await user.keyboard('{ArrowDown}');
    await waitFor(() =>
      expect(call).toHaveBeenCalledWith('ecs.autoScaling.setLoad', {
        cluster: 'demo',
        service: 'shop',
        cpuPercent: 75,
        memoryPercent: 30,
      }),
    );
    await user.click(screen.getByRole('switch', { name: 'Demo timing' }));
    await waitFor(() =>
      expect(call).toHaveBeenCalledWith('ecs.autoScaling.setSettings', { demoTiming: true }),
    );
    await waitFor(() =>
      expect(screen.getByTestId('demo-timing').textContent).toContain('On: metric datapoints'),
    );
  });

  it('deletes a policy', async () => {
    const user = userEvent.setup();
    const { call } = renderWithStowage(<AutoScalingPanel cluster="demo" service={service} />, {
      'ecs.autoScaling.get': () => registered,
      'ecs.autoScaling.settings': () => ({ demoTiming: false }),
      'ecs.autoScaling.deletePolicy': () => ({ ...registered, policies: [] }),
    });
    await user.click(await screen.findByRole('button', { name: 'Delete shop-cpu-target' }));
    await waitFor(() =>
      expect(call).toHaveBeenCalledWith('ecs.autoScaling.deletePolicy', {
        cluster: 'demo',
        service: 'shop',
        policyName: 'shop-cpu-target',
      }),
    );
    expect(await screen.findByTestId('policies-empty')).toBeTruthy();
  });
});
