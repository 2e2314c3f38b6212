import { afterEach, describe, expect, it, vi } from 'vitest';

describe('the renderer under a CSP that forbids eval', () => {
  const original = globalThis.Function;
  afterEach(() => {
    globalThis.Function = original;
  });

  it('builds and runs the contract schemas without ever constructing a Function', async () => {
    const constructed: unknown[][] = [];
    globalThis.Function = new Proxy(original, {
      construct(target, args: unknown[]) {
        constructed.push(args);
        return Reflect.construct(target, args) as object;
      },
      apply(target, self, args: unknown[]) {
        constructed.push(args);
        return Reflect.apply(target, self, args) as unknown;
      },
    });
    vi.resetModules();
    await import('./zod-jitless');
    const { z } = await import('zod');
    await import('../shared');
    expect(z.object({ name: z.string() }).parse({ name: 'x' })).toEqual({ name: 'x' });
    expect(constructed).toEqual([]);
  });
});
