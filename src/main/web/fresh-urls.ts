import { createInterface } from 'node:readline';

/**
 * `stowage web` prints a fresh one-time URL each time Enter is pressed in its terminal: the
 * printed one is spent once a browser has opened it. Only a terminal is listened to; piped
 * input (a script, a service manager) is left alone. Answers the function that stops
 * listening.
 */
export function offerFreshUrls(
  input: NodeJS.ReadableStream & { isTTY?: boolean },
  freshUrl: () => string,
  write: (text: string) => void,
): () => void {
  if (!input.isTTY) return () => undefined;
  write('Press Enter for a fresh one-time URL.\n');
  const lines = createInterface({ input, terminal: false });
  lines.on('line', () => write(`Stowage is running at ${freshUrl()}\n`));
  return () => {
    lines.close();
    input.pause();
  };
}
