import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { paneMinHeight } from '../layout/ResizablePane';
import { DetailPanel } from './DetailPanel';

function Panel({ onClose = vi.fn() }: { onClose?: () => void }) {
  return (
    <DetailPanel title="web-1" testId="thing-detail" height={300} onClose={onClose}>
      <input aria-label="Filter" />
    </DetailPanel>
  );
}

const splitter = () => screen.getByRole('separator', { name: 'Resize web-1' });

beforeEach(() => localStorage.clear());

describe('DetailPanel', () => {
  it('resizes from its splitter with the keyboard, and remembers the height', async () => {
    const user = userEvent.setup();
    const { unmount } = render(<Panel />);
    expect(splitter().getAttribute('aria-valuenow')).toBe('300');
    splitter().focus();
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(splitter().getAttribute('aria-valuenow')).toBe('364');

    unmount();
    render(<Panel />);
    expect(splitter().getAttribute('aria-valuenow')).toBe('364');
    splitter().focus();
    await user.keyboard('{Home}');
    expect(splitter().getAttribute('aria-valuenow')).toBe(String(paneMinHeight));
    await user.keyboard('{ArrowDown}');
    expect(splitter().getAttribute('aria-valuenow')).toBe(String(paneMinHeight));
  });

  it('goes to the full window and back; Esc leaves it, then closes the panel', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    render(<Panel onClose={onClose} />);
    const full = screen.getByRole('button', { name: 'Full window' });
    await user.click(full);
    expect(full.getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('dialog', { name: 'web-1' })).toBeTruthy();
    await user.click(full);
    expect(screen.queryByRole('dialog')).toBeNull();

    await user.click(full);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(onClose).not.toHaveBeenCalled();
    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('leaves Esc to a field that has the focus', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    render(<Panel onClose={onClose} />);
    await user.click(screen.getByRole('textbox', { name: 'Filter' }));
    await user.keyboard('{Escape}');
    expect(onClose).not.toHaveBeenCalled();
  });
});
