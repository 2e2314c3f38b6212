import { describe, expect, it } from 'vitest';
import { emptyRunSpec } from '../../../shared';
import { call, testBackend } from '../../../../test/support/calls';
import { docker, TEST_LABEL } from '../../../../test/support/docker';

describe('a container’s read-write layer through the services', () => {
  const services = testBackend();

  it('gives the size, mode and link target of what it added, and none for what it removed', async () => {
    const { id } = await call(services, 'containers.run', {
      spec: {
        ...emptyRunSpec,
        image: 'stowage-test/fixture:1.0',
        labels: [{ name: TEST_LABEL, value: '1' }],
        cmd: [
          'sh',
          '-c',
          'head -c 12345 /dev/zero > /made-here && chmod 640 /made-here && ' +
            'ln -s /made-here /pointer && mkdir -p /var/cache/app && rm /bin/ls',
        ],
      },
    });
    // Stopped containers keep their layer, and the engine stats paths in it all the same.
    expect(await docker(['wait', id])).toBe('0');
    const changes = await call(services, 'containers.changes', { container: id });
    const at = (path: string) => changes.find((change) => change.path === path);
    expect(at('/made-here')).toEqual({
      path: '/made-here',
      kind: 'added',
      type: 'file',
      size: 12345,
      mode: 0o640,
    });
    expect(at('/pointer')).toMatchObject({
      kind: 'added',
      type: 'symlink',
      linkTarget: '/made-here',
    });
    expect(at('/var/cache/app')).toMatchObject({ kind: 'added', type: 'dir' });
    expect(at('/bin/ls')).toEqual({ path: '/bin/ls', kind: 'removed' });
    await call(services, 'containers.remove', { container: id, force: true });
  });
});
