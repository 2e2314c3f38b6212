import {
  calls,
  isCallName,
  isStreamName,
  StowageError,
  streams,
  type Envelope,
  type ErrorPayload,
} from '../../shared';
import type { CallHandler, Handlers, StreamContext, StreamHandler } from './handlers';

/**
 * Turns what a handler threw into a coded error, or says it does not know it. Each domain
 * contributes one (Docker's lives in docker/connection/errors.ts); the router stays generic.
 */
export type ErrorMapper = (error: unknown) => StowageError | undefined;

export interface StreamRun {
  signal: AbortSignal;
  /** Items that passed the contract's item schema, in order. */
  emit(item: unknown): Promise<void>;
}

export interface Router {
  /** Runs one call: the reply envelope, never a throw. */
  call(name: unknown, input: unknown, signal: AbortSignal): Promise<Envelope<unknown>>;
  /** Runs one stream to its end: items go to `run.emit`; the end envelope is returned. */
  stream(name: unknown, input: unknown, run: StreamRun): Promise<Envelope<unknown>>;
}

const maxEchoedName = 64;

/**
 * The single entry point of every call and stream from every transport: it checks the name
 * against the contract, validates the input with the contract's schema, runs the handler,
 * checks its output (and each stream item) against the contract and wraps the outcome in the
 * envelope. Handlers only ever see valid input and may throw anything; clients only ever see
 * contract-shaped results.
 */
export function createRouter(handlers: Handlers, mapErrors: readonly ErrorMapper[] = []): Router {
  const toError = (error: unknown, signal: AbortSignal) => toStowageError(error, signal, mapErrors);

  return {
    async call(name, input, signal) {
      if (!isCallName(name)) return failure(unknownName('call', name));
      const spec = calls[name];
      const parsed = parseInput(name, spec.input, input);
      if ('error' in parsed) return parsed;
      try {
        const handler = handlers[name] as CallHandler<typeof name>;
        const output = await handler(parsed.result as never, { signal });
        return checked(name, 'result', spec.output, output);
      } catch (error) {
        return failure(toError(error, signal));
      }
    },

    async stream(name, input, run) {
      if (!isStreamName(name)) return failure(unknownName('stream', name));
      const spec = streams[name];
      const parsed = parseInput(name, spec.input, input);
      if ('error' in parsed) return parsed;
      const context: StreamContext<typeof name> = {
        signal: run.signal,
        emit: async (item) => {
          if (run.signal.aborted) throw new StowageError('CANCELLED', 'The stream was cancelled.');
          const valid = spec.item.safeParse(item);
          if (!valid.success) throw outsideContract(name, 'an item', valid.error.issues);
          await run.emit(valid.data);
        },
      };
      try {
        const handler = handlers[name] as StreamHandler<typeof name>;
        const result = await handler(parsed.result as never, context);
        if (run.signal.aborted) throw new StowageError('CANCELLED', 'The stream was cancelled.');
        return checked(name, 'result', spec.result, result);
      } catch (error) {
        return failure(toError(error, run.signal));
      }
    },
  };
}

interface Schema {
  safeParse(
    value: unknown,
  ): { success: true; data: unknown } | { success: false; error: { issues: readonly Issue[] } };
}

interface Issue {
  path: readonly PropertyKey[];
  message: string;
}

function parseInput(name: string, schema: Schema, input: unknown): Envelope<unknown> {
  // A missing input means "no arguments", as for calls that take none.
  const parsed = schema.safeParse(input === undefined ? {} : input);
  if (parsed.success) return { result: parsed.data };
  // Paths and messages can carry the caller's own keys (a record key, an unknown member):
  // echo only a short prefix of each, as for unknown names.
  const details = parsed.error.issues.slice(0, 20).map((issue) => ({
    path: issue.path.map((part) => shortened(String(part), 64)).join('.'),
    message: shortened(issue.message, 300),
  }));
  const summary = details.map((d) => (d.path ? `${d.path}: ${d.message}` : d.message));
  return failure(
    new StowageError('INVALID_INPUT', `Invalid input for ${name}: ${summary.join('; ')}`, details),
  );
}

function shortened(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

function checked(name: string, what: string, schema: Schema, value: unknown): Envelope<unknown> {
  const output = schema.safeParse(value);
  if (output.success) return { result: output.data };
  return failure(outsideContract(name, `a ${what}`, output.error.issues));
}

function outsideContract(name: string, what: string, issues: readonly Issue[]): StowageError {
  return new StowageError('INTERNAL', `${name} produced ${what} outside the contract.`, {
    issues: issues
      .slice(0, 20)
      .map((issue) => `${issue.path.map(String).join('.')}: ${issue.message}`),
  });
}

function unknownName(kind: 'call' | 'stream', name: unknown): StowageError {
  const text = typeof name === 'string' ? name : typeof name;
  const shown = text.length > maxEchoedName ? `${text.slice(0, maxEchoedName)}…` : text;
  return new StowageError('UNKNOWN_CALL', `There is no ${kind} named ${JSON.stringify(shown)}.`);
}

/** What every failure becomes: a coded error, never a stack trace. */
export function toStowageError(
  error: unknown,
  signal: AbortSignal | undefined,
  mappers: readonly ErrorMapper[],
): StowageError {
  if (error instanceof StowageError) return error;
  if (signal?.aborted || (error as { name?: unknown } | null)?.name === 'AbortError') {
    return new StowageError('CANCELLED', 'The call was cancelled.');
  }
  for (const map of mappers) {
    const mapped = map(error);
    if (mapped) return mapped;
  }
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  return new StowageError('INTERNAL', message || 'Unexpected error.');
}

export function failure(error: StowageError): { error: ErrorPayload } {
  return { error: error.toPayload() };
}
