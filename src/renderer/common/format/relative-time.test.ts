import { describe, expect, it } from 'vitest';
import { formatRelativeTime } from './relative-time';

const now = Date.UTC(2025, 5, 15, 12, 0, 0);
const ago = (ms: number) => formatRelativeTime(now, now - ms);
const seconds = (n: number) => n * 1000;
const minutes = (n: number) => seconds(n * 60);
const hours = (n: number) => minutes(n * 60);
const days = (n: number) => hours(n * 24);

describe('formatRelativeTime', () => {
  it('says seconds for the last minute', () => {
    expect(ago(0)).toBe('Less than a second ago');
    expect(ago(seconds(1))).toBe('1 second ago');
    expect(ago(seconds(42))).toBe('42 seconds ago');
  });

  it('says minutes and hours like docker', () => {
    expect(ago(seconds(61))).toBe('About a minute ago');
    expect(ago(minutes(3))).toBe('3 minutes ago');
    expect(ago(minutes(59))).toBe('59 minutes ago');
    expect(ago(minutes(70))).toBe('About an hour ago');
    expect(ago(hours(5))).toBe('5 hours ago');
    expect(ago(hours(47))).toBe('47 hours ago');
  });

  it('says days, weeks, months and years for older things', () => {
    expect(ago(days(3))).toBe('3 days ago');
    expect(ago(days(20))).toBe('2 weeks ago');
    expect(ago(days(90))).toBe('3 months ago');
    expect(ago(days(800))).toBe('2 years ago');
  });

  it('treats a time in the future as now', () => {
    expect(formatRelativeTime(now, now + minutes(5))).toBe('Less than a second ago');
  });
});
