import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, openStream, testBackend } from '../../../../test/support/calls';
import { docker, TEST_LABEL } from '../../../../test/support/docker';
import type { AppBackend } from '../../composition';

/** A build context on the fixture image, which already has busybox and the test label. */
async function contextFolder(files: Record<string, string>): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'stowage-build-'));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(folder, path, '..'), { recursive: true });
    await writeFile(join(folder, path), content);
  }
  return folder;
}

describe('images.build against the real engine', () => {
  let services: AppBackend;
  const folders: string[] = [];
  const folder = async (files: Record<string, string>) => {
    const made = await contextFolder(files);
    folders.push(made);
    return made;
  };

  beforeAll(() => {
    services = testBackend();
  });

  afterAll(async () => {
    await Promise.all(folders.map((made) => rm(made, { recursive: true, force: true })));
  });

  it('builds a folder with its build args and .dockerignore, reporting each step', async () => {
    const context = await folder({
      'build/Containerfile': [
        'FROM stowage-test/fixture:1.0',
        'ARG GREETING',
        'COPY . /ctx',
        'RUN ["/bin/sh","-c","echo \\"$GREETING\\" > /greeting && find /ctx | sort > /listing"]',
      ].join('\n'),
      '.dockerignore': 'secret.txt\nlogs/\n!logs/keep.log\n',
      'app.txt': 'app',
      'secret.txt': 'do not send',
      'logs/noise.log': 'noise',
      'logs/keep.log': 'keep',
    });
    const tag = 'stowage-test/built:1';
    const build = openStream(services, 'images.build', {
      context,
      dockerfile: 'build/Containerfile',
      tags: [tag],
      buildArgs: { GREETING: 'hello from a build arg' },
    });
    const result = await build.end;
    expect(result).toEqual({ id: expect.stringMatching(/^sha256:[a-f0-9]{64}$/), tags: [tag] });
    const steps = build.items.filter((item) => item.kind === 'step');
    expect(steps.map((step) => [step.step, step.total])).toEqual([
      [1, 4],
      [2, 4],
      [3, 4],
      [4, 4],
    ]);
    expect(steps[2]).toMatchObject({ instruction: 'COPY . /ctx' });

    const read = (path: string) =>
      docker(['run', '--rm', '--label', `${TEST_LABEL}=1`, tag, 'cat', path]);
    expect((await read('/greeting')).trim()).toBe('hello from a build arg');
    const listing = (await read('/listing')).split('\n');
    expect(listing).toEqual(expect.arrayContaining(['/ctx/app.txt', '/ctx/logs/keep.log']));
    expect(listing).not.toContain('/ctx/secret.txt');
    expect(listing).not.toContain('/ctx/logs/noise.log');
    const listed = await call(services, 'images.list', {});
    expect(listed.find((image) => image.id === result.id)?.repoTags).toEqual([tag]);
  });

  it('fails with the step that failed, and names a missing folder or Dockerfile', async () => {
    const failing = await folder({
      Dockerfile: 'FROM stowage-test/fixture:1.0\nRUN ["/bin/sh","-c","echo broken >&2; exit 3"]\n',
    });
    const failed = openStream(services, 'images.build', { context: failing });
    await expect(failed.end).rejects.toMatchObject({
      code: 'OPERATION_FAILED',
      message: expect.stringMatching(/returned a non-zero code: 3/),
    });
    expect(failed.items.some((item) => item.kind === 'log' && item.text === 'broken')).toBe(true);

    await expect(
      openStream(services, 'images.build', { context: join(failing, 'absent') }).end,
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/No folder/) });
    await expect(
      openStream(services, 'images.build', { context: failing, dockerfile: 'Other' }).end,
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/No Dockerfile/) });
    await expect(
      openStream(services, 'images.build', { context: 'relative/path' }).end,
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(
      openStream(services, 'images.build', { context: failing, dockerfile: '../Dockerfile' }).end,
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('stops a build that is cancelled', async () => {
    const slow = await folder({
      Dockerfile: 'FROM stowage-test/fixture:1.0\nRUN ["/bin/sh","-c","echo started; sleep 30"]\n',
    });
    const build = openStream(services, 'images.build', { context: slow, noCache: true });
    await expect
      .poll(() => build.items.some((item) => item.kind === 'log' && item.text === 'started'), {
        timeout: 20_000,
      })
      .toBe(true);
    const cancelledAt = Date.now();
    build.cancel();
    await expect(build.end).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(Date.now() - cancelledAt).toBeLessThan(5_000);
  });
});
