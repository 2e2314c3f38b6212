import { describe, expect, it } from 'vitest';
import { jsonEqual, shareListItems } from './share-items';

interface Item {
  arn?: string;
  status: string;
  tags?: { key: string }[];
}

const share = shareListItems((item: Item) => item.arn);
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('jsonEqual', () => {
  it('compares nested objects and arrays by value', () => {
    expect(jsonEqual({ a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] })).toBe(true);
    expect(jsonEqual({ a: [1, { b: 'x' }] }, { a: [1, { b: 'y' }] })).toBe(false);
    expect(jsonEqual([1, 2], [1, 2, 3])).toBe(false);
    expect(jsonEqual([], {})).toBe(false);
    expect(jsonEqual(null, {})).toBe(false);
  });

  it('tells a missing key from an extra one', () => {
    expect(jsonEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(jsonEqual({ a: 1, b: 2 }, { a: 1 })).toBe(false);
    expect(jsonEqual({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
  });
});

describe('shareListItems', () => {
  const before: Item[] = [
    { arn: 'a', status: 'RUNNING', tags: [{ key: 'x' }] },
    { arn: 'b', status: 'PENDING' },
  ];

  it('keeps the old list when nothing changed', () => {
    expect(share(before, copy(before))).toBe(before);
  });

  it('keeps the unchanged items and takes the changed ones, in the new order', () => {
    const next = [
      { arn: 'b', status: 'RUNNING' },
      copy(before[0]),
      { arn: 'c', status: 'PENDING' },
    ];
    const shared = share(before, next) as Item[];
    expect(shared).toEqual(next);
    expect(shared[0]).toBe(next[0]);
    expect(shared[1]).toBe(before[0]);
    expect(shared[2]).toBe(next[2]);
  });

  it('gives a new list when only the order changed', () => {
    const next = [copy(before[1]), copy(before[0])];
    const shared = share(before, next) as Item[];
    expect(shared).not.toBe(before);
    expect(shared).toEqual([before[1], before[0]]);
    expect(shared[0]).toBe(before[1]);
  });

  it('never shares items without a key, and passes anything but lists through', () => {
    const keyless = [{ status: 'RUNNING' }];
    expect(share(keyless, copy(keyless))).not.toBe(keyless);
    const next = { status: 'RUNNING' };
    expect(share(undefined, next)).toBe(next);
  });
});
