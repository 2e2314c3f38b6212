import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { engineRequest, engineStream } from './engine-request';

interface Dialled {
  path: string;
  method: string;
  options: { _query: object; _body: object };
  abortSignal: AbortSignal;
  isStream: boolean;
  statusCodes: Record<number, true | string>;
}

/** An engine that records what it was asked and answers with `answer`. */
function engine(answer: (options: Dialled) => [unknown, unknown]) {
  const dialled: Dialled[] = [];
  const docker = {
    modem: {
      dial(options: Dialled, done: (error: unknown, data: unknown) => void) {
        dialled.push(options);
        done(...answer(options));
      },
    },
  } as unknown as Docker;
  return { docker, dialled };
}

describe('engine requests', () => {
  it('sends the query, the body and the signal, and answers with the parsed JSON', async () => {
    const { docker, dialled } = engine(() => [null, { Id: 'c1' }]);
    const signal = new AbortController().signal;
    const answer = await engineRequest(docker, {
      method: 'POST',
      path: '/containers/create',
      query: { name: 'web' },
      body: { Image: 'nginx' },
      signal,
    });
    expect(answer).toEqual({ Id: 'c1' });
    expect(dialled).toEqual([
      expect.objectContaining({
        path: '/containers/create?',
        method: 'POST',
        options: { _query: { name: 'web' }, _body: { Image: 'nginx' } },
        abortSignal: signal,
        isStream: false,
      }),
    ]);
  });

  it('takes 403 and 409 as failures the error mapping can read, 304 as done', async () => {
    const { docker, dialled } = engine(() => [null, undefined]);
    await engineRequest(docker, {
      method: 'POST',
      path: '/containers/c1/start',
      signal: new AbortController().signal,
    });
    const codes = dialled[0]?.statusCodes;
    expect(codes?.[304]).toBe(true);
    expect(codes?.[403]).toBe('forbidden');
    expect(codes?.[409]).toBe('conflict');
  });

  it('passes the engine failure on as it came', async () => {
    const failure = Object.assign(new Error('no such container'), { statusCode: 404 });
    const { docker } = engine(() => [failure, undefined]);
    await expect(
      engineRequest(docker, {
        method: 'GET',
        path: '/containers/x/json',
        signal: new AbortController().signal,
      }),
    ).rejects.toBe(failure);
  });

  it('asks for a stream when the answer is one', async () => {
    const stream = { readable: true };
    const { docker, dialled } = engine(() => [null, stream]);
    const opened = await engineStream(docker, {
      method: 'GET',
      path: '/images/sha256:1/get',
      signal: new AbortController().signal,
    });
    expect(opened).toBe(stream);
    expect(dialled[0]?.isStream).toBe(true);
  });
});
