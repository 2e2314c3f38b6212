import { describe, expect, it } from 'vitest';
import { StowageError } from '../../../shared';
import { describeEngineFailure, mapDockerError } from './errors';

describe('Docker error mapping', () => {
  it.each([
    [Object.assign(new Error('connect ENOENT'), { code: 'ENOENT' }), 'DOCKER_UNREACHABLE'],
    [Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), 'DOCKER_UNREACHABLE'],
    [{ statusCode: 404, json: { message: 'No such image: x' } }, 'NOT_FOUND'],
    [{ statusCode: 409, json: { message: 'image is in use' } }, 'CONFLICT'],
    [{ statusCode: 400, reason: 'bad parameter' }, 'INVALID_INPUT'],
    [{ statusCode: 500, reason: 'server error' }, 'INTERNAL'],
  ])('gives engine and socket failures a code (%#)', (thrown, code) => {
    const mapped = mapDockerError(thrown);
    expect(mapped?.code).toBe(code);
    expect(mapped?.message).not.toMatch(/object Object/);
  });

  it('keeps the engine message', () => {
    expect(
      mapDockerError({ statusCode: 404, json: { message: 'No such image: x' } })?.message,
    ).toBe('No such image: x');
  });

  it('leaves what is not Docker to the router', () => {
    expect(mapDockerError(new TypeError('boom'))).toBeUndefined();
    expect(mapDockerError(null)).toBeUndefined();
    expect(mapDockerError('text')).toBeUndefined();
  });

  it('describes a failure for the status chip', () => {
    expect(describeEngineFailure(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe(
      'The Docker engine is unreachable (ECONNREFUSED).',
    );
    expect(describeEngineFailure(new StowageError('DOCKER_UNREACHABLE', 'bad host'))).toBe(
      'bad host',
    );
    expect(describeEngineFailure(Object.assign(new Error('t'), { name: 'TimeoutError' }))).toBe(
      'The Docker engine did not answer in time.',
    );
  });
});
