import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../../shared';
import { renderWithStowage } from '../../test/render';
import { connectedEngine, layOutTables } from '../../test/page';
import { ContainersPage } from './ContainersPage';

const container = (digit: string, name: string): ContainerSummary => ({
  id: digit.repeat(64),
  name,
  image: 'busybox',
  imageId: `sha256:${'b'.repeat(64)}`,
  command: 'sleep 1000',
  state: 'exited',
  status: 'Exited (0) 2 minutes ago',
  health: 'none',
  created: 1_700_000_000_000,
  startedAt: 1_700_000_000_000,
  ports: [],
  labels: {},
});

const listed = [container('a', 'web'), container('c', 'cache'), container('d', 'db')];
const chosenNames = () =>
  screen
    .getAllByRole('row')
    .filter((row) => row.getAttribute('aria-selected') === 'true')
    .map((row) => row.textContent ?? '');

beforeEach(() => {
  localStorage.clear();
  layOutTables();
});
afterEach(() => window.history.replaceState(null, '', '#'));

describe('several containers chosen', () => {
  it('are chosen again from the URL on a reload, and one removed since is named', async () => {
    window.history.replaceState(
      null,
      '',
      `#/containers?selected=${'a'.repeat(12)},${'e'.repeat(12)},${'d'.repeat(12)}`,
    );
    renderWithStowage(<ContainersPage />, {
      'containers.list': () => listed,
      'engine.status': () => connectedEngine,
    });
    const note = await screen.findByTestId('chosen-containers-gone', {}, { timeout: 10_000 });
    expect(note.textContent).toContain(
      'One of the containers chosen in this link is no longer listed: eeeeeeeeeeee.',
    );
    const chosen = chosenNames();
    expect(chosen).toHaveLength(2);
    expect(chosen.join(' ')).toContain('web');
    expect(chosen.join(' ')).toContain('db');
    expect(screen.queryByTestId('container-detail')).toBeNull();
  });

  it('names the rows chosen in the URL, by their short ids, and one alone as in detail', async () => {
    const user = userEvent.setup();
    window.history.replaceState(null, '', '#/containers');
    renderWithStowage(<ContainersPage />, {
      'containers.list': () => listed,
      'engine.status': () => connectedEngine,
    });
    await user.click(await screen.findByText('web', {}, { timeout: 10_000 }));
    await waitFor(() => expect(window.location.hash).toBe(`#/containers/${'a'.repeat(64)}`));
    await user.keyboard('{Control>}');
    await user.click(screen.getByText('cache'));
    await user.keyboard('{/Control}');
    await waitFor(() =>
      expect(window.location.hash).toBe(
        `#/containers?selected=${'a'.repeat(12)},${'c'.repeat(12)}`,
      ),
    );
    expect(chosenNames()).toHaveLength(2);
  });
});
