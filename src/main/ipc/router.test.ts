import { describe, expect, it } from 'vitest';
import { StowageError, type EngineStatus } from '../../shared';
import { createRouter, type Handlers } from './router';

const status: EngineStatus = {
  state: 'connected',
  endpoint: { address: 'unix:///var/run/docker.sock', source: 'default' },
  since: 1,
};

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  return {
    'engine.status': async () => status,
    'engine.info': async () => {
      throw new StowageError('DOCKER_UNREACHABLE', 'gone');
    },
    'images.list': async () => [],
    ...overrides,
  };
}

const signal = new AbortController().signal;

describe('router', () => {
  it('wraps a handler result in the envelope', async () => {
    expect(await createRouter(handlers()).dispatch('engine.status', {}, signal)).toEqual({
      result: status,
    });
  });

  it('treats a missing input as empty', async () => {
    expect(await createRouter(handlers()).dispatch('images.list', undefined, signal)).toEqual({
      result: [],
    });
  });

  it('refuses a name outside the contract', async () => {
    const reply = await createRouter(handlers()).dispatch('images.delete', {}, signal);
    expect(reply).toEqual({
      error: { code: 'UNKNOWN_CALL', message: 'There is no call named images.delete.' },
    });
  });

  it('refuses invalid input with the problems as details, without calling the handler', async () => {
    let called = false;
    const router = createRouter(
      handlers({
        'images.list': async () => {
          called = true;
          return [];
        },
      }),
    );
    const reply = await router.dispatch('images.list', { all: 'yes' }, signal);
    expect(called).toBe(false);
    expect(reply).toMatchObject({
      error: { code: 'INVALID_INPUT', details: [{ path: '', message: expect.any(String) }] },
    });
  });

  it('refuses to send a result that breaks the contract', async () => {
    const router = createRouter(
      handlers({ 'images.list': async () => [{ id: 42 }] as unknown as never }),
    );
    const reply = await router.dispatch('images.list', {}, signal);
    expect(reply).toMatchObject({
      error: { code: 'INTERNAL', message: 'images.list produced a result outside the contract.' },
    });
  });

  it('keeps the code of a StowageError', async () => {
    expect(await createRouter(handlers()).dispatch('engine.info', {}, signal)).toEqual({
      error: { code: 'DOCKER_UNREACHABLE', message: 'gone' },
    });
  });

  it.each([
    [Object.assign(new Error('connect ENOENT'), { code: 'ENOENT' }), 'DOCKER_UNREACHABLE'],
    [{ statusCode: 404, json: { message: 'No such image: x' } }, 'NOT_FOUND'],
    [{ statusCode: 409, json: { message: 'image is in use' } }, 'CONFLICT'],
    [{ statusCode: 500, reason: 'server error' }, 'INTERNAL'],
    [new TypeError('boom'), 'INTERNAL'],
  ])('gives engine and socket failures a code (%#)', async (thrown, code) => {
    const router = createRouter(
      handlers({
        'images.list': async () => {
          throw thrown;
        },
      }),
    );
    const reply = await router.dispatch('images.list', {}, signal);
    expect(reply).toMatchObject({ error: { code } });
    expect((reply as { error: { message: string } }).error.message).not.toMatch(/object Object/);
  });

  it('reports CANCELLED when the caller aborted', async () => {
    const controller = new AbortController();
    const router = createRouter(
      handlers({
        'images.list': (_input, context) =>
          new Promise((_resolve, reject) =>
            context.signal.addEventListener('abort', () => reject(new Error('aborted'))),
          ),
      }),
    );
    const pending = router.dispatch('images.list', {}, controller.signal);
    controller.abort();
    expect(await pending).toMatchObject({ error: { code: 'CANCELLED' } });
  });
});
