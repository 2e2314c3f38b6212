import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { renderWithStowage } from '../../test/render';
import { TerminalTab } from './TerminalTab';

beforeAll(() => {
  // jsdom lays nothing out; xterm and its fit add-on only need these to exist.
  vi.stubGlobal(
    'ResizeObserver',
    class {
      observe() {}
      disconnect() {}
    },
  );
  window.matchMedia ??= ((query: string) => ({
    matches: false,
    media: query,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    addListener: () => undefined,
    removeListener: () => undefined,
    onchange: null,
    dispatchEvent: () => false,
  })) as typeof window.matchMedia;
});

describe('the terminal', () => {
  it('says it is connecting until the shell is attached, then how to leave it', async () => {
    const user = userEvent.setup();
    let attach: () => void = () => undefined;
    renderWithStowage(
      <TerminalTab container="web" running />,
      {},
      {
        'containers.exec': (_input, send) =>
          new Promise(() => {
            attach = () => send({ kind: 'session', session: 's1' });
          }),
      },
    );
    await user.click(screen.getByRole('button', { name: 'Connect' }));
    expect((await screen.findByTestId('terminal-connecting')).textContent).toBe('Connecting…');
    expect(screen.getByRole('button', { name: 'Disconnect' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Restart/ })).toBeNull();

    attach();
    expect((await screen.findByTestId('terminal-escape-hint')).textContent).toMatch(
      /Esc twice to leave the terminal/,
    );
    expect(screen.queryByTestId('terminal-connecting')).toBeNull();
    expect(screen.getByRole('button', { name: 'Disconnect' })).toBeTruthy();
  });

  it('offers to reconnect once disconnected', async () => {
    const user = userEvent.setup();
    renderWithStowage(
      <TerminalTab container="web" running />,
      {},
      {
        'containers.exec': (_input, send) => {
          send({ kind: 'session', session: 's1' });
          return new Promise(() => undefined);
        },
      },
    );
    await user.click(screen.getByRole('button', { name: 'Connect' }));
    await user.click(await screen.findByRole('button', { name: 'Disconnect' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Reconnect' })).toBeTruthy());
  });
});
