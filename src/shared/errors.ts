import { z } from 'zod';

/**
 * Every failure that crosses the contract carries one of these codes. Keep the set small:
 * the renderer decides what to show from the code, and the message is for people.
 *
 * - DOCKER_UNREACHABLE: the Docker engine did not answer (not running, socket gone, cut off).
 * - NOT_FOUND:          the thing named does not exist (image, container, cluster, ...).
 * - CONFLICT:           the engine refused because of the current state (image in use, ...).
 * - INVALID_INPUT:      the input failed validation; `details` lists the problems by path.
 * - UNAUTHORIZED:       a registry refused the credentials, or asked for some and had none.
 * - UNREACHABLE:        something other than the engine did not answer (a registry).
 * - OPERATION_FAILED:   the engine did the work asked and it failed (a build step exited non-zero).
 * - ECS_CLIENT_EXCEPTION: the simulated ECS control plane rejected a request as AWS would.
 * - CANCELLED:          the caller cancelled the call through its AbortSignal.
 * - UNKNOWN_CALL:       the call name is not in the contract.
 * - DISCONNECTED:       the transport to the main services was lost before a reply came.
 * - LIMIT_EXCEEDED:     a wire limit was hit: too many calls at once, a malformed message.
 * - INTERNAL:           anything else; a bug. The message says what happened.
 */
export const errorCodes = [
  'DOCKER_UNREACHABLE',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_INPUT',
  'UNAUTHORIZED',
  'UNREACHABLE',
  'OPERATION_FAILED',
  'ECS_CLIENT_EXCEPTION',
  'CANCELLED',
  'UNKNOWN_CALL',
  'DISCONNECTED',
  'LIMIT_EXCEEDED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export const errorPayloadSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  details: z.unknown().optional(),
});

export type ErrorPayload = z.infer<typeof errorPayloadSchema>;

/** The reply to every call: exactly one of a result or an error. */
export type Envelope<T> = { result: T } | { error: ErrorPayload };

/** An error that keeps its code and details on both sides of the boundary. */
export class StowageError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'StowageError';
    this.code = code;
    this.details = details;
  }

  toPayload(): ErrorPayload {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  static fromPayload(payload: ErrorPayload): StowageError {
    return new StowageError(payload.code, payload.message, payload.details);
  }
}

export function isStowageError(value: unknown): value is StowageError {
  return value instanceof StowageError;
}
