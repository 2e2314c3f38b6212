import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { StowageError } from '../../../shared';
import { renderWithStowage } from '../../test/render';
import { RenameDialog } from './RenameDialog';

const renameButton = () => screen.getByRole('button', { name: 'Rename' });

describe('RenameDialog', () => {
  it('refuses a name the engine would refuse, and sends nothing', async () => {
    const user = userEvent.setup();
    const { call } = renderWithStowage(
      <RenameDialog container="abc" current="web" onClose={() => undefined} />,
    );
    const field = screen.getByLabelText('New name');
    await user.clear(field);
    await user.type(field, 'bad name!{Enter}');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    // The reason is written under the field.
    const helper = document.getElementById(field.getAttribute('aria-describedby') ?? '');
    expect(helper?.textContent?.trim()).not.toBe('');
    expect(helper?.textContent).toBeTruthy();
    expect(renameButton()).toHaveProperty('disabled', true);
    expect(call).not.toHaveBeenCalled();
  });

  it('renames the container, or shows why the engine refused', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    let refuse = true;
    const { call } = renderWithStowage(
      <RenameDialog container="abc" current="web" onClose={onClose} />,
      {
        'containers.rename': () => {
          if (refuse) throw new StowageError('CONFLICT', 'The name web-2 is already in use.');
          return undefined as never;
        },
      },
    );
    await user.type(screen.getByLabelText('New name'), '-2');
    await user.click(renameButton());
    expect(await screen.findByText('The name web-2 is already in use.')).toBeTruthy();
    expect(onClose).not.toHaveBeenCalled();
    refuse = false;
    await user.click(renameButton());
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(call).toHaveBeenLastCalledWith('containers.rename', { container: 'abc', name: 'web-2' });
  });
});
