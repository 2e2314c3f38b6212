import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { StowageError } from '../../../shared';
import { renderWithStowage } from '../../test/render';
import { BuildDialog } from './BuildDialog';

const buildButton = () => screen.getByRole('button', { name: 'Build' });

function renderBuild(streams: Parameters<typeof renderWithStowage>[2] = {}) {
  const onOpenImage = vi.fn();
  const harness = renderWithStowage(
    <BuildDialog open onClose={vi.fn()} onOpenImage={onOpenImage} />,
    {},
    streams,
  );
  return { ...harness, onOpenImage };
}

describe('BuildDialog', () => {
  it('shows what is wrong at its field and builds nothing', async () => {
    const user = userEvent.setup();
    const { stream } = renderBuild();
    await user.type(screen.getByLabelText('Folder'), 'app');
    await user.type(screen.getByLabelText('Build arguments'), '=1.0');
    await user.click(buildButton());
    expect(
      await screen.findByText('Give the folder as an absolute path, such as /home/me/app.'),
    ).toBeTruthy();
    expect(screen.getByText('Line 1: give NAME=value.')).toBeTruthy();
    expect(screen.getByLabelText('Folder').getAttribute('aria-invalid')).toBe('true');
    expect(stream).not.toHaveBeenCalled();
  });

  it('builds the folder with its tags, arguments and target, then opens the image', async () => {
    const user = userEvent.setup();
    const { stream, onOpenImage } = renderBuild({
      'images.build': (_input, send) => {
        send({ kind: 'step', step: 1, total: 1, instruction: 'FROM alpine' });
        send({ kind: 'log', text: 'done' });
        return { id: 'sha256:0123456789abcdef', tags: ['app:1.0'] };
      },
    });
    await user.type(screen.getByLabelText('Folder'), '/home/me/app');
    await user.type(screen.getByLabelText('Tags'), 'app:1.0, app:latest');
    await user.type(screen.getByLabelText('Build arguments'), 'VERSION=1.0');
    await user.type(screen.getByLabelText('Target stage'), 'runtime');
    await user.click(screen.getByLabelText('Do not use the cache'));
    await user.click(buildButton());
    const done = await screen.findByTestId('build-done');
    expect(done.textContent).toContain('Built 0123456789ab as app:1.0.');
    expect(stream.mock.calls[0]?.slice(0, 2)).toEqual([
      'images.build',
      {
        context: '/home/me/app',
        dockerfile: 'Dockerfile',
        tags: ['app:1.0', 'app:latest'],
        buildArgs: { VERSION: '1.0' },
        noCache: true,
        target: 'runtime',
      },
    ]);
    await user.click(screen.getByRole('button', { name: 'Open image' }));
    expect(onOpenImage).toHaveBeenCalledWith('sha256:0123456789abcdef');
  });

  it('shows the engine refusing the build', async () => {
    const user = userEvent.setup();
    renderBuild({
      'images.build': () => {
        throw new StowageError('INVALID_INPUT', 'Cannot locate specified Dockerfile: Dockerfile');
      },
    });
    await user.type(screen.getByLabelText('Folder'), '/home/me/app');
    await user.click(buildButton());
    expect((await screen.findByTestId('build-error')).textContent).toContain(
      'Cannot locate specified Dockerfile: Dockerfile',
    );
  });
});
