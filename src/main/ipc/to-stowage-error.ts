import { isStowageError, StowageError } from '../../shared';

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
  name?: unknown;
}

/**
 * Turns whatever a handler threw into an error with a code. Docker's own errors come from
 * docker-modem with an HTTP `statusCode` and the engine's message in `json.message`; socket
 * failures come from Node with an errno `code`.
 */
export function toStowageError(error: unknown, signal?: AbortSignal): StowageError {
  if (isStowageError(error)) return error;
  if (signal?.aborted) return new StowageError('CANCELLED', 'The call was cancelled.');
  const e = (typeof error === 'object' && error !== null ? error : {}) as EngineLikeError;
  if (e.name === 'AbortError') return new StowageError('CANCELLED', 'The call was cancelled.');
  if (typeof e.code === 'string' && unreachableCodes.has(e.code)) {
    return new StowageError('DOCKER_UNREACHABLE', `The Docker engine is unreachable (${e.code}).`);
  }
  if (typeof e.statusCode === 'number') {
    const message = engineMessage(e);
    if (e.statusCode === 404) return new StowageError('NOT_FOUND', message);
    if (e.statusCode === 409) return new StowageError('CONFLICT', message);
    if (e.statusCode === 400) return new StowageError('INVALID_INPUT', message);
    return new StowageError('INTERNAL', `The Docker engine answered ${e.statusCode}: ${message}`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new StowageError('INTERNAL', message || 'Unexpected error.');
}

function engineMessage(e: EngineLikeError): string {
  const json = e.json as { message?: unknown } | null | undefined;
  if (json && typeof json.message === 'string') return json.message;
  if (typeof e.reason === 'string') return e.reason;
  return typeof e.message === 'string' ? e.message : 'Unknown engine error.';
}
