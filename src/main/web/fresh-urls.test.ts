import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { offerFreshUrls } from './fresh-urls';

function terminal(isTTY: boolean) {
  const input = Object.assign(new PassThrough(), { isTTY });
  const written: string[] = [];
  let issued = 0;
  const stop = offerFreshUrls(
    input,
    () => `http://127.0.0.1:1/?ticket=t${++issued}`,
    (text) => void written.push(text),
  );
  return { input, written, stop, issuedCount: () => issued };
}

describe('fresh URLs on Enter', () => {
  it('prints a fresh one-time URL each time Enter is pressed in a terminal', async () => {
    const run = terminal(true);
    expect(run.written).toEqual(['Press Enter for a fresh one-time URL.\n']);
    run.input.write('\n');
    run.input.write('anything\n');
    await vi.waitFor(() => expect(run.written).toHaveLength(3));
    expect(run.written.slice(1)).toEqual([
      'Stowage is running at http://127.0.0.1:1/?ticket=t1\n',
      'Stowage is running at http://127.0.0.1:1/?ticket=t2\n',
    ]);
    run.stop();
    run.input.write('\n');
    await new Promise((resolve) => setImmediate(resolve));
    expect(run.issuedCount()).toBe(2);
  });

  it('leaves input that is not a terminal alone', async () => {
    const run = terminal(false);
    run.input.write('\n');
    await new Promise((resolve) => setImmediate(resolve));
    expect(run.written).toEqual([]);
    expect(run.issuedCount()).toBe(0);
    expect(run.input.listenerCount('data')).toBe(0);
  });
});
