import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { StowageError } from '../../../shared';
import { renderWithStowage } from '../../test/render';
import { RunDialog } from './RunDialog';
import { emptyRunForm } from './run-form';

const runButton = () => screen.getByRole('button', { name: 'Run' });
const imageField = () => screen.getByRole('combobox', { name: /Image/ });

describe('RunDialog', () => {
  it('shows what is wrong at its field and sends nothing', async () => {
    const user = userEvent.setup();
    const { call } = renderWithStowage(<RunDialog initial={emptyRunForm} onClose={vi.fn()} />, {
      'images.list': () => [],
    });
    await user.type(screen.getByLabelText('Command'), 'sh -c "echo');
    await user.type(screen.getByLabelText('Memory'), 'lots');
    expect(await screen.findByText('A quote is not closed.')).toBeTruthy();
    expect(screen.getByText('Memory: a size such as 512m or 1g.')).toBeTruthy();
    await user.click(runButton());
    expect(await screen.findByTestId('run-invalid')).toBeTruthy();
    expect(imageField().getAttribute('aria-invalid')).toBe('true');
    expect(call.mock.calls.map(([name]) => name)).not.toContain('containers.run');
  });

  it('runs the container with the spec the form describes', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    const { call } = renderWithStowage(<RunDialog initial={emptyRunForm} onClose={onClose} />, {
      'images.list': () => [],
      'containers.run': () => ({ id: 'c0ffee' }) as never,
    });
    await user.type(imageField(), 'nginx:1.27');
    await user.type(screen.getByLabelText('Name'), 'web');
    await user.type(screen.getByLabelText('Command'), 'sleep "1 h"');
    await user.type(screen.getByLabelText('Memory'), '512m');
    await user.click(runButton());
    await waitFor(() => expect(onClose).toHaveBeenCalledWith('c0ffee'));
    expect(call).toHaveBeenCalledWith('containers.run', {
      spec: expect.objectContaining({
        image: 'nginx:1.27',
        name: 'web',
        cmd: ['sleep', '1 h'],
        memoryBytes: 512 * 1024 * 1024,
        restartPolicy: emptyRunForm.restartPolicy,
      }),
    });
  });

  it('shows the engine refusing the container and stays open', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    renderWithStowage(
      <RunDialog initial={{ ...emptyRunForm, image: 'nginx:1.27' }} onClose={onClose} />,
      {
        'images.list': () => [],
        'containers.run': () => {
          throw new StowageError('NOT_FOUND', 'No such image: nginx:1.27');
        },
      },
    );
    await user.click(runButton());
    const alert = await screen.findByTestId('run-error');
    expect(alert.textContent).toContain('No such image: nginx:1.27');
    expect(onClose).not.toHaveBeenCalled();
    expect(runButton()).toHaveProperty('disabled', false);
  });
});
