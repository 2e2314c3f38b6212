import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { StowageError } from '../../../shared';
import { renderWithStowage } from '../../test/render';
import { PruneNetworksDialog } from './PruneNetworksDialog';

const unused = { id: 'a'.repeat(64), name: 'old-net', driver: 'bridge' };

describe('PruneNetworksDialog', () => {
  it('removes the networks the preview listed and says what it did', async () => {
    const user = userEvent.setup();
    const { call } = renderWithStowage(<PruneNetworksDialog open onClose={vi.fn()} />, {
      'networks.prunePreview': () => ({ networks: [unused] }),
      'networks.prune': () => ({ removed: [unused.id], kept: [] }),
    });
    await user.click(await screen.findByRole('button', { name: /^Remove 1 / }));
    expect((await screen.findByTestId('prune-done')).textContent).toMatch(/^Removed 1 /);
    expect(call).toHaveBeenCalledWith('networks.prune', { ids: [unused.id] });
  });

  it('shows the engine refusing the prune', async () => {
    const user = userEvent.setup();
    renderWithStowage(<PruneNetworksDialog open onClose={vi.fn()} />, {
      'networks.prunePreview': () => ({ networks: [unused] }),
      'networks.prune': () => {
        throw new StowageError('CONFLICT', 'a prune operation is already running');
      },
    });
    await user.click(await screen.findByRole('button', { name: /^Remove 1 / }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'a prune operation is already running',
    );
    expect(screen.queryByTestId('prune-done')).toBeNull();
  });
});
