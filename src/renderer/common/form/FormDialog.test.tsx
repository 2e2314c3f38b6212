import { TextField } from '@mui/material';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { CallOutput } from '../../../shared';
import { useStowageMutation } from '../../api';
import { renderWithStowage } from '../../test/render';
import { FormDialog } from './FormDialog';

/** A dialog as a feature writes one: a name, its problem at the field, one call. */
function NameDialog({ onClose }: { onClose(): void }) {
  const [name, setName] = useState('');
  const creation = useStowageMutation();
  const problem = name.includes(' ') ? 'No spaces.' : undefined;
  return (
    <FormDialog
      title="Create a thing"
      submitLabel="Create"
      mutation={creation}
      disabled={name === '' || problem !== undefined}
      problems={problem ? [`Name: ${problem}`] : []}
      onClose={onClose}
      onSubmit={async () => {
        const created = await creation.run((client) =>
          client.call('volumes.create', { name, driver: 'local', labels: {} }),
        );
        if (created.ok) onClose();
      }}
    >
      <TextField
        autoFocus
        label="Name"
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={problem !== undefined}
        helperText={problem}
      />
    </FormDialog>
  );
}

const volume: CallOutput<'volumes.create'> = {
  name: 'data',
  driver: 'local',
  mountpoint: '/var/lib/docker/volumes/data/_data',
  created: 0,
  labels: {},
  scope: 'local',
  size: null,
  containers: [],
  options: {},
  raw: {},
};

describe('FormDialog', () => {
  it('submits on Enter, shows it is busy, and closes when the change is made', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    let finish: (value: typeof volume) => void = () => undefined;
    const { call } = renderWithStowage(<NameDialog onClose={onClose} />, {
      'volumes.create': () =>
        new Promise((resolve) => {
          finish = resolve;
        }),
    });
    await user.type(screen.getByLabelText('Name'), 'data{Enter}');
    const create = screen.getByRole('button', { name: 'Create' });
    await waitFor(() => expect(create.getAttribute('aria-busy')).toBe('true'));
    expect(create).toHaveProperty('disabled', true);
    expect(call).toHaveBeenCalledWith('volumes.create', {
      name: 'data',
      driver: 'local',
      labels: {},
    });
    finish(volume);
    await waitFor(() => expect(onClose).toHaveBeenCalled());
  });

  it('sends nothing while a problem stands, and says so at the field and in the summary', async () => {
    const user = userEvent.setup();
    const { call } = renderWithStowage(<NameDialog onClose={() => undefined} />);
    await user.type(screen.getByLabelText('Name'), 'my data{Enter}');
    expect(screen.getByText('No spaces.')).toBeTruthy();
    expect(screen.getByTestId('form-problems').textContent).toContain('Name: No spaces.');
    expect(screen.getByRole('button', { name: 'Create' })).toHaveProperty('disabled', true);
    expect(call).not.toHaveBeenCalled();
  });

  it('shows a refusal and stays open; Esc cancels', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    renderWithStowage(<NameDialog onClose={onClose} />, {
      'volumes.create': () => {
        throw new Error('The engine refused: disk full.');
      },
    });
    await user.type(screen.getByLabelText('Name'), 'data');
    await user.click(screen.getByRole('button', { name: 'Create' }));
    expect(await screen.findByText('The engine refused: disk full.')).toBeTruthy();
    expect(onClose).not.toHaveBeenCalled();
    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
