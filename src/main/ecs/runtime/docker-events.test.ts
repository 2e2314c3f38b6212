import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock';
import { ContainerEndFollower } from './docker-events';
import type { ContainerEnd } from './docker-map';

const taskArn = 'arn:aws:ecs:us-east-1:000000000000:task/demo/0123456789abcdef0123456789abcdef';

function dieLine(id: string, time: number, exitCode: number): string {
  return `${JSON.stringify({
    Type: 'container',
    Action: 'die',
    Actor: {
      ID: id,
      Attributes: {
        'dev.stowage.ecs.runtime': 'docker',
        'com.amazonaws.ecs.task-arn': taskArn,
        'com.amazonaws.ecs.container-name': 'web',
        exitCode: String(exitCode),
      },
    },
    time,
    timeNano: time * 1e9,
  })}\n`;
}

/** An engine whose event streams the test writes to, recording what each was asked for. */
function fakeEngine() {
  const streams: PassThrough[] = [];
  const asked: Record<string, unknown>[] = [];
  let refusals = 0;
  const docker = {
    getEvents: async (options: Record<string, unknown>) => {
      asked.push(options);
      if (refusals > 0) {
        refusals--;
        throw new Error('connect ECONNREFUSED /var/run/docker.sock');
      }
      const stream = new PassThrough();
      streams.push(stream);
      return stream;
    },
  } as unknown as Docker;
  return { docker, streams, asked, refuseNext: (count: number) => (refusals = count) };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('following die events', () => {
  it('asks for die, oom and health events of the runtime’s containers since it started, and reports them', async () => {
    const clock = new ManualClock(1_700_000_000_500);
    const engine = fakeEngine();
    const ends: ContainerEnd[] = [];
    const follower = new ContainerEndFollower({
      docker: () => engine.docker,
      clock,
      onEnd: (end) => ends.push(end),
    });
    await follower.ready();
    expect(engine.asked[0]).toEqual({
      since: 1_700_000_000,
      filters: {
        type: ['container'],
        event: ['die', 'oom', 'health_status'],
        label: ['dev.stowage.ecs.runtime=docker'],
      },
    });
    // A line split across chunks still arrives whole.
    const line = dieLine('c1', 1_700_000_005, 137);
    engine.streams[0]?.write(line.slice(0, 40));
    engine.streams[0]?.write(line.slice(40));
    await settle();
    expect(ends).toMatchObject([
      { containerId: 'c1', exitCode: 137, taskArn, containerName: 'web' },
    ]);
    follower.stop();
  });

  it('opens again after the stream breaks or is refused, from the last event it saw', async () => {
    const clock = new ManualClock(1_700_000_000_000);
    const engine = fakeEngine();
    const ends: ContainerEnd[] = [];
    const follower = new ContainerEndFollower({
      docker: () => engine.docker,
      clock,
      onEnd: (end) => ends.push(end),
      retryMs: 1000,
    });
    await follower.ready();
    engine.streams[0]?.write(dieLine('c1', 1_700_000_042, 0));
    await settle();
    engine.refuseNext(1);
    engine.streams[0]?.end();
    await settle();
    clock.advance(1000);
    await settle();
    expect(engine.asked).toHaveLength(2);
    expect(engine.streams).toHaveLength(1);
    clock.advance(1000);
    await settle();
    expect(engine.asked).toHaveLength(3);
    expect(engine.asked[2]).toMatchObject({ since: 1_700_000_042 });
    engine.streams[1]?.write(dieLine('c2', 1_700_000_050, 1));
    await settle();
    expect(ends.map((end) => end.containerId)).toEqual(['c1', 'c2']);

    follower.stop();
    clock.advance(5000);
    await settle();
    expect(engine.asked).toHaveLength(3);
  });
});
