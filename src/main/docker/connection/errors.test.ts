import { describe, expect, it } from 'vitest';
import { StowageError } from '../../../shared';
import { classifyEngineMessage, describeEngineFailure, mapDockerError } from './errors';

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

  it('passes the engine message of a failed stream through, with a code from its words', () => {
    // What docker-modem throws when a pull cannot resolve the registry: `json` stays empty.
    const thrown = Object.assign(
      new Error(
        '(HTTP code 500) server error - Get "https://registry-1.docker.io/v2/": dial tcp: ' +
          'lookup registry-1.docker.io on 10.0.0.53:53: no such host ',
      ),
      { statusCode: 500, reason: 'server error', json: null },
    );
    const mapped = mapDockerError(thrown);
    expect(mapped?.code).toBe('UNREACHABLE');
    expect(mapped?.message).toBe(
      'Get "https://registry-1.docker.io/v2/": dial tcp: ' +
        'lookup registry-1.docker.io on 10.0.0.53:53: no such host',
    );
  });

  it('keeps the message of a server error whose words say nothing more', () => {
    const mapped = mapDockerError({ statusCode: 500, json: { message: 'disk quota exceeded' } });
    expect(mapped).toMatchObject({ code: 'INTERNAL', message: 'disk quota exceeded' });
  });

  it.each([
    ['manifest for x:1 not found: manifest unknown', 'NOT_FOUND'],
    ['pull access denied for x, repository does not exist', 'NOT_FOUND'],
    ['Head "https://r/v2/x/manifests/1": unauthorized: authentication required', 'UNAUTHORIZED'],
    ['dial tcp 127.0.0.1:5999: connect: connection refused', 'UNREACHABLE'],
    ['write /var/lib/docker/tmp: no space left on device', 'INTERNAL'],
  ])('classifies the engine words %j', (message, code) => {
    expect(classifyEngineMessage(message)).toBe(code);
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
