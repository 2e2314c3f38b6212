import { useEffect, useState } from 'react';

/**
 * The current time, refreshed every `intervalMs` while `active`. For wording that ages
 * ("3 minutes ago", "retrying in 4 s"); it re-renders, it never fetches.
 */
export function useNow(intervalMs: number, active = true): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, active]);
  return now;
}
