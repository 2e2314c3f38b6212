import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, TEST_LABEL, TEST_LABEL_VALUE } from '../../../../test/support/docker';
import { waitFor } from '../../../../test/support/wait-for';
import { execInContainer } from './container-exec';

const engine = new Docker();

/** The commands running in the container, as the engine's `top` lists them. */
async function commandsIn(containerId: string): Promise<string> {
  return docker(['top', containerId, '-o', 'pid,args']);
}

describe('a command run in a container', () => {
  let containerId = '';

  beforeAll(async () => {
    containerId = await docker([
      'run',
      '--detach',
      '--label',
      `${TEST_LABEL}=${TEST_LABEL_VALUE}`,
      'stowage-test/fixture:1.0',
      'sleep',
      '600',
    ]);
  });
  afterAll(async () => {
    if (containerId) await docker(['rm', '--force', containerId]);
  });

  it('answers what it printed and how it ended', async () => {
    const result = await execInContainer(
      engine,
      containerId,
      ['sh', '-c', 'echo out; echo err >&2; exit 3'],
      new AbortController().signal,
    );
    expect(result).toEqual({ exitCode: 3, stdout: 'out\n', stderr: 'err\n' });
  });

  it('stops in the container, children included, when it is cancelled', async () => {
    const controller = new AbortController();
    // A shell that waits on a child: both must go.
    const running = execInContainer(
      engine,
      containerId,
      ['sh', '-c', 'sleep 321 & sleep 322; wait'],
      controller.signal,
    );
    const outcome = running.then(
      () => 'finished',
      (error: unknown) => String(error),
    );
    await waitFor(async () => /sleep 322/.test(await commandsIn(containerId)), {
      what: 'the command to be running in the container',
      timeoutMs: 10_000,
    });
    controller.abort();
    expect(await outcome).toBe('Error: The check was cancelled.');
    let seen = '';
    await waitFor(
      async () => {
        seen = await commandsIn(containerId);
        return !/sleep 32[12]/.test(seen);
      },
      { what: () => `the command to stop; still running: ${seen}`, timeoutMs: 10_000 },
    );
    // The container itself runs on.
    expect(await commandsIn(containerId)).toMatch(/sleep 600/);
  });

  it('starts nothing when already cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      execInContainer(engine, containerId, ['sleep', '323'], controller.signal),
    ).rejects.toThrow();
    expect(await commandsIn(containerId)).not.toMatch(/sleep 323/);
  });
});
