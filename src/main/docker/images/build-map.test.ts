import { describe, expect, it } from 'vitest';
import { buildFailure, builtImageId, toBuildProgress } from './build-map';

describe('build answer lines', () => {
  it('reads a step, then the log lines of the step, without terminal colours', () => {
    expect(toBuildProgress({ stream: 'Step 2/5 : COPY . /ctx\n' })).toEqual([
      { kind: 'step', step: 2, total: 5, instruction: 'COPY . /ctx' },
      { kind: 'log', text: 'Step 2/5 : COPY . /ctx' },
    ]);
    expect(toBuildProgress({ stream: '\u001b[91mbroken\n\u001b[0m' })).toEqual([
      { kind: 'log', text: 'broken' },
    ]);
    expect(toBuildProgress({ stream: 'one\ntwo\n' })).toEqual([
      { kind: 'log', text: 'one' },
      { kind: 'log', text: 'two' },
    ]);
    expect(toBuildProgress({ stream: '\n' })).toEqual([]);
  });

  it('reads pulls of base images as log lines, and ignores what it does not know', () => {
    expect(
      toBuildProgress({ status: 'Downloading', id: 'abc', progress: '[=> ] 1MB/2MB' }),
    ).toEqual([{ kind: 'log', text: 'abc Downloading [=> ] 1MB/2MB' }]);
    expect(toBuildProgress({ aux: { ID: 'sha256:1' } })).toEqual([]);
  });

  it('finds the built image and the failure', () => {
    expect(builtImageId({ aux: { ID: `sha256:${'a'.repeat(64)}` } })).toBe(
      `sha256:${'a'.repeat(64)}`,
    );
    expect(builtImageId({ stream: 'Successfully built 0123456789ab\n' })).toBe('0123456789ab');
    expect(builtImageId({ stream: 'Step 1/2 : FROM x\n' })).toBeUndefined();
    expect(
      buildFailure({ error: 'short', errorDetail: { message: 'The command returned 3', code: 3 } }),
    ).toBe('The command returned 3');
    expect(buildFailure({ stream: 'fine\n' })).toBeUndefined();
  });
});
