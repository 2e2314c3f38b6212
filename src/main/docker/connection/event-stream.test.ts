import { describe, expect, it } from 'vitest';
import type { DockerEvent } from '../../../shared';
import { parseDockerEvents } from './event-stream';

describe('parseDockerEvents', () => {
  it('joins lines split across chunks and skips what is not JSON', () => {
    const events: DockerEvent[] = [];
    const feed = parseDockerEvents((event) => events.push(event));
    // As the engine writes it: timeNano has more digits than a double keeps.
    const line =
      '{"Type":"image","Action":"tag","Actor":{"ID":"sha256:abc","Attributes":{"name":"x:1"}},' +
      '"time":1700000000,"timeNano":1700000000123456789}';
    feed(line.slice(0, 20));
    expect(events).toHaveLength(0);
    feed(`${line.slice(20)}\nnot json\n{"Type":"container","status":"die","id":"c1","time":5}\n`);
    expect(events).toEqual([
      {
        type: 'image',
        action: 'tag',
        id: 'sha256:abc',
        time: 1700000000123,
        attributes: { name: 'x:1' },
      },
      { type: 'container', action: 'die', id: 'c1', time: 5000, attributes: {} },
    ]);
  });
});
