import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../../shared';
import { renderWithStowage } from '../../test/render';
import { ActionBar } from './ActionBar';
import { StateChip } from './ContainersTable';
import { pendingLabel } from './pending-actions';

const stubborn: ContainerSummary = {
  id: 'f'.repeat(64),
  name: 'ignores-sigterm',
  image: 'busybox',
  imageId: 'sha256:' + 'b'.repeat(64),
  command: 'sleep 1000',
  state: 'running',
  status: 'Up 2 minutes',
  health: 'none',
  created: 1_700_000_000_000,
  startedAt: 1_700_000_000_000,
  ports: [],
  labels: {},
};

function Page({ container }: { container: ContainerSummary }) {
  return (
    <>
      <ActionBar selected={[container]} />
      <StateChip
        id={container.id}
        state={container.state}
        health={container.health}
        status={container.status}
      />
    </>
  );
}

const button = (name: string) => screen.getByRole('button', { name });

describe('stopping a container that takes its time', () => {
  it('shows "stopping…" with a spinner, keeps Kill open, and ends when the engine answers', async () => {
    const user = userEvent.setup();
    let finishStop: () => void = () => undefined;
    const stopped = { id: stubborn.id };
    const { call } = renderWithStowage(<Page container={stubborn} />, {
      'containers.stop': () =>
        new Promise<{ id: string }>((resolve) => (finishStop = () => resolve(stopped))),
    });
    expect(screen.getByTestId('container-state').textContent).toBe('running');

    await user.click(button('Stop'));
    const chip = await screen.findByRole('status');
    expect(chip.textContent).toMatch(/^stopping…/);
    expect(chip.getAttribute('data-pending')).toBe('stop');
    expect(within(chip).getByTestId('pending-spinner')).toBeTruthy();
    expect(call).toHaveBeenCalledWith('containers.stop', { container: stubborn.id });
    // Asking twice changes nothing; the way out of the wait stays open.
    expect(button('Stop')).toHaveProperty('disabled', true);
    expect(button('Restart')).toHaveProperty('disabled', true);
    expect(button('Kill')).toHaveProperty('disabled', false);

    finishStop();
    await waitFor(() => expect(screen.queryByRole('status')).toBeNull());
    expect(screen.getByTestId('container-state').textContent).toBe('running');
  });

  it('counts the seconds of the wait', () => {
    const since = 1_700_000_000_000;
    expect(pendingLabel({ action: 'stop', since }, since + 400)).toBe('stopping…');
    expect(pendingLabel({ action: 'stop', since }, since + 4_200)).toBe('stopping… 4 s');
    expect(pendingLabel({ action: 'restart', since }, since + 11_000)).toBe('restarting… 11 s');
  });
});

describe('an exit code that says more than "it failed"', () => {
  it('shows the code and explains 137 on hover', async () => {
    const user = userEvent.setup();
    renderWithStowage(
      <StateChip
        id={'e'.repeat(64)}
        state="exited"
        health="none"
        status="Exited (137) 3 seconds ago"
      />,
    );
    const chip = screen.getByTestId('container-state');
    expect(chip.textContent).toBe('exited (137)');
    await user.hover(chip);
    expect((await screen.findByRole('tooltip')).textContent).toBe(
      'Exit code 137: killed after the stop timeout',
    );
  });
});
