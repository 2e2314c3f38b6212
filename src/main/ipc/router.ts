import {
  calls,
  isCallName,
  StowageError,
  type CallName,
  type CallOutput,
  type Envelope,
  type ParsedCallInput,
} from '../../shared';
import { toStowageError } from './to-stowage-error';

export interface CallContext {
  /** Aborted when the caller cancels or its connection goes away. */
  signal: AbortSignal;
}

export type Handler<K extends CallName> = (
  input: ParsedCallInput<K>,
  context: CallContext,
) => Promise<CallOutput<K>>;

/** One handler for every call of the contract; the compiler says which are missing. */
export type Handlers = { [K in CallName]: Handler<K> };

export interface Router {
  dispatch(name: unknown, input: unknown, signal: AbortSignal): Promise<Envelope<unknown>>;
}

/**
 * The single entry point of every call from every transport: it checks the name against the
 * contract, validates the input with the contract's schema, runs the handler, checks its result
 * against the contract's output schema and wraps the outcome in the envelope. Handlers only
 * ever see valid input and may throw anything; clients only ever see contract-shaped results.
 */
export function createRouter(handlers: Handlers): Router {
  return {
    async dispatch(name, input, signal) {
      if (!isCallName(name)) {
        return failure(new StowageError('UNKNOWN_CALL', `There is no call named ${String(name)}.`));
      }
      const parsed = calls[name].input.safeParse(input ?? {});
      if (!parsed.success) {
        const details = parsed.error.issues.map((issue) => ({
          path: issue.path.join('.'),
          message: issue.message,
        }));
        const summary = details.map((d) => (d.path ? `${d.path}: ${d.message}` : d.message));
        return failure(
          new StowageError(
            'INVALID_INPUT',
            `Invalid input for ${name}: ${summary.join('; ')}`,
            details,
          ),
        );
      }
      try {
        const handler = handlers[name] as Handler<CallName>;
        const output = calls[name].output.safeParse(
          await handler(parsed.data as never, { signal }),
        );
        if (!output.success) {
          return failure(
            new StowageError('INTERNAL', `${name} produced a result outside the contract.`, {
              issues: output.error.issues.map(
                (issue) => `${issue.path.join('.')}: ${issue.message}`,
              ),
            }),
          );
        }
        return { result: output.data };
      } catch (error) {
        return failure(toStowageError(error, signal));
      }
    },
  };
}

function failure(error: StowageError): Envelope<never> {
  return { error: error.toPayload() };
}
