import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { CallOutput } from '../../../../shared';
import { renderWithStowage } from '../../../test/render';
import { CapacityDialog } from './CapacityDialog';
import { initialStepScaling, initialTargetTracking } from './scaling-form';
import { StepScalingDialog } from './StepScalingDialog';
import { TargetTrackingDialog } from './TargetTrackingDialog';

const view: CallOutput<'ecs.autoScaling.get'> = { policies: [], activities: [], metrics: [] };
const label = 'app/web/0123456789abcdef/targetgroup/web-tg/fedcba9876543210';

async function retype(user: ReturnType<typeof userEvent.setup>, name: string, text: string) {
  const field = screen.getByLabelText(name);
  await user.clear(field);
  if (text !== '') await user.type(field, text);
}

describe('CapacityDialog', () => {
  it('registers the service with its bounds and refuses a maximum below the minimum', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    const { call } = renderWithStowage(
      <CapacityDialog
        cluster="demo"
        service="shop"
        initial={{ min: '1', max: '4' }}
        registered={false}
        onClose={onClose}
      />,
      { 'ecs.autoScaling.register': () => view },
    );
    await retype(user, 'Maximum tasks', '0');
    expect(
      screen.getAllByText('Maximum capacity cannot be less than minimum capacity.').length,
    ).toBeGreaterThan(0);
    expect(screen.getByRole('button', { name: 'Turn on' })).toHaveProperty('disabled', true);
    await retype(user, 'Maximum tasks', '6');
    await retype(user, 'Minimum tasks', '2');
    await user.click(screen.getByRole('button', { name: 'Turn on' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(call.mock.calls).toEqual([
      [
        'ecs.autoScaling.register',
        { cluster: 'demo', service: 'shop', minCapacity: 2, maxCapacity: 6 },
      ],
    ]);
  });
});

describe('TargetTrackingDialog', () => {
  function renderDialog(
    resourceLabel: string | undefined,
    answers: Parameters<typeof renderWithStowage>[1] = {},
  ) {
    const onClose = vi.fn();
    const harness = renderWithStowage(
      <TargetTrackingDialog
        cluster="demo"
        service="shop"
        initial={initialTargetTracking('shop')}
        editing={false}
        resourceLabel={resourceLabel}
        demoTiming
        onClose={onClose}
      />,
      answers,
    );
    return { ...harness, onClose };
  }

  it('sends PutScalingPolicy’s target-tracking configuration as the SDK names it', async () => {
    const user = userEvent.setup();
    const { call, onClose } = renderDialog(undefined, { 'ecs.autoScaling.putPolicy': () => view });
    expect(screen.getByText(/Demo timing is on/)).toBeTruthy();
    await retype(user, 'Target value (%)', '60');
    await retype(user, 'Scale-in cooldown (s)', '120');
    await user.click(screen.getByRole('switch', { name: /Disable scale-in/ }));
    await user.click(screen.getByRole('button', { name: 'Save policy' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(call.mock.calls).toEqual([
      [
        'ecs.autoScaling.putPolicy',
        {
          cluster: 'demo',
          service: 'shop',
          request: {
            PolicyName: 'shop-cpu-target',
            PolicyType: 'TargetTrackingScaling',
            TargetTrackingScalingPolicyConfiguration: {
              TargetValue: 60,
              PredefinedMetricSpecification: {
                PredefinedMetricType: 'ECSServiceAverageCPUUtilization',
              },
              ScaleOutCooldown: 300,
              ScaleInCooldown: 120,
              DisableScaleIn: true,
            },
          },
        },
      ],
    ]);
  });

  it('counts requests per target of the service’s target group, with its resource label', async () => {
    const user = userEvent.setup();
    const { call, onClose } = renderDialog(label, { 'ecs.autoScaling.putPolicy': () => view });
    await user.click(screen.getByRole('combobox', { name: 'Metric' }));
    await user.click(within(screen.getByRole('listbox')).getByText(/requests per target/));
    await retype(user, 'Target value (requests per target per minute)', '1000');
    await user.click(screen.getByRole('button', { name: 'Save policy' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(call.mock.calls[0]?.[1]).toMatchObject({
      request: {
        TargetTrackingScalingPolicyConfiguration: {
          TargetValue: 1000,
          PredefinedMetricSpecification: {
            PredefinedMetricType: 'ALBRequestCountPerTarget',
            ResourceLabel: label,
          },
        },
      },
    });
  });

  it('refuses what Application Auto Scaling would, at the fields', async () => {
    const user = userEvent.setup();
    renderDialog(undefined);
    await retype(user, 'Target value (%)', '0');
    expect(screen.getAllByText('A number above 0.').length).toBeGreaterThan(0);
    await retype(user, 'Target value (%)', '150');
    expect(screen.getAllByText('A utilisation from above 0 to 100 %.').length).toBeGreaterThan(0);
    await retype(user, 'Target value (%)', '50');
    await retype(user, 'Scale-out cooldown (s)', '-1');
    expect(screen.getAllByText('Whole seconds from 0 to 86400.').length).toBeGreaterThan(0);
    await retype(user, 'Scale-out cooldown (s)', '60');
    await user.click(screen.getByRole('combobox', { name: 'Metric' }));
    await user.click(within(screen.getByRole('listbox')).getByText(/requests per target/));
    expect(screen.getAllByText(/needs the service behind a load balancer/).length).toBeGreaterThan(
      0,
    );
    await retype(user, 'Policy name', '');
    expect(screen.getAllByText('A name of 1 to 256 printable characters.').length).toBeGreaterThan(
      0,
    );
    expect(screen.getByRole('button', { name: 'Save policy' })).toHaveProperty('disabled', true);
  });

  it('shows the refusal and stays open', async () => {
    const user = userEvent.setup();
    const { onClose } = renderDialog(undefined, {
      'ecs.autoScaling.putPolicy': () => {
        throw new Error(
          'ObjectNotFoundException: No scalable target registered for service namespace: ecs',
        );
      },
    });
    await user.click(screen.getByRole('button', { name: 'Save policy' }));
    expect(await screen.findByText(/ObjectNotFoundException: No scalable target/)).toBeTruthy();
    expect(onClose).not.toHaveBeenCalled();
  });
});

describe('StepScalingDialog', () => {
  function renderDialog(answers: Parameters<typeof renderWithStowage>[1] = {}) {
    const onClose = vi.fn();
    const harness = renderWithStowage(
      <StepScalingDialog
        cluster="demo"
        service="shop"
        initial={initialStepScaling('shop')}
        editing={false}
        onClose={onClose}
      />,
      answers,
    );
    return { ...harness, onClose };
  }

  it('sends the steps as StepAdjustments, an empty bound left out', async () => {
    const user = userEvent.setup();
    const { call, onClose } = renderDialog({ 'ecs.autoScaling.putPolicy': () => view });
    await user.click(screen.getByRole('button', { name: 'Add step' }));
    // The new step starts where the last ends (open): make the last end at 40.
    await retype(user, 'Step 2 from', '20');
    const uppers = screen.getAllByLabelText('to');
    await user.type(uppers[1] as HTMLElement, '40');
    await retype(user, 'Step 3 from', '40');
    await user.click(screen.getByRole('button', { name: 'Save policy' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(call.mock.calls[0]?.[1]).toEqual({
      cluster: 'demo',
      service: 'shop',
      request: {
        PolicyName: 'shop-step',
        PolicyType: 'StepScaling',
        StepScalingPolicyConfiguration: {
          AdjustmentType: 'ChangeInCapacity',
          StepAdjustments: [
            { MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 20, ScalingAdjustment: 1 },
            { MetricIntervalLowerBound: 20, MetricIntervalUpperBound: 40, ScalingAdjustment: 3 },
            { MetricIntervalLowerBound: 40, ScalingAdjustment: 1 },
          ],
          Cooldown: 300,
          MetricAggregationType: 'Average',
        },
      },
    });
  });

  it('refuses overlapping steps, gaps, inverted bounds and a zero change', async () => {
    const user = userEvent.setup();
    renderDialog();
    const save = () => screen.getByRole('button', { name: 'Save policy' });
    await retype(user, 'Step 2 from', '10');
    expect(screen.getAllByText('Step intervals cannot overlap.').length).toBeGreaterThan(0);
    expect(save()).toHaveProperty('disabled', true);
    await retype(user, 'Step 2 from', '30');
    expect(screen.getAllByText(/cannot leave a gap/).length).toBeGreaterThan(0);
    await retype(user, 'Step 2 from', '20');
    await retype(user, 'Step 1 from', '25');
    expect(
      screen.getAllByText(/The lower bound must be below the upper bound/).length,
    ).toBeGreaterThan(0);
    await retype(user, 'Step 1 from', '0');
    const changes = screen.getAllByLabelText('Change');
    await user.clear(changes[0] as HTMLElement);
    await user.type(changes[0] as HTMLElement, '0');
    expect(screen.getAllByText(/An adjustment of 0 changes nothing/).length).toBeGreaterThan(0);
    expect(save()).toHaveProperty('disabled', true);
  });
});
