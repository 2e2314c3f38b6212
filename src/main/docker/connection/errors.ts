import { StowageError } from '../../../shared';

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
    return new StowageError('INTERNAL', `The Docker engine answered ${e.statusCode}: ${message}`);
  }
  return undefined;
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

function engineMessage(e: EngineLikeError): string {
  const json = e.json as { message?: unknown } | null | undefined;
  if (json && typeof json.message === 'string') return json.message;
  if (typeof e.reason === 'string') return e.reason;
  return typeof e.message === 'string' ? e.message : 'Unknown engine error.';
}
