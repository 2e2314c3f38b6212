import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { LazySelect, type SelectOption } from './LazySelect';

const options: SelectOption[] = Array.from({ length: 30 }, (_, index) => ({
  value: `task-${index}`,
  label: `Task ${index}`,
}));

function Picker({ list }: { list: () => readonly SelectOption[] }) {
  const [value, setValue] = useState('task-0');
  return (
    <LazySelect
      label="Task"
      value={value}
      valueLabel={options.find((option) => option.value === value)?.label ?? ''}
      options={list}
      onChange={setValue}
    />
  );
}

describe('LazySelect', () => {
  it('makes its items only when the menu opens, and shows the chosen one when closed', async () => {
    const user = userEvent.setup();
    const list = vi.fn(() => options);
    render(<Picker list={list} />);
    const select = screen.getByRole('combobox', { name: 'Task' });
    expect(select.textContent).toBe('Task 0');
    expect(list).not.toHaveBeenCalled();

    await user.click(select);
    const menu = screen.getByRole('listbox');
    expect(within(menu).getAllByRole('option')).toHaveLength(30);
    expect(list).toHaveBeenCalled();

    await user.click(within(menu).getByRole('option', { name: 'Task 17' }));
    expect(screen.getByRole('combobox', { name: 'Task' }).textContent).toBe('Task 17');
    // Closed again, it holds only the chosen item.
    await waitFor(() => expect(screen.queryByRole('listbox')).toBeNull());
  });
});
