import type { DockerEvent } from '../../../shared';

interface RawDockerEvent {
  Type?: string;
  Action?: string;
  status?: string;
  id?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  time?: number;
  timeNano?: number;
}

/**
 * The engine streams one JSON object per line, but a chunk may hold several lines or half of
 * one. Returns a function to feed chunks into; complete events go to `onEvent`.
 */
export function parseDockerEvents(onEvent: (event: DockerEvent) => void): (chunk: string) => void {
  let pending = '';
  return (chunk) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const event = toDockerEvent(line);
      if (event) onEvent(event);
    }
  };
}

function toDockerEvent(line: string): DockerEvent | undefined {
  if (!line.trim()) return undefined;
  let raw: RawDockerEvent;
  try {
    raw = JSON.parse(line) as RawDockerEvent;
  } catch {
    return undefined;
  }
  const time = raw.timeNano ? Math.floor(raw.timeNano / 1e6) : (raw.time ?? 0) * 1000;
  return {
    type: raw.Type ?? 'unknown',
    action: raw.Action ?? raw.status ?? 'unknown',
    id: raw.Actor?.ID ?? raw.id ?? '',
    time,
    attributes: raw.Actor?.Attributes ?? {},
  };
}
