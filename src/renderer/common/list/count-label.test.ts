import { describe, expect, it } from 'vitest';
import { countLabel, counted } from './count-label';

const image = { one: 'image', many: 'images' };

describe('countLabel', () => {
  it('names the total alone when nothing is hidden', () => {
    expect(countLabel(1, 1, image)).toBe('1 image');
    expect(countLabel(3, 3, image)).toBe('3 images');
    expect(countLabel(0, 0, image)).toBe('0 images');
  });

  it('says how many of the total are shown', () => {
    expect(countLabel(2, 30, image)).toBe('2 of 30 images');
    expect(countLabel(0, 1, image)).toBe('0 of 1 image');
  });
});

describe('counted', () => {
  it('picks the noun by the count', () => {
    expect(counted(1, image)).toBe('1 image');
    expect(counted(0, image)).toBe('0 images');
    expect(counted(12, image)).toBe('12 images');
  });
});
