import { describe, expect, it } from 'vitest';
import { openStream, testBackend } from '../../../../test/support/calls';

describe('a pull the engine cannot do', () => {
  it('says why in the engine words, not as a bare server error', async () => {
    // `.invalid` never resolves (RFC 2606), so the engine fails the same way it does offline.
    const pull = openStream(testBackend(), 'images.pull', {
      reference: 'nonexistent.invalid/x:1',
    });
    const failure = await pull.end.then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({ code: 'UNREACHABLE' });
    const message = (failure as Error).message;
    expect(message).toMatch(/nonexistent\.invalid/);
    expect(message).toMatch(/no such host|server misbehaving|lookup/);
    expect(message).not.toMatch(/HTTP code|answered 500/);
  });
});
