import { describe, expect, it } from 'vitest';
import { doubleEscape, InputBuffer } from './terminal-escape';

describe('the way out of the terminal', () => {
  it('is Esc twice within the window', () => {
    const pressed = doubleEscape(600);
    expect(pressed('Escape', 1_000)).toBe(false);
    expect(pressed('Escape', 1_500)).toBe(true);
    // A third Esc starts over.
    expect(pressed('Escape', 1_600)).toBe(false);
  });

  it('is not two Esc far apart, or with another key between', () => {
    const pressed = doubleEscape(600);
    expect(pressed('Escape', 0)).toBe(false);
    expect(pressed('Escape', 601)).toBe(false);
    expect(pressed('a', 700)).toBe(false);
    expect(pressed('Escape', 800)).toBe(false);
  });
});

describe('input typed before the shell is attached', () => {
  it('is held and sent in order, at once, when it is attached', () => {
    const sent: string[] = [];
    const input = new InputBuffer();
    input.type('ec');
    input.type('ho hi\r');
    expect(sent).toEqual([]);
    input.attach((data) => sent.push(data));
    input.type('ls\r');
    expect(sent).toEqual(['echo hi\r', 'ls\r']);
  });
});
