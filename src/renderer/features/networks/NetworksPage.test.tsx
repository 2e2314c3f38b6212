import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NetworkSummary } from '../../../shared';
import { renderWithStowage } from '../../test/render';
import { connectedEngine, layOutTables } from '../../test/page';
import { NetworksPage } from './NetworksPage';

const network = (id: string, name: string): NetworkSummary => ({
  id,
  name,
  driver: 'bridge',
  scope: 'local',
  created: 1_700_000_000_000,
  internal: false,
  attachable: false,
  ipv6: false,
  predefined: false,
  subnets: [],
  labels: {},
  containers: [],
});

beforeEach(() => {
  localStorage.clear();
  layOutTables();
});
afterEach(() => {
  window.history.replaceState(null, '', '#');
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('a network the URL names that is no longer there', () => {
  it('says it was removed, with the way back to every network', async () => {
    const user = userEvent.setup();
    window.history.replaceState(null, '', `#/networks/${'c'.repeat(64)}/containers`);
    renderWithStowage(<NetworksPage />, {
      'networks.list': () => [network('d'.repeat(64), 'backend')],
      'engine.status': () => connectedEngine,
    });
    const note = await screen.findByTestId('opened-network-gone', {}, { timeout: 10_000 });
    expect(note.textContent).toContain(
      'This network was removed: cccccccccccc is no longer on the engine.',
    );
    await user.click(screen.getByRole('button', { name: 'Show all networks' }));
    await waitFor(() => expect(window.location.hash).toBe('#/networks'), { timeout: 10_000 });
    expect(screen.queryByTestId('opened-network-gone')).toBeNull();
    expect(await screen.findByText('backend', {}, { timeout: 10_000 })).toBeTruthy();
  });
});
