import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { StowageError, type ImageStack, type TourStepResultOf } from '../../../../shared';
import { renderWithStowage } from '../../../test/render';
import { LayersPicture, ReadWritePicture } from './LayersPicture';

const layer = (n: number, instruction: string, size: number) => ({
  chainId: `sha256:${String(n).repeat(64)}`,
  diffId: `sha256:${String(n + 1).repeat(64)}`,
  size,
  instruction,
});

const stack = (containers: ImageStack['containers']): ImageStack => ({
  id: 'sha256:built',
  name: 'stowage-tour/layers:1',
  layers: [
    layer(1, 'COPY busybox /bin/busybox', 1_000_000),
    layer(2, 'COPY hello.txt /srv/hello.txt', 12),
    layer(3, 'RUN rm /srv/hello.txt', 0),
  ],
  containers,
  sharedBytes: 0,
  uniqueBytes: 1_000_012,
  exactSizes: false,
});

const layersResult: TourStepResultOf<'layers'> = {
  step: 'layers',
  image: 'stowage-tour/layers:1',
  imageId: 'sha256:built',
  instructions: [
    { instruction: 'FROM stowage-tour/base:1', layerCount: 1, addedBytes: 1_000_000 },
    { instruction: 'COPY hello.txt /srv/hello.txt', layerCount: 2, addedBytes: 12 },
    { instruction: 'ENV GREETING=hello', layerCount: 2, addedBytes: 0 },
    { instruction: 'RUN rm /srv/hello.txt', layerCount: 3, addedBytes: 0 },
  ],
};

describe('the layer pictures of the tour', () => {
  it('shows the built image in the layer inspector, each layer with its instruction', async () => {
    const { call } = renderWithStowage(<LayersPicture result={layersResult} />, {
      'layers.sharing': () => ({ images: [stack([])] }),
    });

    const table = await screen.findByRole('table', { name: 'Layers of stowage-tour/layers:1' });
    // Newest on top, as in the drawing.
    expect(
      within(table)
        .getAllByTestId('picture-layer')
        .map((row) => row.textContent),
    ).toEqual([
      '3RUN rm /srv/hello.txt0 B',
      '2COPY hello.txt /srv/hello.txt12 B',
      '1COPY busybox /bin/busybox1 MB',
    ]);
    expect(screen.getAllByTestId('layer-block')).toHaveLength(3);
    expect(call).toHaveBeenCalledWith(
      'layers.sharing',
      { images: ['sha256:built'] },
      expect.anything(),
    );
    // The build, one instruction at a time: only those that made a layer are marked.
    expect(screen.getAllByTestId('layer-count').map((chip) => chip.textContent)).toEqual([
      '1 layer',
      '2 layers (+12 B)',
      '2 layers',
      '3 layers (+0 B)',
    ]);
  });

  it('draws the two containers’ read-write layers over the image layers, and only theirs', async () => {
    const result: TourStepResultOf<'read-write'> = {
      step: 'read-write',
      image: 'stowage-tour/layers:1',
      writer: { id: 'writer-id', name: 'stowage-tour-writer' },
      reader: { id: 'reader-id', name: 'stowage-tour-reader' },
      path: '/note.txt',
      writerChanges: ['A /note.txt'],
      readerChanges: [],
      sharedLayers: 3,
    };
    const { call } = renderWithStowage(<ReadWritePicture result={result} />, {
      'layers.sharing': () => ({
        images: [
          stack([
            { id: 'other-id', name: 'someone-else', state: 'running', sizeRw: 5 },
            { id: 'reader-id', name: 'stowage-tour-reader', state: 'running', sizeRw: 0 },
            { id: 'writer-id', name: 'stowage-tour-writer', state: 'running', sizeRw: 20 },
          ]),
        ],
      }),
    });

    const drawn = await screen.findAllByTestId('container-layer');
    expect(drawn.map((rect) => rect.getAttribute('data-container-id'))).toEqual([
      'reader-id',
      'writer-id',
    ]);
    expect(screen.getAllByTestId('picture-container-layer').map((row) => row.textContent)).toEqual([
      'Read-writeContainer stowage-tour-reader (running)0 B',
      'Read-writeContainer stowage-tour-writer (running)20 B',
    ]);
    expect(screen.getAllByTestId('picture-layer')).toHaveLength(3);
    expect(call).toHaveBeenCalledWith(
      'layers.sharing',
      { images: ['stowage-tour/layers:1'] },
      expect.anything(),
    );
    expect(screen.getAllByTestId('rw-layer')[0]?.textContent).toContain('A /note.txt');
    expect(
      screen.getByRole('heading', {
        name: 'Both containers over stowage-tour/layers:1’s 3 read-only layers',
      }),
    ).toBeTruthy();
  });

  it('says why when the layers cannot be read', async () => {
    renderWithStowage(<LayersPicture result={layersResult} />, {
      'layers.sharing': () => {
        throw new StowageError('NOT_FOUND', 'No such image: stowage-tour/layers:1');
      },
    });
    expect((await screen.findByTestId('image-layers-error')).textContent).toContain(
      'No such image',
    );
  });
});
