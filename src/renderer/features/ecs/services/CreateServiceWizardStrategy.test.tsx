import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import {
  defaultListenerRuleArn,
  type CallOutput,
  type EcsTaskDefinition,
} from '../../../../shared';
import { renderWithStowage } from '../../../test/render';
import { balancer, listenerArn, targetGroup, tgArn } from '../load-balancing/test-support';
import { CreateServiceWizard } from './CreateServiceWizard';
import { defaultLoadBalancerRoleArn } from './deployment-strategy';

const definition: EcsTaskDefinition = {
  family: 'web',
  revision: 1,
  status: 'ACTIVE',
  taskDefinitionArn: 'arn:aws:ecs:us-east-1:000000000000:task-definition/web:1',
  compatibilities: ['EC2', 'FARGATE'],
  networkMode: 'awsvpc',
  containerDefinitions: [{ name: 'web', portMappings: [{ containerPort: 80 }] }],
};

const front = balancer('front', ['blue']);
const testListener = `${listenerArn('front').slice(0, -1)}2`;
front.listeners.push({
  listener: {
    ListenerArn: testListener,
    Port: 9090,
    Protocol: 'HTTP',
    DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn('green') }],
  },
});
const balancing: CallOutput<'ecs.loadBalancers.list'> = {
  loadBalancers: [front],
  targetGroups: [targetGroup('blue'), targetGroup('green')],
};

const preview = () => JSON.parse(screen.getByTestId('create-service-json').textContent ?? '');

async function toDeploymentStep(behindLoadBalancer: boolean) {
  const user = userEvent.setup();
  const onCreated = vi.fn();
  const harness = renderWithStowage(
    <CreateServiceWizard cluster="demo" onClose={() => undefined} onCreated={onCreated} />,
    {
      'ecs.taskDefinitions.list': () => [definition],
      'ecs.loadBalancers.list': () => balancing,
      'ecs.services.create': () => ({ serviceName: 'shop' }),
    },
  );
  await waitFor(() => expect(preview().taskDefinition).toBe(definition.taskDefinitionArn));
  await user.type(screen.getByLabelText('Service name'), 'shop');
  if (behindLoadBalancer) {
    await user.click(screen.getByRole('tab', { name: 'Load balancer' }));
    await user.click(
      screen.getByRole('switch', { name: 'Put the service behind a load balancer' }),
    );
    await user.click(screen.getByRole('combobox', { name: 'Target group' }));
    await user.click(await within(screen.getByRole('listbox')).findByText('blue'));
  }
  await user.click(screen.getByRole('tab', { name: 'Deployment' }));
  return { ...harness, user, onCreated };
}

const create = () => screen.getByRole('button', { name: 'Create service' });

describe('CreateServiceWizard deployment strategy', () => {
  it('is ROLLING by default and names no strategy in the request', async () => {
    await toDeploymentStep(false);
    expect(screen.getByRole('radio', { name: 'Rolling' })).toHaveProperty('checked', true);
    expect(screen.getByTestId('deployment-strategy-help').textContent).toBe(
      'Replaces tasks a few at a time, within the minimum and maximum percent.',
    );
    expect(preview().deploymentConfiguration).toEqual({
      minimumHealthyPercent: 100,
      maximumPercent: 200,
      deploymentCircuitBreaker: { enable: true, rollback: true },
    });
  });

  it('sends BLUE_GREEN with the alternate group and the listeners’ default rules', async () => {
    const { user, call, onCreated } = await toDeploymentStep(true);
    await user.click(screen.getByRole('radio', { name: 'Blue/green' }));
    // The other group and the listener in front of the service's group, until others are chosen.
    expect(screen.getByRole('combobox', { name: 'Alternate target group' }).textContent).toBe(
      'green',
    );
    expect(screen.getByRole('combobox', { name: 'Production listener' }).textContent).toBe(
      'front · HTTP:8080',
    );
    expect(screen.queryByLabelText('Minimum healthy percent')).toBeNull();
    await user.click(screen.getByRole('combobox', { name: 'Test listener' }));
    await user.click(within(screen.getByRole('listbox')).getByText('front · HTTP:9090'));
    const bake = screen.getByLabelText('Bake time (minutes)');
    await user.clear(bake);
    await user.type(bake, '3');
    const shown = preview();
    expect(shown.deploymentConfiguration).toEqual({
      strategy: 'BLUE_GREEN',
      bakeTimeInMinutes: 3,
      deploymentCircuitBreaker: { enable: true, rollback: true },
    });
    expect(shown.loadBalancers).toEqual([
      {
        targetGroupArn: tgArn('blue'),
        containerName: 'web',
        containerPort: 80,
        advancedConfiguration: {
          alternateTargetGroupArn: tgArn('green'),
          productionListenerRule: defaultListenerRuleArn(listenerArn('front')),
          roleArn: defaultLoadBalancerRoleArn,
          testListenerRule: defaultListenerRuleArn(testListener),
        },
      },
    ]);
    await user.click(create());
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith('shop'));
    expect(call).toHaveBeenCalledWith('ecs.services.create', { request: shown });
  });

  it('sends LINEAR and CANARY with ECS’s default steps and bake times', async () => {
    const { user } = await toDeploymentStep(true);
    await user.click(screen.getByRole('radio', { name: 'Linear' }));
    expect(preview().deploymentConfiguration).toEqual({
      strategy: 'LINEAR',
      bakeTimeInMinutes: 5,
      linearConfiguration: { stepPercent: 10, stepBakeTimeInMinutes: 6 },
      deploymentCircuitBreaker: { enable: true, rollback: true },
    });
    await user.click(screen.getByRole('radio', { name: 'Canary' }));
    const percent = screen.getByLabelText('Canary percent');
    await user.clear(percent);
    await user.type(percent, '12.5');
    expect(preview().deploymentConfiguration).toEqual({
      strategy: 'CANARY',
      bakeTimeInMinutes: 5,
      canaryConfiguration: { canaryPercent: 12.5, canaryBakeTimeInMinutes: 10 },
      deploymentCircuitBreaker: { enable: true, rollback: true },
    });
    expect(preview().loadBalancers[0].advancedConfiguration).toEqual({
      alternateTargetGroupArn: tgArn('green'),
      productionListenerRule: defaultListenerRuleArn(listenerArn('front')),
      roleArn: defaultLoadBalancerRoleArn,
    });
  });

  it('refuses what ECS refuses, field by field', async () => {
    const { user } = await toDeploymentStep(true);
    await user.click(screen.getByRole('radio', { name: 'Linear' }));
    const step = screen.getByLabelText('Step percent');
    await user.clear(step);
    await user.type(step, '2');
    expect(screen.getByText('A multiple of 0.1 from 3.0 to 100.0.')).toBeTruthy();
    expect(create()).toHaveProperty('disabled', true);
    await user.clear(step);
    await user.type(step, '33.3');
    expect(create()).toHaveProperty('disabled', false);
    await user.click(screen.getByRole('radio', { name: 'Canary' }));
    const percent = screen.getByLabelText('Canary percent');
    await user.clear(percent);
    await user.type(percent, '0.05');
    expect(screen.getByText('A multiple of 0.1 from 0.1 to 100.0.')).toBeTruthy();
    const bake = screen.getByLabelText('Canary bake time (minutes)');
    await user.clear(bake);
    await user.type(bake, '1441');
    expect(screen.getByText('Whole minutes from 0 to 1440.')).toBeTruthy();
    const role = screen.getByLabelText('Infrastructure role ARN');
    await user.clear(role);
    await user.type(role, 'ecs-lb');
    expect(
      screen.getByText('The ARN of an IAM role: arn:aws:iam::<account>:role/<name>.'),
    ).toBeTruthy();
    await user.clear(role);
    await user.type(role, 'arn:aws:iam::123456789012:role/ecs-lb');
    await user.clear(percent);
    await user.type(percent, '5');
    await user.clear(bake);
    await user.type(bake, '1');
    await user.click(screen.getByRole('combobox', { name: 'Test listener' }));
    await user.click(within(screen.getByRole('listbox')).getByText('front · HTTP:8080'));
    expect(
      screen.getByText('The test listener must differ from the production listener.'),
    ).toBeTruthy();
    expect(create()).toHaveProperty('disabled', true);
  });

  it('asks for a load balancer before a strategy that shifts traffic', async () => {
    const { user } = await toDeploymentStep(false);
    await user.click(screen.getByRole('radio', { name: 'Canary' }));
    expect(screen.getByTestId('deployment-strategy-help').textContent).toBe(
      'A canary deployment shifts traffic through a load balancer: put the service behind one first.',
    );
    expect(screen.queryByLabelText('Canary percent')).toBeNull();
    expect(create()).toHaveProperty('disabled', true);
  });
});
