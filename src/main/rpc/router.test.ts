import { describe, expect, it } from 'vitest';
import { StowageError } from '../../shared';
import { sampleDockerEvent, sampleEngineStatus } from '../../../test/support/samples';
import { stubHandlers } from '../../../test/support/stub-handlers';
import type { Handlers } from './handlers';
import { createRouter, type ErrorMapper } from './router';

const status = sampleEngineStatus();
const signal = new AbortController().signal;

function router(overrides: Partial<Handlers> = {}, mappers: ErrorMapper[] = []) {
  return createRouter(
    stubHandlers({
      'engine.status': async () => status,
      'images.list': async () => [],
      ...overrides,
    }),
    mappers,
  );
}

describe('router calls', () => {
  it('wraps a handler result in the envelope', async () => {
    expect(await router().call('engine.status', {}, signal)).toEqual({ result: status });
  });

  it('treats a missing input as empty', async () => {
    expect(await router().call('images.list', undefined, signal)).toEqual({ result: [] });
  });

  it('refuses a name outside the contract, and a stream name as a call', async () => {
    expect(await router().call('images.delete', {}, signal)).toEqual({
      error: { code: 'UNKNOWN_CALL', message: 'There is no call named "images.delete".' },
    });
    expect(await router().call('events.follow', {}, signal)).toMatchObject({
      error: { code: 'UNKNOWN_CALL' },
    });
  });

  it('echoes at most a short prefix of an unknown name', async () => {
    const reply = await router().call('x'.repeat(500_000), {}, signal);
    expect(JSON.stringify(reply).length).toBeLessThan(200);
  });

  it('echoes at most a short prefix of a member name the input should not have', async () => {
    const reply = await router().call('images.list', { ['k'.repeat(100_000)]: 1 }, signal);
    expect(reply).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    expect(JSON.stringify(reply).length).toBeLessThan(1_000);
  });

  it.each([null, 'text', 42, [], { all: 'yes' }])(
    'refuses invalid input %j with the problems as details, without calling the handler',
    async (input) => {
      let called = false;
      const reply = await router({
        'images.list': async () => {
          called = true;
          return [];
        },
      }).call('images.list', input, signal);
      expect(called).toBe(false);
      expect(reply).toMatchObject({
        error: { code: 'INVALID_INPUT', details: [{ path: expect.any(String) }] },
      });
    },
  );

  it('refuses to send a result that breaks the contract', async () => {
    const reply = await router({
      'images.list': async () => [{ id: 42 }] as unknown as never,
    }).call('images.list', {}, signal);
    expect(reply).toMatchObject({
      error: { code: 'INTERNAL', message: 'images.list produced a result outside the contract.' },
    });
  });

  it('keeps the code of a StowageError, asks the domain mappers, and falls back to INTERNAL', async () => {
    const gone = new StowageError('DOCKER_UNREACHABLE', 'gone');
    const failing = (thrown: unknown) =>
      router(
        {
          'engine.info': async () => {
            throw thrown;
          },
        },
        [
          (error) =>
            (error as { teapot?: boolean }).teapot
              ? new StowageError('CONFLICT', 'tea')
              : undefined,
        ],
      ).call('engine.info', {}, signal);
    expect(await failing(gone)).toEqual({ error: { code: 'DOCKER_UNREACHABLE', message: 'gone' } });
    expect(await failing({ teapot: true })).toEqual({
      error: { code: 'CONFLICT', message: 'tea' },
    });
    expect(await failing(new TypeError('boom'))).toEqual({
      error: { code: 'INTERNAL', message: 'boom' },
    });
    expect(await failing({})).toMatchObject({ error: { code: 'INTERNAL' } });
    expect(JSON.stringify(await failing({}))).not.toMatch(/object Object/);
  });

  it('reports CANCELLED when the caller aborted', async () => {
    const controller = new AbortController();
    const pending = router({
      'images.list': (_input, context) =>
        new Promise((_resolve, reject) =>
          context.signal.addEventListener('abort', () => reject(new Error('aborted'))),
        ),
    }).call('images.list', {}, controller.signal);
    controller.abort();
    expect(await pending).toMatchObject({ error: { code: 'CANCELLED' } });
  });
});

describe('router streams', () => {
  const event = sampleDockerEvent();

  it('passes valid items on in order and ends with the checked result', async () => {
    const items: unknown[] = [];
    const end = await router({
      'events.follow': async (_input, { emit }) => {
        await emit(event);
        await emit({ ...event, id: 'second' });
        return { delivered: 2 };
      },
    }).stream('events.follow', {}, { signal, emit: async (item) => void items.push(item) });
    expect(items).toEqual([event, { ...event, id: 'second' }]);
    expect(end).toEqual({ result: { delivered: 2 } });
  });

  it('ends with an error when an item breaks the contract', async () => {
    const end = await router({
      'events.follow': async (_input, { emit }) => {
        await emit({ nonsense: true } as never);
        return { delivered: 1 };
      },
    }).stream('events.follow', {}, { signal, emit: async () => undefined });
    expect(end).toMatchObject({
      error: { code: 'INTERNAL', message: 'events.follow produced an item outside the contract.' },
    });
  });

  it('validates stream input and refuses unknown streams', async () => {
    const emit = async () => undefined;
    expect(await router().stream('events.follow', { since: -1 }, { signal, emit })).toMatchObject({
      error: { code: 'INVALID_INPUT' },
    });
    expect(await router().stream('images.list', {}, { signal, emit })).toMatchObject({
      error: { code: 'UNKNOWN_CALL' },
    });
  });

  it('makes emit throw once cancelled, so producer loops stop, and ends CANCELLED', async () => {
    const controller = new AbortController();
    let emitted = 0;
    const end = await router({
      'events.follow': async (_input, { emit }) => {
        for (;;) {
          await emit(event);
          emitted++;
          if (emitted === 3) controller.abort();
        }
      },
    }).stream('events.follow', {}, { signal: controller.signal, emit: async () => undefined });
    expect(emitted).toBe(3);
    expect(end).toMatchObject({ error: { code: 'CANCELLED' } });
  });
});
