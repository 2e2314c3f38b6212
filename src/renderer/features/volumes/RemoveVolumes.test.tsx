import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { useConfirm } from '../../common/ConfirmDialog';
import { renderWithStowage } from '../../test/render';
import { useRemoveVolumes } from './use-remove-volumes';
import type { VolumeRow } from './volume-rows';

const row = (name: string, containers: string[]): VolumeRow => ({
  name,
  driver: 'local',
  mountpoint: `/var/lib/docker/volumes/${name}/_data`,
  created: 1_700_000_000_000,
  size: 1024,
  containers,
  labels: {},
  anonymous: false,
});

/** The Volumes page's Remove button and its confirmation, without the table around them. */
function RemoveButton({ rows }: { rows: readonly VolumeRow[] }) {
  const [dialog, confirm] = useConfirm();
  const removal = useRemoveVolumes(confirm);
  return (
    <>
      <button type="button" onClick={() => void removal.remove(rows)}>
        Remove selected
      </button>
      {dialog}
    </>
  );
}

const removals = (call: { mock: { calls: unknown[][] } }) =>
  call.mock.calls.filter(([name]) => name === 'volumes.remove');

describe('removing a volume in use', () => {
  it('says which containers use it before anything is tried, and forces from there', async () => {
    const user = userEvent.setup();
    const { call } = renderWithStowage(
      <RemoveButton rows={[row('app-data', ['web', 'worker']), row('scratch', [])]} />,
      { 'volumes.remove': ({ name }) => ({ name, removedContainers: [] }) },
    );
    await user.click(screen.getByRole('button', { name: 'Remove selected' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByTestId('confirm-in-use').textContent).toBe(
      'app-data is used by web, worker. Remove leaves it alone; Force remove removes those containers first (running ones are stopped).',
    );
    expect(removals(call)).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Force remove' }));
    await waitFor(() =>
      expect(removals(call)).toEqual([
        ['volumes.remove', { name: 'app-data', force: true }],
        ['volumes.remove', { name: 'scratch', force: true }],
      ]),
    );
    expect((await screen.findByTestId('toast')).textContent).toContain('Removed 2 volumes');
  });

  it('offers no force for a volume nobody uses, and removes it plainly', async () => {
    const user = userEvent.setup();
    const { call } = renderWithStowage(<RemoveButton rows={[row('scratch', [])]} />, {
      'volumes.remove': ({ name }) => ({ name, removedContainers: [] }),
    });
    await user.click(screen.getByRole('button', { name: 'Remove selected' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).queryByTestId('confirm-in-use')).toBeNull();
    expect(within(dialog).queryByRole('button', { name: 'Force remove' })).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'Remove' }));
    await waitFor(() =>
      expect(removals(call)).toEqual([['volumes.remove', { name: 'scratch', force: false }]]),
    );
    expect((await screen.findByTestId('toast')).textContent).toContain('Removed scratch');
  });
});
