import { describe, expect, it } from 'vitest';
import { forwardToWrite, sameForward } from './strategy-load-balancers';

const blue = 'arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/blue/1';
const green = 'arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/green/2';
const split = (b: number, g: number) => [
  { targetGroupArn: blue, weight: b },
  { targetGroupArn: green, weight: g },
];

describe('sameForward', () => {
  it('is the same groups with the same weights, in any order', () => {
    expect(sameForward(split(900, 100), split(900, 100))).toBe(true);
    expect(sameForward(split(900, 100), [...split(900, 100)].reverse())).toBe(true);
  });

  it('differs by a weight, a group, or a group more or less', () => {
    expect(sameForward(split(900, 100), split(800, 200))).toBe(false);
    expect(sameForward(split(999, 0), [{ targetGroupArn: blue, weight: 999 }])).toBe(false);
    expect(
      sameForward([{ targetGroupArn: blue, weight: 1 }], [{ targetGroupArn: green, weight: 1 }]),
    ).toBe(false);
    expect(
      sameForward(split(500, 500), [
        { targetGroupArn: blue, weight: 500 },
        { targetGroupArn: blue, weight: 500 },
      ]),
    ).toBe(false);
  });
});

describe('forwardToWrite', () => {
  it('writes a listener the strategy never set when it forwards otherwise', () => {
    expect(forwardToWrite([{ targetGroupArn: blue, weight: 1 }], split(999, 0), undefined)).toBe(
      true,
    );
    expect(forwardToWrite(split(999, 0), split(999, 0), undefined)).toBe(false);
  });

  it('leaves a ModifyListener standing while the plan has not moved', () => {
    expect(forwardToWrite(split(500, 500), split(750, 250), split(750, 250))).toBe(false);
  });

  it('writes when the plan moves, unless the listener already holds the new weights', () => {
    expect(forwardToWrite(split(750, 250), split(500, 500), split(750, 250))).toBe(true);
    expect(forwardToWrite(split(100, 900), split(500, 500), split(750, 250))).toBe(true);
    expect(forwardToWrite(split(500, 500), split(500, 500), split(750, 250))).toBe(false);
  });
});
