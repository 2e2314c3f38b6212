import { describe, expect, it } from 'vitest';
import { shortImageId } from './image-id';

describe('shortImageId', () => {
  it('drops the algorithm and keeps 12 hex characters', () => {
    expect(shortImageId('sha256:0123456789abcdef0123456789abcdef')).toBe('0123456789ab');
  });

  it('accepts an id without the algorithm', () => {
    expect(shortImageId('fedcba9876543210')).toBe('fedcba987654');
  });
});
