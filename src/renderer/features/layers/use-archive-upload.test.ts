import { describe, expect, it } from 'vitest';
import { sendInChunks } from './use-archive-upload';

describe('sending an archive in chunks', () => {
  it('sends every byte in order, one chunk at a time, each after the last was answered', async () => {
    const file = 'abcdefghij';
    const events: string[] = [];
    let inFlight = 0;
    await sendInChunks({
      size: file.length,
      chunkBytes: 4,
      read: async (start, end) => {
        events.push(`read ${start}-${end}`);
        return file.slice(start, end);
      },
      send: async (offset, data) => {
        inFlight++;
        expect(inFlight).toBe(1);
        events.push(`send ${offset} ${data}`);
        await new Promise((resolve) => setTimeout(resolve, 1));
        inFlight--;
        return offset + data.length;
      },
      onSent: (received) => events.push(`taken ${received}`),
    });
    expect(events).toEqual([
      'read 0-4',
      'send 0 abcd',
      'taken 4',
      'read 4-8',
      'send 4 efgh',
      'taken 8',
      'read 8-10',
      'send 8 ij',
      'taken 10',
    ]);
  });

  it('stops at the first chunk main refuses', async () => {
    const sent: number[] = [];
    await expect(
      sendInChunks({
        size: 12,
        chunkBytes: 4,
        read: async (start, end) => 'x'.repeat(end - start),
        send: async (offset) => {
          sent.push(offset);
          if (offset === 4) throw new Error('This archive upload has ended');
          return offset + 4;
        },
        onSent: () => undefined,
      }),
    ).rejects.toThrow(/has ended/);
    expect(sent).toEqual([0, 4]);
  });
});
