/** How close together two presses of Esc must be to leave the terminal. */
export const escapeWindowMs = 600;

/** The way out of the terminal, as the screen says it. */
export const escapeHint = 'Press Esc twice to leave the terminal; Tab and Esc go to the shell.';

/**
 * Watches the keys typed into the terminal for Esc pressed twice in a row within
 * `escapeWindowMs`: the terminal keeps Tab and Esc for the shell, so this is the keyboard's
 * way out of it. Returns true for the second Esc, which is not sent on.
 */
export function doubleEscape(windowMs = escapeWindowMs): (key: string, at: number) => boolean {
  let lastEscape: number | undefined;
  return (key, at) => {
    if (key !== 'Escape') {
      lastEscape = undefined;
      return false;
    }
    if (lastEscape !== undefined && at - lastEscape <= windowMs) {
      lastEscape = undefined;
      return true;
    }
    lastEscape = at;
    return false;
  };
}

/**
 * Keeps what is typed before the shell is attached and sends it, in order, once it is: a
 * user who types straight after Connect loses nothing.
 */
export class InputBuffer {
  private held = '';
  private send: ((data: string) => void) | undefined;

  type(data: string): void {
    if (this.send) this.send(data);
    else this.held += data;
  }

  attach(send: (data: string) => void): void {
    this.send = send;
    if (this.held !== '') send(this.held);
    this.held = '';
  }
}
