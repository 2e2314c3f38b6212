import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ToastProvider } from './ToastProvider';
import { useToast, type ToastInput } from './toast-context';

function Shows({ toasts }: { toasts: readonly ToastInput[] }) {
  const toast = useToast();
  return (
    <button type="button" onClick={() => toasts.forEach((each) => toast.show(each))}>
      Do it
    </button>
  );
}

afterEach(() => {
  window.location.hash = '';
});

describe('ToastProvider', () => {
  it('shows nothing until something succeeds', () => {
    render(
      <ToastProvider>
        <Shows toasts={[{ message: 'Removed app:1.0' }]} />
      </ToastProvider>,
    );
    expect(screen.queryByTestId('toast')).toBeNull();
  });

  it('stacks toasts, newest last, and dismisses one at a time', async () => {
    const user = userEvent.setup();
    render(
      <ToastProvider>
        <Shows toasts={[{ message: 'Removed app:1.0' }, { message: 'Pulled app:2.0' }]} />
      </ToastProvider>,
    );
    await user.click(screen.getByRole('button', { name: 'Do it' }));
    const shown = screen.getAllByTestId('toast');
    expect(shown.map((toast) => toast.textContent)).toEqual([
      expect.stringContaining('Removed app:1.0'),
      expect.stringContaining('Pulled app:2.0'),
    ]);
    await user.click(within(shown[0] as HTMLElement).getByRole('button', { name: 'Dismiss' }));
    expect(screen.getAllByTestId('toast').map((toast) => toast.textContent)).toEqual([
      expect.stringContaining('Pulled app:2.0'),
    ]);
  });

  it('keeps only the newest few when many arrive at once', async () => {
    const user = userEvent.setup();
    const many = Array.from({ length: 7 }, (_, index) => ({ message: `Removed v${index}` }));
    render(
      <ToastProvider>
        <Shows toasts={many} />
      </ToastProvider>,
    );
    await user.click(screen.getByRole('button', { name: 'Do it' }));
    const shown = screen.getAllByTestId('toast').map((toast) => toast.textContent);
    expect(shown).toHaveLength(4);
    expect(shown[3]).toContain('Removed v6');
    expect(shown.join(' ')).not.toContain('Removed v2');
  });

  it('goes to the typed route of its link and closes', async () => {
    const user = userEvent.setup();
    render(
      <ToastProvider>
        <Shows
          toasts={[
            {
              message: 'Task 9347fd521a4b started',
              link: {
                label: 'Open',
                route: { page: 'ecs', view: 'tasks', cluster: 'demo', task: '9347fd521a4b' },
              },
            },
          ]}
        />
      </ToastProvider>,
    );
    await user.click(screen.getByRole('button', { name: 'Do it' }));
    const toast = screen.getByTestId('toast');
    expect(toast.textContent).toContain('Task 9347fd521a4b started');
    await user.click(within(toast).getByRole('button', { name: 'Open' }));
    expect(window.location.hash).toBe('#/ecs/clusters/demo/tasks/9347fd521a4b');
    expect(screen.queryByTestId('toast')).toBeNull();
  });
});
