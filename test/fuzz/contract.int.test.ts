import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callNames, calls, streamNames, streams } from '../../src/shared';
import { FuzzClient } from './fuzz-client';
import { docker, inspectImage } from '../support/docker';
import { fixtureKeeper } from '../support/fixtures';
import {
  fuzzSeed,
  fuzzTargetImage,
  fuzzTargetName,
  junk,
  pick,
  randomString,
  seededRandom,
  inputFor,
  type Random,
} from './generate';
import { startServerProcess, type ServerProcess } from './server-process';

// Throws generated protocol messages at the real `stowage web` process: every call and stream
// of the contract with inputs derived from its schemas (valid, boundary and wrong), unknown
// and huge names, malformed messages, bad ids, binary and non-JSON frames. After each batch
// the process must be up, every answer well formed, and a fresh client served normally.

const totalMessages = 10_000;
const batchSize = 500;

type Generated =
  | { message: unknown; answerFor?: number; thenCancel?: boolean }
  | { raw: string | Buffer; binary: boolean };

function generate(random: Random, nextId: () => number): Generated {
  const roll = random();
  const id = nextId();
  if (roll < 0.5) {
    const name = pick(random, callNames);
    const input = inputFor(calls[name].input, random);
    return { message: { kind: 'call', id, name, input }, answerFor: id };
  }
  if (roll < 0.55) {
    const name = pick(random, streamNames);
    return {
      message: { kind: 'stream', id, name, input: inputFor(streams[name].input, random) },
      answerFor: id,
      // A valid stream runs until cancelled: cancel it, sometimes at once, sometimes later.
      thenCancel: true,
    };
  }
  if (roll < 0.6) return { message: { kind: 'cancel', id: Math.floor(random() * id) } };
  if (roll < 0.63) return { message: { kind: 'ack', id: Math.floor(random() * id), count: 1 } };
  if (roll < 0.73) {
    const name = pick(random, [
      randomString(random),
      'x'.repeat(500_000),
      `${pick(random, callNames)}x`,
      pick(random, callNames).toUpperCase(),
      pick(random, streamNames),
      42,
      null,
      { toString: 'images.list' },
    ]);
    const kind = pick(random, ['call', 'stream']);
    return {
      message: { kind, id, name, input: junk(random) },
      answerFor: id,
      // A stream name with input that happens to be valid runs until cancelled.
      thenCancel: kind === 'stream',
    };
  }
  if (roll < 0.85) {
    const badId = pick(random, [-1, 0.5, 2 ** 53 + 2, '1', null, undefined, 1e308]);
    return {
      message: pick(random, [
        junk(random),
        { kind: 'call', id: badId, name: pick(random, callNames) },
        { kind: randomString(random, 8), id },
        { kind: 'hello', version: pick(random, [0, 2, -1, '1', null]) },
        { kind: 'ack', id, count: pick(random, [0, -5, 1e9, 0.5]) },
        { kind: 'call', name: pick(random, callNames) },
      ]),
    };
  }
  if (roll < 0.95) {
    return {
      raw: pick(random, ['{', '', 'null', '"text"', '[1,2', randomString(random, 200)]),
      binary: false,
    };
  }
  return { raw: Buffer.from(randomString(random, 100)), binary: true };
}

describe('contract fuzz against a running browser-mode server', () => {
  let server: ServerProcess;

  // Volumes and networks there before the run: valid creates from the fuzz make new ones.
  let volumesBefore: Set<string>;
  let networksBefore: Set<string>;
  const names = async (kind: 'volume' | 'network') =>
    new Set((await docker([kind, 'ls', '-q'])).split('\n').filter(Boolean));

  beforeAll(async () => {
    await docker(['tag', 'stowage-test/fixture:1.0', fuzzTargetImage]);
    volumesBefore = await names('volume');
    networksBefore = await names('network');
    server = await startServerProcess();
  });

  afterAll(async () => {
    await server.stop();
    // A valid images.tag from the fuzz names the fixture anew; the later suites count its tags.
    await fixtureKeeper.dropForeignTags();
    // Valid creates made these. Containers first (they come from the fuzz's own image, or
    // carry its name), then the volumes and networks that were not there before the run.
    const containers = (
      await docker(['ps', '-aq', '--filter', `ancestor=${fuzzTargetImage}`])
    ).split('\n');
    for (const container of [...containers.filter(Boolean), fuzzTargetName]) {
      await docker(['rm', '--force', '--volumes', container]).catch(() => undefined);
    }
    for (const volume of await names('volume')) {
      if (!volumesBefore.has(volume)) await docker(['volume', 'rm', '--force', volume]);
    }
    for (const network of await names('network')) {
      if (!networksBefore.has(network)) await docker(['network', 'rm', network]);
    }
  });

  it(`survives ${totalMessages} generated messages and answers every one well formed`, async () => {
    const seed = fuzzSeed();
    const random = seededRandom(seed);
    let id = 0;
    let tried = 0;
    let closedForGarbage = 0;
    let answered = 0;
    let succeeded = 0;
    const problems: string[] = [];
    const tally = (finished: FuzzClient) => {
      problems.push(...finished.problems);
      answered += finished.answered;
      succeeded += finished.succeeded;
    };
    let client = new FuzzClient(server);
    await client.ready();

    while (tried < totalMessages) {
      for (let i = 0; i < batchSize; i++, tried++) {
        if (!client.open) {
          closedForGarbage++;
          tally(client);
          client = new FuzzClient(server);
          await client.ready();
        }
        const next = generate(random, () => ++id);
        if ('raw' in next) {
          client.sendRaw(next.raw, next.binary);
        } else {
          client.send(next.message, next.answerFor);
          if (next.thenCancel) client.send({ kind: 'cancel', id: next.answerFor });
        }
      }
      await client.settled().catch((error: Error) => {
        throw new Error(`seed ${seed}: ${error.message}`);
      });
      expect(server.alive(), `seed ${seed}: the server process died`).toBe(true);

      const probe = new FuzzClient(server);
      await probe.ready();
      probe.send({ kind: 'call', id: 1, name: 'engine.status', input: {} }, 1);
      await probe.settled(10_000);
      expect(probe.problems).toEqual([]);
      expect(probe.received).toBeGreaterThanOrEqual(2);
      probe.close();
    }
    tally(client);
    client.close();

    console.log(
      `contract fuzz: ${tried} messages tried (seed ${seed}), ${answered} calls and streams answered, ${succeeded} with a result, ${closedForGarbage} connections closed by the server for garbage`,
    );
    expect(problems.slice(0, 5), `seed ${seed}`).toEqual([]);
    expect(tried).toBeGreaterThanOrEqual(totalMessages);
    // Floors on what the server really did, so a run that reached no handler cannot pass. A
    // connection closed for garbage loses what was still waiting on it, so a typical run has
    // about a fifth of the messages answered and 250 results: the floors are about a quarter.
    expect(answered, `seed ${seed}`).toBeGreaterThanOrEqual(totalMessages / 20);
    expect(succeeded, `seed ${seed}`).toBeGreaterThanOrEqual(totalMessages / 200);
    // Valid destructive calls are part of the fuzz; the suites after it still need their images.
    for (const image of ['stowage-test/fixture:1.0', 'stowage-test/layered:1.0']) {
      expect(await inspectImage(image), `seed ${seed}: ${image} was removed`).toBeDefined();
    }
    // Valid inputs do real work (containers run, images are read), so this takes a while.
  }, 240_000);
});
