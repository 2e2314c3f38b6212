import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithStowage } from '../../../test/render';
import { CreateLoadBalancerDialog } from './CreateLoadBalancerDialog';

const lbArn =
  'arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/web/0123456789abcdef';
const tgArn =
  'arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/web-tg/fedcba9876543210';
const submit = () => screen.getByRole('button', { name: 'Create load balancer' });

function renderDialog(answers: Parameters<typeof renderWithStowage>[1] = {}) {
  const onCreated = vi.fn();
  const harness = renderWithStowage(
    <CreateLoadBalancerDialog cluster="demo" onClose={() => undefined} onCreated={onCreated} />,
    answers,
  );
  return { ...harness, onCreated };
}

async function fillNames(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText('Load balancer name'), 'web');
  await user.type(screen.getByLabelText('Target group name'), 'web-tg');
}

describe('CreateLoadBalancerDialog', () => {
  it('sends CreateTargetGroup, CreateLoadBalancer and CreateListener as the SDK names them', async () => {
    const user = userEvent.setup();
    const { call, onCreated } = renderDialog({
      'ecs.targetGroups.create': () => ({ TargetGroupArn: tgArn }),
      'ecs.loadBalancers.create': () => ({ LoadBalancerArn: lbArn }),
      'ecs.listeners.create': () => ({ ListenerArn: `${lbArn}/1` }),
    });
    await fillNames(user);
    const path = screen.getByLabelText('Health check path');
    await user.clear(path);
    await user.type(path, '/health');
    const matcher = screen.getByLabelText('Success codes');
    await user.clear(matcher);
    await user.type(matcher, '200-299');
    await user.click(submit());
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith('web'));
    expect(call.mock.calls).toEqual([
      [
        'ecs.targetGroups.create',
        {
          request: {
            Name: 'web-tg',
            Protocol: 'HTTP',
            Port: 80,
            TargetType: 'ip',
            HealthCheckProtocol: 'HTTP',
            HealthCheckPath: '/health',
            HealthCheckIntervalSeconds: 5,
            HealthCheckTimeoutSeconds: 2,
            HealthyThresholdCount: 2,
            UnhealthyThresholdCount: 2,
            Matcher: { HttpCode: '200-299' },
          },
        },
      ],
      [
        'ecs.loadBalancers.create',
        {
          request: {
            Name: 'web',
            Type: 'application',
            Scheme: 'internet-facing',
            Subnets: ['subnet-a', 'subnet-b'],
          },
        },
      ],
      [
        'ecs.listeners.create',
        {
          request: {
            LoadBalancerArn: lbArn,
            Protocol: 'HTTP',
            Port: 8080,
            DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn }],
          },
        },
      ],
    ]);
  });

  it('shows ELB’s rules at the fields and keeps Create off until they hold', async () => {
    const user = userEvent.setup();
    renderDialog();
    expect(submit()).toHaveProperty('disabled', true);
    await user.type(screen.getByLabelText('Load balancer name'), '-web');
    expect(
      screen.getAllByText(
        'Up to 32 letters, numbers and hyphens, not beginning or ending with a hyphen.',
      ).length,
    ).toBeGreaterThan(0);
    // Listed above the actions too, named by its field.
    expect(
      screen.getByText(
        'Load balancer name: Up to 32 letters, numbers and hyphens, not beginning or ending with a hyphen.',
      ),
    ).toBeTruthy();
    await user.clear(screen.getByLabelText('Load balancer name'));
    await user.type(screen.getByLabelText('Load balancer name'), 'internal-web');
    expect(
      screen.getAllByText('A load balancer name cannot begin with "internal-".').length,
    ).toBeGreaterThan(0);
    await user.clear(screen.getByLabelText('Load balancer name'));
    await user.type(screen.getByLabelText('Load balancer name'), 'web');
    await user.type(screen.getByLabelText('Target group name'), 'web-tg');
    expect(submit()).toHaveProperty('disabled', false);

    const timeout = screen.getByLabelText('Timeout (s)');
    await user.clear(timeout);
    await user.type(timeout, '5');
    expect(
      screen.getAllByText('The timeout must be shorter than the interval.').length,
    ).toBeGreaterThan(0);
    expect(submit()).toHaveProperty('disabled', true);
    await user.clear(timeout);
    await user.type(timeout, '5');

    const matcher = screen.getByLabelText('Success codes');
    await user.clear(matcher);
    await user.type(matcher, '500');
    expect(
      screen.getAllByText('HTTP codes from 200 to 499: 200, 200,202 or 200-299.').length,
    ).toBeGreaterThan(0);
    await user.clear(matcher);
    await user.type(matcher, '200,202');

    const subnets = screen.getByLabelText('Subnets');
    await user.clear(subnets);
    await user.type(subnets, 'subnet-a');
    expect(
      screen.getAllByText('An application load balancer needs at least two subnets.').length,
    ).toBeGreaterThan(0);
    expect(submit()).toHaveProperty('disabled', true);
  });

  it('says why a listener port below 1024 is reached only through the endpoint', async () => {
    const user = userEvent.setup();
    renderDialog();
    expect(screen.getByText(/From 1024 up the app serves the listener on 127.0.0.1/)).toBeTruthy();
    const port = screen.getByLabelText('Listener port');
    await user.clear(port);
    await user.type(port, '80');
    expect(screen.getByText(/Port 80 needs administrator rights on this computer/)).toBeTruthy();
    await user.clear(port);
    await user.type(port, '70000');
    expect(screen.getAllByText('A port from 1 to 65535.').length).toBeGreaterThan(0);
  });

  it('shows ELB’s refusal, and a retry makes only what is still missing', async () => {
    const user = userEvent.setup();
    let refuse = true;
    const { call, onCreated } = renderDialog({
      'ecs.targetGroups.create': () => ({ TargetGroupArn: tgArn }),
      'ecs.loadBalancers.create': () => {
        if (refuse) {
          throw new Error('DuplicateLoadBalancerName: A load balancer with the same name exists');
        }
        return { LoadBalancerArn: lbArn };
      },
      'ecs.listeners.create': () => ({}),
    });
    await fillNames(user);
    await user.click(submit());
    expect(
      await screen.findByText(
        'DuplicateLoadBalancerName: A load balancer with the same name exists',
      ),
    ).toBeTruthy();
    expect(screen.getByTestId('create-load-balancer-made').textContent).toContain(
      'the target group',
    );
    expect(onCreated).not.toHaveBeenCalled();
    refuse = false;
    await user.click(submit());
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith('web'));
    expect(call.mock.calls.map(([name]) => name)).toEqual([
      'ecs.targetGroups.create',
      'ecs.loadBalancers.create',
      'ecs.loadBalancers.create',
      'ecs.listeners.create',
    ]);
  });
});
