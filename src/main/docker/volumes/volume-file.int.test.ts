import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, callEnvelope, testBackend } from '../../../../test/support/calls';
import { docker, TEST_LABEL } from '../../../../test/support/docker';
import type { AppBackend } from '../../composition';

const label = { [TEST_LABEL]: '1' };
const unique = (prefix: string) => `stowage-test-${prefix}-${Date.now().toString(36)}`;
const text = (base64: string) => Buffer.from(base64, 'base64').toString('utf8');

describe('reading one file of a volume against the real engine', () => {
  let services: AppBackend;

  beforeAll(() => {
    services = testBackend();
  });

  afterAll(() => services.stop());

  it('reads a file whole or its first bytes, and never follows a link', async () => {
    const name = unique('file');
    await call(services, 'volumes.create', { name, labels: label });
    await docker([
      'run',
      '--rm',
      '--label',
      `${TEST_LABEL}=1`,
      '-v',
      `${name}:/data`,
      'stowage-test/fixture:1.0',
      'sh',
      '-c',
      [
        'mkdir -p /data/logs',
        'printf "hello\\nworld\\n" > /data/logs/app.log',
        'ln -s /etc/passwd /data/passwd',
        'ln -s logs /data/inside',
      ].join(' && '),
    ]);

    const whole = await call(services, 'volumes.readFile', {
      name,
      path: '/logs/app.log',
      limit: 1024,
    });
    if (!whole.readable) throw new Error(`the volume should be readable here: ${whole.reason}`);
    expect(whole).toMatchObject({ path: '/logs/app.log', size: 12, truncated: false });
    expect(text(whole.base64)).toBe('hello\nworld\n');

    const head = await call(services, 'volumes.readFile', {
      name,
      path: '/logs/app.log',
      limit: 5,
    });
    expect(head).toMatchObject({ readable: true, size: 12, truncated: true });
    expect(head.readable && text(head.base64)).toBe('hello');

    for (const path of ['/passwd', '/inside/app.log']) {
      expect(
        await callEnvelope(services, 'volumes.readFile', { name, path, limit: 1024 }),
      ).toMatchObject({
        error: { code: 'INVALID_INPUT', message: expect.stringMatching(/symbolic link/) },
      });
    }
    expect(
      await callEnvelope(services, 'volumes.readFile', { name, path: '/logs', limit: 1024 }),
    ).toMatchObject({
      error: { code: 'INVALID_INPUT', message: expect.stringMatching(/not a regular file/) },
    });
    expect(
      await callEnvelope(services, 'volumes.readFile', { name, path: '/nope', limit: 1024 }),
    ).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect(
      await callEnvelope(services, 'volumes.readFile', {
        name,
        path: '/../../../etc/passwd',
        limit: 1024,
      }),
    ).toMatchObject({ error: { code: 'INVALID_INPUT' } });
  });
});
