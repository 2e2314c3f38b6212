import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { EcsService } from '../../../../shared';
import { renderWithStowage } from '../../../test/render';
import { DeleteServiceDialog } from './DeleteServiceDialog';

const service: EcsService = {
  serviceName: 'shop',
  status: 'ACTIVE',
  desiredCount: 3,
  runningCount: 3,
  pendingCount: 0,
};

function renderDialog(subject: EcsService, answers: Parameters<typeof renderWithStowage>[1]) {
  const onDeleted = vi.fn();
  const onClose = vi.fn();
  const harness = renderWithStowage(
    <DeleteServiceDialog
      cluster="demo"
      service={subject}
      onClose={onClose}
      onDeleted={onDeleted}
    />,
    answers,
  );
  return { ...harness, onDeleted, onClose };
}

describe('DeleteServiceDialog', () => {
  it('scales a service with tasks to 0 first, then deletes it', async () => {
    const user = userEvent.setup();
    const { call, onDeleted } = renderDialog(service, {
      'ecs.services.update': () => ({ ...service, desiredCount: 0 }),
      'ecs.services.delete': () => ({ ...service, status: 'DRAINING' }),
    });
    expect(
      screen.getByText(/It is scaled to 0 first, so its tasks stop, then deleted/),
    ).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Scale to 0 and delete' }));
    await waitFor(() => expect(onDeleted).toHaveBeenCalled());
    expect(call.mock.calls).toEqual([
      ['ecs.services.update', { request: { cluster: 'demo', service: 'shop', desiredCount: 0 } }],
      ['ecs.services.delete', { cluster: 'demo', service: 'shop', force: false }],
    ]);
  });

  it('with force, explains it and deletes at once with the tasks still running', async () => {
    const user = userEvent.setup();
    const { call, onDeleted } = renderDialog(service, {
      'ecs.services.delete': () => ({ ...service, status: 'DRAINING' }),
    });
    await user.click(screen.getByRole('checkbox', { name: /Force/ }));
    expect(screen.getByText(/with its tasks still running, and ECS stops them/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Force delete' }));
    await waitFor(() => expect(onDeleted).toHaveBeenCalled());
    expect(call.mock.calls).toEqual([
      ['ecs.services.delete', { cluster: 'demo', service: 'shop', force: true }],
    ]);
  });

  it('deletes a service scaled to 0 without scaling it', async () => {
    const user = userEvent.setup();
    const idle = { ...service, desiredCount: 0, runningCount: 0 };
    const { call, onDeleted } = renderDialog(idle, {
      'ecs.services.delete': () => ({ ...idle, status: 'DRAINING' }),
    });
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(onDeleted).toHaveBeenCalled());
    expect(call.mock.calls).toEqual([
      ['ecs.services.delete', { cluster: 'demo', service: 'shop', force: false }],
    ]);
  });

  it('shows ECS’s refusal, keeps the dialog, and Cancel has the focus', async () => {
    const user = userEvent.setup();
    const { onDeleted, onClose } = renderDialog(service, {
      'ecs.services.update': () => {
        throw new Error('ServiceNotActiveException: Service was not ACTIVE.');
      },
    });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));
    await user.click(screen.getByRole('button', { name: 'Scale to 0 and delete' }));
    expect(
      await screen.findByText('ServiceNotActiveException: Service was not ACTIVE.'),
    ).toBeTruthy();
    expect(onDeleted).not.toHaveBeenCalled();
    expect(onClose).not.toHaveBeenCalled();
  });
});
