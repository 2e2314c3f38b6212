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

  it('opens from its button, named and explained, and gives focus back to it', async () => {
    const user = userEvent.setup();
    render(<ShortcutSheet />);
    const button = screen.getByRole('button', { name: 'Keyboard shortcuts' });
    await user.hover(button);
    expect((await screen.findByRole('tooltip', {}, { timeout: 10_000 })).textContent).toBe(
      'Keyboard shortcuts (?)',
    );
    await user.click(button);
    const sheet = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(sheet).getByRole('table', { name: 'Anywhere' })).toBeTruthy();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(document.activeElement).toBe(button);
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
