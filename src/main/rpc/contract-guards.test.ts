import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { call, defineDomain, event, mergeDomains, stream } from '../../shared/contract/define';
import { engineContract } from '../../shared/contract/engine';
import { imagesContract } from '../../shared/contract/images';
import { stubHandlers } from '../../../test/support/stub-handlers';
import type { DomainHandlers, Handlers } from './handlers';
import { createRouter } from './router';

// This file is checked twice: by the type-checker, where every `@ts-expect-error` below must
// meet the error it announces (an unused one fails `npm run typecheck`), and by Vitest, where
// the same mistakes made past the compiler are refused at run time.

const ping = call({ input: z.object({}), output: z.string() });

describe('contract guards', () => {
  it('refuses a name outside its domain', () => {
    expect(() =>
      defineDomain('containers', {
        // @ts-expect-error a containers module cannot declare images.remove
        calls: { 'images.remove': ping },
      }),
    ).toThrow('images.remove is not in the containers domain.');
    expect(() =>
      defineDomain('containers', {
        streams: {
          // @ts-expect-error nor a stream of another domain
          'images.pull': stream({ input: z.object({}), item: z.string(), result: z.null() }),
        },
      }),
    ).toThrow('images.pull is not in the containers domain.');
    expect(() =>
      // @ts-expect-error the prefix is the domain followed by a dot
      defineDomain('images', { events: { imagesChanged: event(z.null()) } }),
    ).toThrow('imagesChanged is not in the images domain.');
  });

  it('refuses a name defined twice across modules', () => {
    const first = defineDomain('volumes', { calls: { 'volumes.list': ping } });
    const again = defineDomain('volumes', { calls: { 'volumes.list': ping } });
    // @ts-expect-error the same domain (and so the same names) merged twice
    expect(() => mergeDomains(first, again)).toThrow('The volumes domain is merged twice.');
    const merged = mergeDomains(
      first,
      defineDomain('networks', { calls: { 'networks.list': ping } }),
    );
    expect(Object.keys(merged.calls)).toEqual(['volumes.list', 'networks.list']);
  });

  it('lets a call and an event share a name, as engine.status does', () => {
    const merged = mergeDomains(engineContract, imagesContract);
    expect(Object.keys(merged.calls)).toContain('engine.status');
    expect(Object.keys(merged.events)).toContain('engine.status');
  });

  it('requires a handler for every call and stream, typed by the contract', async () => {
    // @ts-expect-error a call without a handler does not compile
    const missing: Handlers = { ...stubHandlers(), 'images.list': undefined };
    expect(missing['images.list']).toBeUndefined();

    // @ts-expect-error a domain's handlers must cover its whole slice
    const partial: DomainHandlers<typeof imagesContract> = {};
    expect(partial).toEqual({});

    const wrongOutput: Partial<Handlers> = {
      // @ts-expect-error a handler must return the contract's output type
      'images.list': async () => 'not a list',
    };
    const router = createRouter(stubHandlers(wrongOutput));
    expect(await router.call('images.list', {}, new AbortController().signal)).toMatchObject({
      error: { code: 'INTERNAL' },
    });

    const typedInput: Partial<Handlers> = {
      'events.follow': async (input) => {
        // @ts-expect-error the handler's input is the parsed contract input, not any
        const wrong: string = input.since;
        return { delivered: wrong.length };
      },
    };
    expect(typedInput['events.follow']).toBeTypeOf('function');
  });
});
