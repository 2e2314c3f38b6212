import Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../lib/clock';
import { openDockerRuntime } from './docker-probe';

describe('openDockerRuntime', () => {
  it('says why when no engine answers, and makes no runtime', async () => {
    // Port 1 of loopback: nothing listens, so the ping is refused at once.
    const docker = new Docker({ host: '127.0.0.1', port: 1, protocol: 'http' });
    const probe = await openDockerRuntime({ engine: { docker: () => docker }, clock: systemClock });
    expect(probe).not.toHaveProperty('runtime');
    expect('unavailable' in probe && probe.unavailable).toMatch(/\S/);
  });

  it('says why when the engine connection cannot make a client', async () => {
    const probe = await openDockerRuntime({
      engine: {
        docker: () => {
          throw new Error('DOCKER_HOST=ftp://nowhere is not an address Docker can use');
        },
      },
      clock: systemClock,
    });
    expect(probe).toEqual({
      unavailable: 'DOCKER_HOST=ftp://nowhere is not an address Docker can use',
    });
  });
});
