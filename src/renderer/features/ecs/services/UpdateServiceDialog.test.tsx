import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import {
  defaultListenerRuleArn,
  type CallOutput,
  type EcsService,
  type EcsTaskDefinition,
} from '../../../../shared';
import { renderWithStowage } from '../../../test/render';
import { balancer, listenerArn, targetGroup, tgArn } from '../load-balancing/test-support';
import { UpdateServiceDialog } from './UpdateServiceDialog';
import { defaultLoadBalancerRoleArn } from './deployment-strategy';

const arn = (name: string) => `arn:aws:ecs:us-east-1:000000000000:task-definition/${name}`;
const revision = (number: number, image: string): EcsTaskDefinition => ({
  family: 'web',
  revision: number,
  status: 'ACTIVE',
  taskDefinitionArn: arn(`web:${number}`),
  networkMode: 'bridge',
  containerDefinitions: [{ name: 'web', image, memory: 64 }],
});
const definitions = [revision(1, 'nginx:1'), revision(2, 'nginx:2'), revision(3, 'nginx:2')];

const service: EcsService = {
  serviceName: 'shop',
  status: 'ACTIVE',
  taskDefinition: arn('web:1'),
  desiredCount: 3,
  schedulingStrategy: 'REPLICA',
  deploymentConfiguration: {
    minimumHealthyPercent: 100,
    maximumPercent: 200,
    deploymentCircuitBreaker: { enable: false, rollback: false },
  },
};

function renderDialog(answers: Parameters<typeof renderWithStowage>[1] = {}) {
  const onClose = vi.fn();
  const harness = renderWithStowage(
    <UpdateServiceDialog cluster="demo" service={service} onClose={onClose} />,
    { 'ecs.taskDefinitions.list': () => definitions, ...answers },
  );
  return { ...harness, onClose };
}

const pick = async (user: ReturnType<typeof userEvent.setup>, name: string) => {
  await user.click(screen.getByRole('combobox', { name: 'Task definition revision' }));
  await user.click(within(screen.getByRole('listbox')).getByText(name));
};

describe('UpdateServiceDialog', () => {
  it('has nothing to send until something changes', async () => {
    renderDialog();
    await screen.findByRole('combobox', { name: 'Task definition revision' });
    expect(screen.getByText('Nothing to change yet')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Update' })).toHaveProperty('disabled', true);
  });

  it('shows what the picked revision changes, field by field', async () => {
    const user = userEvent.setup();
    renderDialog();
    await waitFor(() =>
      expect(
        screen.getByRole('combobox', { name: 'Task definition revision' }).textContent,
      ).toContain('web:1'),
    );
    await pick(user, 'web:2');
    const diff = screen.getByTestId('revision-diff');
    const rows = within(diff).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.textContent)).toEqual([
      'containerDefinitions[web].imagenginx:1nginx:2',
    ]);
  });

  it('says when a revision runs the same as the running one', async () => {
    const user = userEvent.setup();
    renderWithStowage(
      <UpdateServiceDialog
        cluster="demo"
        service={{ ...service, taskDefinition: arn('web:2') }}
        onClose={() => undefined}
      />,
      { 'ecs.taskDefinitions.list': () => definitions },
    );
    await waitFor(() =>
      expect(
        screen.getByRole('combobox', { name: 'Task definition revision' }).textContent,
      ).toContain('web:2'),
    );
    await pick(user, 'web:3');
    expect(screen.getByTestId('revision-diff').textContent).toBe(
      'web:3 runs the same as web:2: only its number differs.',
    );
  });

  it('sends the revision, a forced deployment and the changed configuration', async () => {
    const user = userEvent.setup();
    const { call, onClose } = renderDialog({ 'ecs.services.update': () => service });
    await waitFor(() =>
      expect(
        screen.getByRole('combobox', { name: 'Task definition revision' }).textContent,
      ).toContain('web:1'),
    );
    await pick(user, 'web:3');
    await user.click(screen.getByRole('checkbox', { name: /Force a new deployment/ }));
    const minimum = screen.getByLabelText('Minimum healthy percent');
    await user.clear(minimum);
    await user.type(minimum, '50');
    await user.click(screen.getByRole('checkbox', { name: /Circuit breaker/ }));
    await user.click(screen.getByRole('checkbox', { name: /Roll back/ }));
    await user.click(screen.getByRole('button', { name: 'Update' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(call).toHaveBeenCalledWith('ecs.services.update', {
      request: {
        cluster: 'demo',
        service: 'shop',
        taskDefinition: arn('web:3'),
        forceNewDeployment: true,
        deploymentConfiguration: {
          minimumHealthyPercent: 50,
          maximumPercent: 200,
          deploymentCircuitBreaker: { enable: true, rollback: true },
        },
      },
    });
  });

  it('refuses percentages out of range and warns of a rollout that cannot move', async () => {
    const user = userEvent.setup();
    renderDialog();
    const maximum = await screen.findByLabelText('Maximum percent');
    await user.clear(maximum);
    await user.type(maximum, '100');
    expect(
      screen.getByText(/a rollout can neither add a task first nor stop one first/),
    ).toBeTruthy();
    await user.clear(maximum);
    await user.type(maximum, '250');
    expect(screen.getByText('A whole percentage from 100 to 200.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Update' })).toHaveProperty('disabled', true);
  });

  it('shows ECS’s refusal and stays open', async () => {
    const user = userEvent.setup();
    const { onClose } = renderDialog({
      'ecs.services.update': () => {
        throw new Error('ServiceNotActiveException: Service was not ACTIVE.');
      },
    });
    await screen.findByRole('combobox', { name: 'Task definition revision' });
    await user.click(screen.getByRole('checkbox', { name: /Force a new deployment/ }));
    await user.click(screen.getByRole('button', { name: 'Update' }));
    expect(
      await screen.findByText('ServiceNotActiveException: Service was not ACTIVE.'),
    ).toBeTruthy();
    expect(onClose).not.toHaveBeenCalled();
  });

  describe('deployment strategy', () => {
    const balancing: CallOutput<'ecs.loadBalancers.list'> = {
      loadBalancers: [balancer('front', ['blue'])],
      targetGroups: [targetGroup('blue'), targetGroup('green')],
    };
    const entry = { targetGroupArn: tgArn('blue'), containerName: 'web', containerPort: 80 };
    const balanced: EcsService = { ...service, loadBalancers: [entry] };
    const renderBalanced = (shown: EcsService) => {
      const onClose = vi.fn();
      const harness = renderWithStowage(
        <UpdateServiceDialog cluster="demo" service={shown} onClose={onClose} />,
        {
          'ecs.taskDefinitions.list': () => definitions,
          'ecs.loadBalancers.list': () => balancing,
          'ecs.services.update': () => shown,
        },
      );
      return { ...harness, onClose };
    };

    it('moves a service to BLUE_GREEN through its load balancer entry', async () => {
      const user = userEvent.setup();
      const { call, onClose } = renderBalanced(balanced);
      await user.click(await screen.findByRole('radio', { name: 'Blue/green' }));
      await waitFor(() =>
        expect(screen.getByRole('combobox', { name: 'Production listener' }).textContent).toBe(
          'front · HTTP:8080',
        ),
      );
      await user.click(screen.getByRole('button', { name: 'Update' }));
      await waitFor(() => expect(onClose).toHaveBeenCalled());
      expect(call).toHaveBeenCalledWith('ecs.services.update', {
        request: {
          cluster: 'demo',
          service: 'shop',
          deploymentConfiguration: {
            strategy: 'BLUE_GREEN',
            bakeTimeInMinutes: 5,
            deploymentCircuitBreaker: { enable: false, rollback: false },
          },
          loadBalancers: [
            {
              ...entry,
              advancedConfiguration: {
                alternateTargetGroupArn: tgArn('green'),
                productionListenerRule: defaultListenerRuleArn(listenerArn('front')),
                roleArn: defaultLoadBalancerRoleArn,
              },
            },
          ],
        },
      });
    });

    it('reads the service’s strategy, and names ROLLING to go back to it', async () => {
      const user = userEvent.setup();
      const { call, onClose } = renderBalanced({
        ...balanced,
        deploymentConfiguration: {
          ...service.deploymentConfiguration,
          strategy: 'CANARY',
          bakeTimeInMinutes: 2,
          canaryConfiguration: { canaryPercent: 20, canaryBakeTimeInMinutes: 3 },
        },
        loadBalancers: [
          {
            ...entry,
            advancedConfiguration: {
              alternateTargetGroupArn: tgArn('green'),
              productionListenerRule: defaultListenerRuleArn(listenerArn('front')),
            },
          },
        ],
      });
      expect(await screen.findByRole('radio', { name: 'Canary' })).toHaveProperty('checked', true);
      expect(screen.getByLabelText('Canary percent')).toHaveProperty('value', '20');
      await waitFor(() =>
        expect(screen.getByRole('combobox', { name: 'Production listener' }).textContent).toBe(
          'front · HTTP:8080',
        ),
      );
      expect(screen.getByText('Nothing to change yet')).toBeTruthy();
      await user.click(screen.getByRole('radio', { name: 'Rolling' }));
      await user.click(screen.getByRole('button', { name: 'Update' }));
      await waitFor(() => expect(onClose).toHaveBeenCalled());
      expect(call).toHaveBeenCalledWith('ecs.services.update', {
        request: {
          cluster: 'demo',
          service: 'shop',
          deploymentConfiguration: {
            strategy: 'ROLLING',
            minimumHealthyPercent: 100,
            maximumPercent: 200,
            deploymentCircuitBreaker: { enable: false, rollback: false },
          },
          loadBalancers: [entry],
        },
      });
    });

    it('refuses a strategy that shifts traffic for a service without a load balancer', async () => {
      const user = userEvent.setup();
      renderDialog();
      await user.click(await screen.findByRole('radio', { name: 'Linear' }));
      expect(screen.getByTestId('deployment-strategy-help').textContent).toBe(
        'A linear deployment shifts traffic through a load balancer: put the service behind one first.',
      );
      expect(screen.getByRole('button', { name: 'Update' })).toHaveProperty('disabled', true);
    });
  });
});
