import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { StowageError } from '../../../shared';
import { renderWithStowage } from '../../test/render';
import { CreateVolumeDialog } from './CreateVolumeDialog';

const createButton = () => screen.getByRole('button', { name: 'Create' });

describe('CreateVolumeDialog', () => {
  it('shows what is wrong at its field and sends nothing', async () => {
    const user = userEvent.setup();
    const { call } = renderWithStowage(
      <CreateVolumeDialog open onClose={() => undefined} onCreated={() => undefined} />,
    );
    await user.type(screen.getByLabelText('Name'), 'a');
    expect(await screen.findByText(/at least two characters|2 characters/i)).toBeTruthy();
    expect(createButton()).toHaveProperty('disabled', true);
    await user.clear(screen.getByLabelText('Name'));
    await user.type(screen.getByLabelText('Name'), 'data');
    await user.type(screen.getByLabelText('Labels'), '=web');
    expect(createButton()).toHaveProperty('disabled', true);
    await user.type(screen.getByLabelText('Name'), '{Enter}');
    expect(call).not.toHaveBeenCalled();
  });

  it('creates the volume with its driver and labels', async () => {
    const user = userEvent.setup();
    const onCreated = vi.fn();
    const { call } = renderWithStowage(
      <CreateVolumeDialog open onClose={() => undefined} onCreated={onCreated} />,
      { 'volumes.create': () => ({ name: 'app-data' }) as never },
    );
    await user.type(screen.getByLabelText('Name'), 'app-data');
    await user.type(screen.getByLabelText('Labels'), 'team=web');
    await user.click(createButton());
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith('app-data'));
    expect(call).toHaveBeenCalledWith('volumes.create', {
      name: 'app-data',
      driver: 'local',
      labels: { team: 'web' },
    });
  });

  it('says at the name when the engine already has the volume', async () => {
    const user = userEvent.setup();
    renderWithStowage(
      <CreateVolumeDialog open onClose={() => undefined} onCreated={() => undefined} />,
      {
        'volumes.create': () => {
          throw new StowageError('CONFLICT', 'A volume named app-data exists.');
        },
      },
    );
    await user.type(screen.getByLabelText('Name'), 'app-data');
    await user.click(createButton());
    expect(await screen.findByText('A volume named app-data exists.')).toBeTruthy();
    expect(createButton()).toHaveProperty('disabled', true);
  });
});
