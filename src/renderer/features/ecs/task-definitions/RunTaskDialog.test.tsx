import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { EcsTaskDefinition } from '../../../../shared';
import { renderWithStowage } from '../../../test/render';
import { RunTaskDialog } from './RunTaskDialog';

const definition: EcsTaskDefinition = {
  family: 'web',
  revision: 3,
  taskDefinitionArn: 'arn:aws:ecs:us-east-1:000000000000:task-definition/web:3',
  compatibilities: ['EC2', 'FARGATE'],
  networkMode: 'bridge',
  containerDefinitions: [{ name: 'web', image: 'nginx', memory: 64 }],
};

const runButton = () => screen.getByRole('button', { name: 'Run' });

describe('RunTaskDialog', () => {
  it('refuses a count outside 1 to 10 and sends nothing', async () => {
    const user = userEvent.setup();
    const { call } = renderWithStowage(
      <RunTaskDialog definition={definition} clusters={['demo']} onClose={() => undefined} />,
    );
    const count = screen.getByLabelText('Count');
    await user.clear(count);
    await user.type(count, '11');
    expect(await screen.findByText('From 1 to 10 tasks.')).toBeTruthy();
    expect(runButton()).toHaveProperty('disabled', true);
    expect(call).not.toHaveBeenCalled();
  });

  it('runs the revision on EC2 with its placement strategy, and closes', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    const { call } = renderWithStowage(
      <RunTaskDialog definition={definition} clusters={['demo']} onClose={onClose} />,
      { 'ecs.tasks.run': () => ({ tasks: [], failures: [] }) },
    );
    const count = screen.getByLabelText('Count');
    await user.clear(count);
    await user.type(count, '2');
    await user.click(screen.getByRole('button', { name: 'Add strategy' }));
    await user.click(runButton());
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(call).toHaveBeenCalledWith('ecs.tasks.run', {
      cluster: 'demo',
      taskDefinition: definition.taskDefinitionArn,
      launchType: 'EC2',
      count: 2,
      placementStrategy: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }],
    });
  });

  it('shows ECS’s refusal and stays open', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    renderWithStowage(
      <RunTaskDialog definition={definition} clusters={['demo']} onClose={onClose} />,
      {
        'ecs.tasks.run': () => {
          throw new Error('ClusterNotFoundException: Cluster not found.');
        },
      },
    );
    await user.click(runButton());
    expect(await screen.findByText('ClusterNotFoundException: Cluster not found.')).toBeTruthy();
    expect(onClose).not.toHaveBeenCalled();
  });

  it('runs on Fargate over the subnets given, without placement, on Enter', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    const { call } = renderWithStowage(
      <RunTaskDialog
        definition={{ ...definition, requiresCompatibilities: ['FARGATE'], networkMode: 'awsvpc' }}
        clusters={['demo']}
        onClose={onClose}
      />,
      { 'ecs.tasks.run': () => ({ tasks: [], failures: [] }) },
    );
    expect(screen.queryByRole('button', { name: 'Add strategy' })).toBeNull();
    const subnets = screen.getByLabelText('Subnets');
    await user.clear(subnets);
    await user.type(subnets, 'subnet-a, subnet-b{Enter}');
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(call).toHaveBeenCalledWith('ecs.tasks.run', {
      cluster: 'demo',
      taskDefinition: definition.taskDefinitionArn,
      launchType: 'FARGATE',
      count: 1,
      subnets: ['subnet-a', 'subnet-b'],
    });
  });

  it('stays open with the placement failures ECS gave back', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    renderWithStowage(
      <RunTaskDialog definition={definition} clusters={['demo']} onClose={onClose} />,
      {
        'ecs.tasks.run': () => ({
          tasks: [],
          failures: [{ reason: 'RESOURCE:MEMORY', detail: 'no instance has 64 MiB free' }],
        }),
      },
    );
    await user.click(runButton());
    const failures = await screen.findByTestId('run-failures');
    expect(failures.textContent).toContain('RESOURCE:MEMORY');
    expect(failures.textContent).toContain('0 tasks placed, 1 could not be');
    expect(onClose).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalled();
  });
});
