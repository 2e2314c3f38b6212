import type { BuildProgress } from '../../../shared';

/** One line of the engine's `POST /build` answer, as far as Stowage reads it. */
export interface RawBuildLine {
  stream?: string;
  status?: string;
  id?: string;
  progress?: string;
  aux?: { ID?: string };
  error?: string;
  errorDetail?: { message?: string; code?: number };
}

const stepLine = /^Step (\d+)\/(\d+) : (.*)$/;
// The legacy builder colours what a step writes to stderr (ESC[91m … ESC[0m).
// eslint-disable-next-line no-control-regex
const terminalEscapes = /\u001b\[[0-9;]*[A-Za-z]/g;

/** What one line of the build answer means for the person watching it: log lines, steps. */
export function toBuildProgress(line: RawBuildLine): BuildProgress[] {
  if (line.stream !== undefined) {
    const lines = line.stream
      .replace(terminalEscapes, '')
      .replace(/\r?\n$/, '')
      .split(/\r?\n/);
    return lines.flatMap((text): BuildProgress[] => {
      const step = stepLine.exec(text);
      const log: BuildProgress = { kind: 'log', text };
      if (!step) return text === '' && lines.length === 1 ? [] : [log];
      const [, index, total, instruction] = step;
      return [
        { kind: 'step', step: Number(index), total: Number(total), instruction: instruction ?? '' },
        log,
      ];
    });
  }
  if (line.status !== undefined) {
    const text = [line.id, line.status, line.progress].filter(Boolean).join(' ');
    return [{ kind: 'log', text }];
  }
  return [];
}

/** The id the engine gave the built image, from the `aux` line or the legacy builder's log. */
export function builtImageId(line: RawBuildLine): string | undefined {
  if (line.aux?.ID) return line.aux.ID;
  const legacy = /^Successfully built ([a-f0-9]{12,64})\n?$/.exec(line.stream ?? '');
  return legacy ? legacy[1] : undefined;
}

/** The failure a build line reports, if it reports one. */
export function buildFailure(line: RawBuildLine): string | undefined {
  return line.errorDetail?.message ?? line.error;
}
