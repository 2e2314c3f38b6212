import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { EcsClusterContents } from '../../../../shared/contract/ecs';
import { renderWithStowage } from '../../../test/render';
import { DeleteClusterDialog } from './DeleteClusterDialog';

const contents = (fields: Partial<EcsClusterContents>): EcsClusterContents => ({
  clusterArn: 'arn:aws:ecs:us-east-1:000000000000:cluster/demo',
  status: 'ACTIVE',
  activeTasks: 0,
  stoppedTasks: 0,
  instances: 0,
  services: 0,
  containers: 0,
  networks: [],
  ...fields,
});

describe('DeleteClusterDialog', () => {
  it('previews what goes, then shows each step done', async () => {
    const user = userEvent.setup();
    const held = contents({
      activeTasks: 1,
      instances: 1,
      containers: 1,
      networks: ['stowage-ecs-demo'],
    });
    let deleted = false;
    const { call } = renderWithStowage(
      <DeleteClusterDialog cluster="demo" onClose={() => undefined} />,
      {
        'ecs.clusters.contents': () =>
          deleted ? contents({ status: 'INACTIVE' }) : { ...held, activeTasks: 0 },
        'ecs.services.list': () => [],
        'ecs.tasks.list': () => [{ taskArn: 'arn:task/a' }],
        'ecs.tasks.stop': () => ({}),
        'ecs.instances.list': () => [{ containerInstanceArn: 'arn:ci/1', status: 'ACTIVE' }],
        'ecs.instances.deregister': () => ({}),
        'ecs.clusters.delete': () => {
          deleted = true;
          return {};
        },
      },
    );
    const preview = await screen.findByTestId('delete-cluster-preview');
    expect(within(preview).getByText('1 container instance')).toBeTruthy();
    expect(within(preview).getByText('1 task container on the Docker engine')).toBeTruthy();
    expect(within(preview).getByText('the network stowage-ecs-demo')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Delete everything' }));
    expect(await screen.findByTestId('delete-cluster-done')).toBeTruthy();
    const steps = within(screen.getByTestId('delete-cluster-progress')).getAllByRole('listitem');
    expect(steps.map((step) => step.getAttribute('data-state'))).toEqual([
      'done',
      'done',
      'done',
      'done',
      'done',
      'done',
    ]);
    expect(screen.getByText('1 task asked to stop')).toBeTruthy();
    expect(call).toHaveBeenCalledWith('ecs.clusters.delete', { cluster: 'demo' });
  });

  it('shows the step that failed with ECS’s message', async () => {
    const user = userEvent.setup();
    renderWithStowage(<DeleteClusterDialog cluster="demo" onClose={() => undefined} />, {
      'ecs.clusters.contents': () => contents({}),
      'ecs.services.list': () => [],
      'ecs.tasks.list': () => [],
      'ecs.instances.list': () => [],
      'ecs.clusters.delete': () => {
        throw new Error('The Cluster cannot be deleted while Services are active.');
      },
    });
    expect(await screen.findByText('The cluster is empty: only the cluster goes.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Delete everything' }));
    await waitFor(() =>
      expect(
        screen.getByText('The Cluster cannot be deleted while Services are active.'),
      ).toBeTruthy(),
    );
    const failed = screen
      .getAllByRole('listitem')
      .find((item) => item.getAttribute('data-state') === 'failed');
    expect(failed?.getAttribute('data-step')).toBe('cluster');
    expect(screen.getByRole('button', { name: 'Close' })).toHaveProperty('disabled', false);
  });

  it('offers to delete a cluster with services, deleting them first; Cancel closes', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    renderWithStowage(<DeleteClusterDialog cluster="demo" onClose={onClose} />, {
      'ecs.clusters.contents': () => contents({ services: 2 }),
    });
    const preview = await screen.findByTestId('delete-cluster-preview');
    expect(within(preview).getByText('2 services, deleted with force first')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Delete everything' })).toHaveProperty(
      'disabled',
      false,
    );
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onClose).toHaveBeenCalled();
  });
});
