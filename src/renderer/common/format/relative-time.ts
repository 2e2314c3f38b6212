import { plural } from './plural';

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

/** The docker CLI's wording for a duration ("About an hour", "3 weeks"), from go-units. */
function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / second);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return plural(seconds, 'second');
  const minutes = Math.floor(ms / minute);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.round(ms / hour);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return plural(hours, 'hour');
  if (hours < 24 * 7 * 2) return plural(Math.floor(hours / 24), 'day');
  if (hours < 24 * 30 * 2) return plural(Math.floor(hours / 24 / 7), 'week');
  if (hours < 24 * 365 * 2) return plural(Math.floor(hours / 24 / 30), 'month');
  return plural(Math.floor(ms / (365 * day)), 'year');
}

/** "3 minutes ago", as `docker images` says it. A time in the future counts as now. */
export function formatRelativeTime(now: number, then: number): string {
  return `${humanDuration(Math.max(0, now - then))} ago`;
}
