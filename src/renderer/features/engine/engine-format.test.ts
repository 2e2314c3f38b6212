import { describe, expect, it } from 'vitest';
import { describeEndpoint, engineName, formatMemory, retryText } from './engine-format';

describe('formatMemory', () => {
  it('uses powers of 1024 like docker info', () => {
    expect(formatMemory(512)).toBe('512 B');
    expect(formatMemory(2048)).toBe('2 KiB');
    expect(formatMemory(25_179_123_712)).toBe('23.45 GiB');
    expect(formatMemory(8 * 1024 ** 3)).toBe('8 GiB');
  });

  it('tolerates nonsense', () => {
    expect(formatMemory(-5)).toBe('—');
  });
});

describe('retryText', () => {
  it('counts whole seconds up to the next attempt', () => {
    expect(retryText(1000, 4200)).toBe('retrying in 4 s');
    expect(retryText(1000, 2000)).toBe('retrying in 1 s');
  });

  it('says now once the attempt is due, and nothing without one', () => {
    expect(retryText(5000, 4000)).toBe('retrying now');
    expect(retryText(5000, undefined)).toBeUndefined();
  });
});

describe('describeEndpoint', () => {
  it('says where the address came from', () => {
    expect(describeEndpoint({ address: 'unix:///var/run/docker.sock', source: 'default' })).toBe(
      'unix:///var/run/docker.sock (default socket)',
    );
    expect(
      describeEndpoint({ address: 'tcp://10.0.0.2:2375', source: 'context', context: 'remote' }),
    ).toBe('tcp://10.0.0.2:2375 (docker context “remote”)');
  });
});

describe('engineName', () => {
  it('names the context, DOCKER_HOST, or the address chosen', () => {
    expect(engineName({ address: 'tcp://h:2375', source: 'context', context: 'remote' })).toBe(
      'remote',
    );
    expect(
      engineName({ address: 'unix:///var/run/docker.sock', source: 'default', context: 'default' }),
    ).toBe('default');
    expect(engineName({ address: 'tcp://127.0.0.1:1', source: 'DOCKER_HOST' })).toBe('DOCKER_HOST');
    expect(engineName({ address: 'unix:///run/podman/podman.sock', source: 'address' })).toBe(
      'unix:///run/podman/podman.sock',
    );
  });

  it('describes an address chosen by itself', () => {
    expect(describeEndpoint({ address: 'unix:///run/podman.sock', source: 'address' })).toBe(
      'unix:///run/podman.sock (chosen by address)',
    );
  });
});
