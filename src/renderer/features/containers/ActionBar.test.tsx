import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { StowageError, type ContainerSummary } from '../../../shared';
import { renderWithStowage } from '../../test/render';
import { ActionBar } from './ActionBar';

const stopped = (id: string, name: string): ContainerSummary => ({
  id: id.repeat(64),
  name,
  image: 'busybox',
  imageId: 'sha256:' + 'b'.repeat(64),
  command: 'sleep 1000',
  state: 'exited',
  status: 'Exited (0) 2 minutes ago',
  health: 'none',
  created: 1_700_000_000_000,
  ports: [],
  labels: {},
});

describe('a bulk action on the selection', () => {
  it('runs on every container and lists each one that failed, with why', async () => {
    const user = userEvent.setup();
    const chosen = [stopped('a', 'web'), stopped('b', 'db'), stopped('c', 'cache')];
    const { call } = renderWithStowage(<ActionBar selected={chosen} />, {
      'containers.start': (input) => {
        const { container } = input as { container: string };
        if (container === chosen[1]!.id) {
          throw new StowageError('CONFLICT', 'port 5432 is already allocated');
        }
        if (container === chosen[2]!.id) throw new Error('socket hang up');
        return { id: container };
      },
    });
    await user.click(screen.getByRole('button', { name: 'Start' }));
    const alert = await screen.findByTestId('action-error');
    expect(call).toHaveBeenCalledTimes(3);
    expect(within(alert).getByText('db: port 5432 is already allocated')).toBeTruthy();
    expect(within(alert).getByText('cache: socket hang up')).toBeTruthy();
    expect(within(alert).queryByText(/^web:/)).toBeNull();
    await user.click(within(alert).getByRole('button', { name: 'Close' }));
    expect(screen.queryByTestId('action-error')).toBeNull();
  });
});
