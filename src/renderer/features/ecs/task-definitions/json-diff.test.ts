import { describe, expect, it } from 'vitest';
import { diffLines } from './json-diff';

describe('diffLines', () => {
  it('keeps common lines and marks what each side has alone', () => {
    const left = ['{', '  "cpu": "256",', '  "family": "web"', '}'].join('\n');
    const right = ['{', '  "cpu": "512",', '  "family": "web"', '}'].join('\n');
    expect(diffLines(left, right).map((line) => [line.kind, line.text])).toEqual([
      ['same', '{'],
      ['removed', '  "cpu": "256",'],
      ['added', '  "cpu": "512",'],
      ['same', '  "family": "web"'],
      ['same', '}'],
    ]);
  });

  it('numbers lines on their own side', () => {
    const lines = diffLines('a\nb', 'b\nc');
    expect(lines).toEqual([
      { kind: 'removed', left: 1, text: 'a' },
      { kind: 'same', left: 2, right: 1, text: 'b' },
      { kind: 'added', right: 2, text: 'c' },
    ]);
  });

  it('finds no change between equal texts', () => {
    expect(diffLines('x\ny', 'x\ny').every((line) => line.kind === 'same')).toBe(true);
  });
});
