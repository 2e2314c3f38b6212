import type { DockerEvent } from '../../../shared';
import { parseJsonLines } from './json-lines';

interface RawDockerEvent {
  Type?: string;
  Action?: string;
  status?: string;
  id?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  time?: number;
  timeNano?: number;
}

/** Chunks of the engine's event stream in; complete events out to `onEvent`. */
export function parseDockerEvents(onEvent: (event: DockerEvent) => void): (chunk: string) => void {
  return parseJsonLines<RawDockerEvent>((raw) => onEvent(toDockerEvent(raw)));
}

function toDockerEvent(raw: RawDockerEvent): DockerEvent {
  const time = raw.timeNano ? Math.floor(raw.timeNano / 1e6) : (raw.time ?? 0) * 1000;
  return {
    type: raw.Type ?? 'unknown',
    action: raw.Action ?? raw.status ?? 'unknown',
    id: raw.Actor?.ID ?? raw.id ?? '',
    time,
    attributes: raw.Actor?.Attributes ?? {},
  };
}
