import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StowageError, type ManifestDetail } from '../../../shared';
import { layOutTables } from '../../test/page';
import { renderWithStowage } from '../../test/render';
import { TagsView } from './RegistryBrowser';

const digestOf = (digit: string) => `sha256:${digit.repeat(64)}`;
const built = Date.now() - 3 * 24 * 3600_000;
const manifests: Record<string, ManifestDetail> = {
  '1.0': {
    kind: 'image',
    digest: digestOf('a'),
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    layers: [],
    config: {
      digest: digestOf('c'),
      mediaType: 'application/vnd.oci.image.config.v1+json',
      size: 900,
      created: built,
    },
    totalSize: 4_200_000,
  },
  multi: {
    kind: 'index',
    digest: digestOf('b'),
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: ['amd64', 'arm64'].map((architecture) => ({
      digest: digestOf('d'),
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      size: 500,
      platform: { os: 'linux', architecture },
    })),
  },
};

beforeEach(() => layOutTables());
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const rowOf = (tag: string) =>
  screen
    .getAllByTestId('tag-row')
    .find((row) => row.getAttribute('data-tag') === tag) as HTMLElement;

describe('the tag list', () => {
  it('shows each tag’s digest with a copy button, its size and when its image was built', async () => {
    const user = userEvent.setup();
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    renderWithStowage(
      <TagsView
        registry="localhost:5000"
        repository="team/app"
        confirm={async () => false}
        onOpen={() => undefined}
        onPull={() => undefined}
      />,
      {
        'registries.tags': () => ({
          repository: 'team/app',
          tags: ['multi', '1.0', 'gone'],
          truncated: false,
        }),
        'registries.manifest': ({ reference }) => {
          const manifest = manifests[reference];
          if (!manifest) throw new StowageError('NOT_FOUND', 'The registry has no such manifest.');
          return manifest;
        },
      },
    );
    const table = await screen.findByRole('region', { name: 'Tags' }, { timeout: 10_000 });
    expect(within(table).getByRole('columnheader', { name: /Image built/ })).toBeTruthy();
    await waitFor(() => expect(rowOf('1.0').textContent).toContain('4.2 MB'), { timeout: 10_000 });
    const image = rowOf('1.0');
    expect(image.textContent).toContain(`sha256:${'a'.repeat(12)}`);
    expect(image.textContent).toContain('3 days ago');
    expect(within(image).getByText('3 days ago').getAttribute('title')).toContain(
      'A registry keeps no time of the push.',
    );
    await waitFor(() => expect(rowOf('multi').textContent).toContain('2 platforms'), {
      timeout: 10_000,
    });
    expect(rowOf('multi').textContent).toContain('—');
    await waitFor(() => expect(rowOf('gone').textContent).toContain('unreadable'), {
      timeout: 10_000,
    });

    await user.click(within(image).getByRole('button', { name: 'Copy the digest of 1.0' }));
    expect(writeText).toHaveBeenCalledWith(digestOf('a'));
  });
});
