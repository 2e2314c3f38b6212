import { describe, expect, it } from 'vitest';
import { imageReferenceSchema } from './image-reference';

describe('image references', () => {
  it.each([
    'busybox',
    'busybox:1.36',
    'library/busybox:latest',
    'localhost:5000/team/app:1.0',
    'registry.example.com/a/b/c',
    'ghcr.io/org/app@sha256:' + 'a'.repeat(64),
    'app:v1.0-rc_2',
    '[::1]:5000/app',
  ])('accepts %s', (reference) =>
    expect(imageReferenceSchema.safeParse(reference).success).toBe(true),
  );

  it.each([
    '',
    'UpperCase',
    'app:',
    ':tag',
    'app::1',
    'app@sha256:short',
    'a b',
    '-app',
    'app/',
    '../etc/passwd',
    'app:' + 'x'.repeat(129),
    'x'.repeat(600),
  ])('refuses %j with a message that says how to write one', (reference) => {
    const parsed = imageReferenceSchema.safeParse(reference);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/image reference/);
  });
});
