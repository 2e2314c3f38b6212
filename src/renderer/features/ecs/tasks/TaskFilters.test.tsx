import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithStowage } from '../../../test/render';
import { TaskFilters } from './TaskFilters';

const choices = {
  statuses: ['PENDING', 'RUNNING'],
  families: ['web', 'worker'],
  launchTypes: ['EC2', 'FARGATE'],
  places: ['i-0aaa', 'us-east-1a'],
};

describe('TaskFilters', () => {
  it('sets one part of the filter and keeps the others', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    renderWithStowage(<TaskFilters filter={{ q: 'web' }} choices={choices} onChange={onChange} />);
    await user.click(screen.getByRole('combobox', { name: 'Family' }));
    await user.click(within(screen.getByRole('listbox')).getByRole('option', { name: 'worker' }));
    expect(onChange).toHaveBeenLastCalledWith({ q: 'web', family: 'worker' });

    fireEvent.change(screen.getByRole('textbox', { name: 'Find' }), { target: { value: '' } });
    expect(onChange).toHaveBeenLastCalledWith({});
  });

  it('switching to stopped tasks drops a status of the other list', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    renderWithStowage(
      <TaskFilters
        filter={{ status: 'RUNNING', family: 'web' }}
        choices={choices}
        onChange={onChange}
      />,
    );
    await user.click(screen.getByRole('button', { name: 'Stopped' }));
    expect(onChange).toHaveBeenLastCalledWith({ family: 'web', desired: 'STOPPED' });
  });

  it('clears every filter but the list shown', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    renderWithStowage(
      <TaskFilters
        filter={{ desired: 'STOPPED', where: 'gone-instance' }}
        choices={choices}
        onChange={onChange}
      />,
    );
    // A value no task has any more is still shown, so it can be seen and cleared.
    expect(screen.getByRole('combobox', { name: 'Instance / zone' }).textContent).toBe(
      'gone-instance',
    );
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(onChange).toHaveBeenLastCalledWith({ desired: 'STOPPED' });
  });
});
