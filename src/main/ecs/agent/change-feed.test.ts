import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock';
import { AgentChangeFeed } from './change-feed';

describe('the agent change feed', () => {
  it('tells a quiet task at once and a busy one at most once per interval', () => {
    const clock = new ManualClock(1000);
    const told: [string, number][] = [];
    const feed = new AgentChangeFeed(clock, 250, (arn) => told.push([arn, clock.now()]));
    feed.changed('a');
    expect(told).toEqual([['a', 1000]]);
    for (let i = 0; i < 20; i++) {
      clock.advance(10);
      feed.changed('a');
    }
    feed.changed('b');
    expect(told).toEqual([
      ['a', 1000],
      ['b', 1200],
    ]);
    clock.advance(50);
    expect(told).toEqual([
      ['a', 1000],
      ['b', 1200],
      ['a', 1250],
    ]);
    clock.advance(1000);
    expect(told).toHaveLength(3);
    feed.changed('a');
    expect(told.at(-1)).toEqual(['a', 2250]);
  });

  it('tells nothing more once closed', () => {
    const clock = new ManualClock(0);
    const told: string[] = [];
    const feed = new AgentChangeFeed(clock, 250, (arn) => told.push(arn));
    feed.changed('a');
    feed.changed('a');
    feed.close();
    clock.advance(1000);
    expect(told).toEqual(['a']);
  });
});
