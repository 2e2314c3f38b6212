import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImageSummary } from '../../../shared';
import { renderWithStowage } from '../../test/render';
import { connectedEngine, layOutTables } from '../../test/page';
import { ImagesPage } from './ImagesPage';

const hex = (digit: string) => digit.repeat(64);

const image = (id: string, tag: string): ImageSummary => ({
  id: `sha256:${id}`,
  repoTags: [tag],
  repoDigests: [],
  size: 1_000_000,
  created: 1_700_000_000_000,
  containers: 0,
  labels: {},
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

describe('an image the URL names that is no longer there', () => {
  it('says it was removed, with the way back to every image', async () => {
    const user = userEvent.setup();
    window.history.replaceState(null, '', `#/images/${hex('a')}/layers`);
    renderWithStowage(<ImagesPage />, {
      'images.list': () => [image(hex('b'), 'web:1')],
      'engine.status': () => connectedEngine,
    });
    const note = await screen.findByTestId('opened-image-gone', {}, { timeout: 10_000 });
    expect(note.textContent).toContain(
      'This image was removed: aaaaaaaaaaaa is no longer on the engine.',
    );
    expect(screen.queryByTestId('image-detail')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Show all images' }));
    await waitFor(() => expect(window.location.hash).toBe('#/images'), { timeout: 10_000 });
    expect(screen.queryByTestId('opened-image-gone')).toBeNull();
    expect(await screen.findByText('web:1', {}, { timeout: 10_000 })).toBeTruthy();
  });
});

describe('several images chosen', () => {
  it('are chosen again from the URL on a reload, by their short ids', async () => {
    window.history.replaceState(
      null,
      '',
      `#/images?selected=${'a'.repeat(12)},${'c'.repeat(12)},${'e'.repeat(12)}`,
    );
    renderWithStowage(<ImagesPage />, {
      'images.list': () => [
        image(hex('a'), 'web:1'),
        image(hex('b'), 'db:2'),
        image(hex('c'), 'cache:3'),
      ],
      'engine.status': () => connectedEngine,
    });
    expect(
      await screen.findByRole('button', { name: 'Remove 2 images' }, { timeout: 10_000 }),
    ).toBeTruthy();
    const chosen = screen
      .getAllByRole('row')
      .filter((row) => row.getAttribute('aria-selected') === 'true')
      .map((row) => row.textContent);
    expect(chosen).toHaveLength(2);
    expect(chosen.join(' ')).toContain('web:1');
    expect(chosen.join(' ')).toContain('cache:3');
    expect(screen.queryByTestId('image-detail')).toBeNull();
    // One the link named was removed since: it is named, not silently dropped.
    expect(screen.getByTestId('chosen-images-gone').textContent).toContain(
      'is no longer listed: eeeeeeeeeeee.',
    );
  });
});
