import { StowageError, type ErrorCode } from '../../../shared';

const unreachableCodes = new Set([
  'ECONNREFUSED',
  'ENOENT',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EACCES',
]);

interface EngineLikeError {
  code?: unknown;
  statusCode?: unknown;
  reason?: unknown;
  json?: unknown;
  message?: unknown;
}

/**
 * Docker's failures as coded errors. Engine answers come from docker-modem with an HTTP
 * `statusCode` and the engine's message in `json.message`; socket failures come from Node
 * with an errno `code`. Anything else is not Docker's to say: undefined.
 */
export function mapDockerError(error: unknown): StowageError | undefined {
  const e = (typeof error === 'object' && error !== null ? error : {}) as EngineLikeError;
  if (typeof e.code === 'string' && unreachableCodes.has(e.code)) {
    return new StowageError('DOCKER_UNREACHABLE', `The Docker engine is unreachable (${e.code}).`);
  }
  if (typeof e.statusCode === 'number') {
    const message = engineMessage(e);
    if (e.statusCode === 404) return new StowageError('NOT_FOUND', message);
    if (e.statusCode === 409) return new StowageError('CONFLICT', message);
    if (e.statusCode === 400) return new StowageError('INVALID_INPUT', message);
    return new StowageError(classifyEngineMessage(message), message);
  }
  return undefined;
}

/**
 * What the engine's own words say about a failure it reports as a server error: a registry
 * it could not reach or that refused it is not a bug of ours, and the words say which.
 */
export function classifyEngineMessage(message: string): ErrorCode {
  if (/not found|manifest unknown|does not exist|pull access denied/i.test(message)) {
    return 'NOT_FOUND';
  }
  if (/no basic auth credentials|unauthorized|authentication required|denied/i.test(message)) {
    return 'UNAUTHORIZED';
  }
  if (
    /connection refused|no such host|i\/o timeout|dial tcp|server gave HTTP response/i.test(message)
  ) {
    return 'UNREACHABLE';
  }
  return 'INTERNAL';
}

/** Why the engine could not be reached, in words for the status chip. */
export function describeEngineFailure(error: unknown): string {
  if (error instanceof StowageError) return error.message;
  const mapped = mapDockerError(error);
  if (mapped) return mapped.message;
  if ((error as { name?: unknown } | null)?.name === 'TimeoutError') {
    return 'The Docker engine did not answer in time.';
  }
  return error instanceof Error && error.message ? error.message : 'The Docker engine failed.';
}

/**
 * docker-modem reads the body of a failed streaming answer (pull, push, build) into its
 * message only, as "(HTTP code 500) server error - <the engine's words> ", leaving `json`
 * empty; the engine's words are the cause the user needs, not the status text.
 */
const modemMessage = /^\(HTTP code \d+\) .*? - ([\s\S]*\S)\s*$/;

function engineMessage(e: EngineLikeError): string {
  const json = e.json as { message?: unknown } | null | undefined;
  if (json && typeof json.message === 'string') return json.message;
  const fromModem = typeof e.message === 'string' ? modemMessage.exec(e.message)?.[1] : undefined;
  if (fromModem) return fromModem;
  if (typeof e.reason === 'string') return e.reason;
  return typeof e.message === 'string' ? e.message : 'Unknown engine error.';
}
