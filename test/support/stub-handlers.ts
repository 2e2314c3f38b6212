import { callNames, StowageError, streamNames } from '../../src/shared';
import type { Handlers } from '../../src/main/rpc/handlers';

/**
 * Handlers for the whole contract, built from its names: each one not overridden fails with
 * "not stubbed", so a test states only the handlers it uses and never lists the contract.
 */
export function stubHandlers(overrides: Partial<Handlers> = {}): Handlers {
  const handlers: Record<string, unknown> = {};
  for (const name of [...callNames, ...streamNames]) {
    handlers[name] = async () => {
      throw new StowageError('INTERNAL', `${name} is not stubbed in this test.`);
    };
  }
  return { ...handlers, ...overrides } as Handlers;
}
