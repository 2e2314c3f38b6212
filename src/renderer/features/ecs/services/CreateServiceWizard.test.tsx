import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { CallOutput, EcsTaskDefinition } from '../../../../shared';
import { renderWithStowage } from '../../../test/render';
import { CreateServiceWizard } from './CreateServiceWizard';

const arn = (name: string) => `arn:aws:ecs:us-east-1:000000000000:task-definition/${name}`;
const definitions: EcsTaskDefinition[] = [
  {
    family: 'web',
    revision: 1,
    status: 'ACTIVE',
    taskDefinitionArn: arn('web:1'),
    compatibilities: ['EC2'],
    networkMode: 'bridge',
    containerDefinitions: [{ name: 'web', portMappings: [{ containerPort: 80 }] }],
  },
  {
    family: 'web',
    revision: 2,
    status: 'ACTIVE',
    taskDefinitionArn: arn('web:2'),
    compatibilities: ['EC2', 'FARGATE'],
    networkMode: 'awsvpc',
    containerDefinitions: [
      { name: 'sidecar' },
      { name: 'web', portMappings: [{ containerPort: 8080 }, { containerPort: 9090 }] },
    ],
  },
];

const groupArn = (name: string) =>
  `arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/${name}/0123456789abcdef`;
const balancing: CallOutput<'ecs.loadBalancers.list'> = {
  loadBalancers: [],
  targetGroups: [
    {
      targetGroup: {
        TargetGroupArn: groupArn('web-ip'),
        TargetGroupName: 'web-ip',
        TargetType: 'ip',
      },
      targets: [],
      serviceArns: [],
    },
    {
      targetGroup: {
        TargetGroupArn: groupArn('web-inst'),
        TargetGroupName: 'web-inst',
        TargetType: 'instance',
      },
      targets: [],
      serviceArns: [],
    },
  ],
};

const preview = () => JSON.parse(screen.getByTestId('create-service-json').textContent ?? '');
const next = () => screen.getByRole('button', { name: 'Next' });

function renderWizard(answers: Parameters<typeof renderWithStowage>[1] = {}) {
  const onCreated = vi.fn();
  const harness = renderWithStowage(
    <CreateServiceWizard cluster="demo" onClose={() => undefined} onCreated={onCreated} />,
    {
      'ecs.taskDefinitions.list': () => definitions,
      'ecs.loadBalancers.list': () => balancing,
      ...answers,
    },
  );
  return { ...harness, onCreated };
}

describe('CreateServiceWizard', () => {
  it('shows the CLI input JSON of what is typed, live, newest revision first', async () => {
    const user = userEvent.setup();
    renderWizard();
    await waitFor(() => expect(preview().taskDefinition).toBe(arn('web:2')));
    await user.type(screen.getByLabelText('Service name'), 'shop');
    expect(preview()).toEqual({
      cluster: 'demo',
      serviceName: 'shop',
      taskDefinition: arn('web:2'),
      launchType: 'EC2',
      schedulingStrategy: 'REPLICA',
      desiredCount: 2,
      networkConfiguration: {
        awsvpcConfiguration: { subnets: ['subnet-a', 'subnet-b', 'subnet-c'] },
      },
      deploymentConfiguration: {
        minimumHealthyPercent: 100,
        maximumPercent: 200,
        deploymentCircuitBreaker: { enable: true, rollback: true },
      },
    });
  });

  it('keeps Next off until the step is valid, and says why', async () => {
    const user = userEvent.setup();
    renderWizard();
    await waitFor(() => expect(preview().taskDefinition).toBe(arn('web:2')));
    expect(next()).toHaveProperty('disabled', true);
    await user.type(screen.getByLabelText('Service name'), 'bad name');
    expect(screen.getByText('Up to 255 letters, numbers, hyphens and underscores.')).toBeTruthy();
    expect(next()).toHaveProperty('disabled', true);
    await user.clear(screen.getByLabelText('Service name'));
    await user.type(screen.getByLabelText('Service name'), 'shop');
    await user.click(next());
    const count = screen.getByLabelText('Desired tasks');
    await user.clear(count);
    await user.type(count, '-1');
    expect(screen.getByText('A whole number from 0 to 5000.')).toBeTruthy();
    expect(next()).toHaveProperty('disabled', true);
  });

  it('refuses Fargate for a DAEMON service and a revision that cannot run there', async () => {
    const user = userEvent.setup();
    renderWizard();
    await waitFor(() => expect(preview().taskDefinition).toBe(arn('web:2')));
    await user.click(screen.getByRole('combobox', { name: 'Task definition revision' }));
    await user.click(within(screen.getByRole('listbox')).getByText('web:1'));
    await user.type(screen.getByLabelText('Service name'), 'shop');
    await user.click(next());
    await user.click(screen.getByRole('combobox', { name: 'Launch type' }));
    await user.click(within(screen.getByRole('listbox')).getByText('Fargate'));
    expect(screen.getByText('This revision is not compatible with Fargate.')).toBeTruthy();
    await user.click(screen.getByRole('combobox', { name: 'Service type' }));
    await user.click(within(screen.getByRole('listbox')).getByText('Daemon'));
    expect(screen.getByText('Fargate does not run DAEMON services: choose EC2.')).toBeTruthy();
    expect(next()).toHaveProperty('disabled', true);
  });

  it('creates the service from the request it previews', async () => {
    const user = userEvent.setup();
    const { call, onCreated } = renderWizard({
      'ecs.services.create': () => ({ serviceName: 'shop' }),
    });
    await waitFor(() => expect(preview().taskDefinition).toBe(arn('web:2')));
    await user.click(screen.getByRole('combobox', { name: 'Task definition revision' }));
    await user.click(within(screen.getByRole('listbox')).getByText('web:1'));
    await user.type(screen.getByLabelText('Service name'), 'shop');
    await user.click(next());
    await user.click(next());
    await user.click(screen.getByRole('button', { name: 'Add strategy' }));
    await user.click(next());
    await user.click(next());
    const maximum = screen.getByLabelText('Maximum percent');
    await user.clear(maximum);
    await user.type(maximum, '150');
    const shown = preview();
    await user.click(screen.getByRole('button', { name: 'Create service' }));
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith('shop'));
    expect(call).toHaveBeenCalledWith('ecs.services.create', { request: shown });
    expect(shown).toMatchObject({
      taskDefinition: arn('web:1'),
      placementStrategy: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }],
      deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 150 },
    });
    expect(shown).not.toHaveProperty('networkConfiguration');
    expect(shown).not.toHaveProperty('loadBalancers');
    expect(shown).not.toHaveProperty('healthCheckGracePeriodSeconds');
  });

  it('puts the service behind a target group, with the container and port of the revision', async () => {
    const user = userEvent.setup();
    const { call, onCreated } = renderWizard({
      'ecs.services.create': () => ({ serviceName: 'shop' }),
    });
    await waitFor(() => expect(preview().taskDefinition).toBe(arn('web:2')));
    await user.type(screen.getByLabelText('Service name'), 'shop');
    await user.click(screen.getByRole('tab', { name: 'Load balancer' }));
    await user.click(
      screen.getByRole('switch', { name: 'Put the service behind a load balancer' }),
    );
    expect(screen.getByText('Choose a target group.')).toBeTruthy();
    await user.click(screen.getByRole('combobox', { name: 'Target group' }));
    await user.click(await within(screen.getByRole('listbox')).findByText('web-ip'));
    // The one container with a port mapping, and its first port, until another is chosen.
    expect(screen.getByRole('combobox', { name: 'Container' }).textContent).toBe('web');
    await user.click(screen.getByRole('combobox', { name: 'Container port' }));
    await user.click(within(screen.getByRole('listbox')).getByText('9090'));
    const grace = screen.getByLabelText('Health check grace period (s)');
    await user.clear(grace);
    await user.type(grace, '30');
    expect(preview()).toMatchObject({
      loadBalancers: [
        { targetGroupArn: groupArn('web-ip'), containerName: 'web', containerPort: 9090 },
      ],
      healthCheckGracePeriodSeconds: 30,
    });
    const shown = preview();
    await user.click(next());
    await user.click(screen.getByRole('button', { name: 'Create service' }));
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith('shop'));
    expect(call).toHaveBeenCalledWith('ecs.services.create', { request: shown });
  });

  it('refuses a target type the revision’s network mode cannot register, in ECS’s words', async () => {
    const user = userEvent.setup();
    renderWizard();
    await waitFor(() => expect(preview().taskDefinition).toBe(arn('web:2')));
    await user.click(screen.getByRole('combobox', { name: 'Task definition revision' }));
    await user.click(within(screen.getByRole('listbox')).getByText('web:1'));
    await user.type(screen.getByLabelText('Service name'), 'shop');
    await user.click(screen.getByRole('tab', { name: 'Load balancer' }));
    await user.click(
      screen.getByRole('switch', { name: 'Put the service behind a load balancer' }),
    );
    await user.click(screen.getByRole('combobox', { name: 'Target group' }));
    await user.click(await within(screen.getByRole('listbox')).findByText('web-ip'));
    expect(
      screen.getByText(
        'The provided target group web-ip has target type ip, which is incompatible with the bridge network mode specified in the task definition.',
      ),
    ).toBeTruthy();
    expect(next()).toHaveProperty('disabled', true);
    await user.click(screen.getByRole('combobox', { name: 'Target group' }));
    await user.click(within(screen.getByRole('listbox')).getByText('web-inst'));
    expect(next()).toHaveProperty('disabled', false);
    const grace = screen.getByLabelText('Health check grace period (s)');
    await user.clear(grace);
    await user.type(grace, '-5');
    expect(screen.getByText('Whole seconds, 0 or more.')).toBeTruthy();
    expect(next()).toHaveProperty('disabled', true);
  });

  it('shows ECS’s refusal and stays open', async () => {
    const user = userEvent.setup();
    const { onCreated } = renderWizard({
      'ecs.services.create': () => {
        throw new Error('InvalidParameterException: Creation of service was not idempotent.');
      },
    });
    await waitFor(() => expect(preview().taskDefinition).toBe(arn('web:2')));
    await user.type(screen.getByLabelText('Service name'), 'shop');
    await user.click(screen.getByRole('tab', { name: 'Deployment' }));
    await user.click(screen.getByRole('button', { name: 'Create service' }));
    expect(
      await screen.findByText('InvalidParameterException: Creation of service was not idempotent.'),
    ).toBeTruthy();
    expect(onCreated).not.toHaveBeenCalled();
  });

  it('says to register a task definition first when there is none', async () => {
    renderWithStowage(
      <CreateServiceWizard cluster="demo" onClose={() => undefined} onCreated={() => undefined} />,
      { 'ecs.taskDefinitions.list': () => [] },
    );
    expect(await screen.findByTestId('wizard-no-definitions')).toBeTruthy();
  });
});
