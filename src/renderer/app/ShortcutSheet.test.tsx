import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ShortcutSheet } from './ShortcutSheet';

describe('ShortcutSheet', () => {
  it('opens on "?" and lists the shortcuts by where they work', async () => {
    const user = userEvent.setup();
    render(<ShortcutSheet />);
    expect(screen.queryByRole('dialog')).toBeNull();
    await user.keyboard('?');
    const sheet = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    const table = within(sheet).getByRole('table', { name: 'In a table' });
    expect(within(table).getByRole('rowheader', { name: 'Ctrl+A (⌘A)' })).toBeTruthy();
    expect(within(sheet).getByRole('table', { name: 'Anywhere' }).textContent).toContain('Esc');
    await user.click(within(sheet).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('leaves a "?" typed in a field to the field', async () => {
    const user = userEvent.setup();
    render(
      <>
        <input aria-label="Search" />
        <ShortcutSheet />
      </>,
    );
    await user.type(screen.getByRole('textbox', { name: 'Search' }), 'what?');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Search' }).value).toBe('what?');
  });
});
