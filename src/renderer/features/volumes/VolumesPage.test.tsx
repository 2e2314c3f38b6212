import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { VolumeSummary } from '../../../shared';
import { renderWithStowage } from '../../test/render';
import { connectedEngine, layOutTables } from '../../test/page';
import { VolumesPage } from './VolumesPage';

const volume = (name: string): VolumeSummary => ({
  name,
  driver: 'local',
  mountpoint: `/var/lib/docker/volumes/${name}/_data`,
  created: 1_700_000_000_000,
  labels: {},
  scope: 'local',
  size: 4096,
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

describe('a volume the URL names that is no longer there', () => {
  it('says it was removed, with the way back to every volume', async () => {
    const user = userEvent.setup();
    window.history.replaceState(null, '', '#/volumes/app-data/files');
    renderWithStowage(<VolumesPage />, {
      'volumes.list': () => [volume('cache')],
      'engine.status': () => connectedEngine,
    });
    const note = await screen.findByTestId('opened-volume-gone', {}, { timeout: 10_000 });
    expect(note.textContent).toContain(
      'This volume was removed: app-data is no longer on the engine.',
    );
    await user.click(screen.getByRole('button', { name: 'Show all volumes' }));
    await waitFor(() => expect(window.location.hash).toBe('#/volumes'), { timeout: 10_000 });
    expect(screen.queryByTestId('opened-volume-gone')).toBeNull();
    expect(await screen.findByText('cache', {}, { timeout: 10_000 })).toBeTruthy();
  });
});
