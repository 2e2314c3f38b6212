import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { StowageError } from '../../../shared';
import { resolveEndpoint, type EndpointSources } from './endpoint';

function sources(env: Record<string, string>, files: Record<string, string> = {}): EndpointSources {
  return { env, homeDir: '/home/u', platform: 'linux', readFile: (path) => files[path] };
}

function contextMeta(name: string, host: string): Record<string, string> {
  const digest = createHash('sha256').update(name).digest('hex');
  const meta = { Name: name, Endpoints: { docker: { Host: host } } };
  return { [`/home/u/.docker/contexts/meta/${digest}/meta.json`]: JSON.stringify(meta) };
}

describe('resolveEndpoint', () => {
  it('uses the default socket when nothing is configured', () => {
    const { endpoint, options } = resolveEndpoint(sources({}));
    expect(endpoint).toEqual({
      address: 'unix:///var/run/docker.sock',
      source: 'default',
      context: 'default',
    });
    expect(options).toEqual({ socketPath: '/var/run/docker.sock' });
  });

  it('prefers DOCKER_HOST over the current context', () => {
    const files = {
      '/home/u/.docker/config.json': JSON.stringify({ currentContext: 'remote' }),
      ...contextMeta('remote', 'tcp://10.0.0.1:2375'),
    };
    const { endpoint, options } = resolveEndpoint(
      sources({ DOCKER_HOST: 'tcp://127.0.0.1:2375' }, files),
    );
    expect(endpoint.source).toBe('DOCKER_HOST');
    expect(options).toMatchObject({ host: '127.0.0.1', port: 2375, protocol: 'http' });
  });

  it('reads the current context from the docker config', () => {
    const files = {
      '/home/u/.docker/config.json': JSON.stringify({ currentContext: 'podman' }),
      ...contextMeta('podman', 'unix:///run/user/1000/podman/podman.sock'),
    };
    const { endpoint, options } = resolveEndpoint(sources({}, files));
    expect(endpoint).toEqual({
      address: 'unix:///run/user/1000/podman/podman.sock',
      source: 'context',
      context: 'podman',
    });
    expect(options).toEqual({ socketPath: '/run/user/1000/podman/podman.sock' });
  });

  it('lets DOCKER_CONTEXT override the config and honours DOCKER_CONFIG', () => {
    const digest = createHash('sha256').update('other').digest('hex');
    const files = {
      '/cfg/config.json': JSON.stringify({ currentContext: 'ignored' }),
      [`/cfg/contexts/meta/${digest}/meta.json`]: JSON.stringify({
        Endpoints: { docker: { Host: 'tcp://192.0.2.7:2376' } },
      }),
    };
    const { endpoint } = resolveEndpoint(
      sources({ DOCKER_CONFIG: '/cfg', DOCKER_CONTEXT: 'other' }, files),
    );
    expect(endpoint).toMatchObject({ address: 'tcp://192.0.2.7:2376', context: 'other' });
  });

  it('treats the context named "default" as the default socket', () => {
    const files = { '/home/u/.docker/config.json': JSON.stringify({ currentContext: 'default' }) };
    expect(resolveEndpoint(sources({}, files)).endpoint.source).toBe('default');
  });

  it('uses TLS material from DOCKER_CERT_PATH for tcp hosts', () => {
    const files = { '/certs/ca.pem': 'CA', '/certs/cert.pem': 'CERT', '/certs/key.pem': 'KEY' };
    const { options } = resolveEndpoint(
      sources(
        { DOCKER_HOST: 'tcp://example:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' },
        files,
      ),
    );
    expect(options).toMatchObject({ protocol: 'https', ca: 'CA', cert: 'CERT', key: 'KEY' });
  });

  it.each([
    ['not a url', /not a valid docker host/],
    ['ftp://example', /Unsupported docker host/],
  ])('rejects the DOCKER_HOST %j with a clear error', (host, message) => {
    expect(() => resolveEndpoint(sources({ DOCKER_HOST: host }))).toThrow(message);
  });

  it('names a missing context and a corrupt config', () => {
    expect(() => resolveEndpoint(sources({ DOCKER_CONTEXT: 'gone' }))).toThrow(
      /docker context "gone" does not exist/,
    );
    const corrupt = { '/home/u/.docker/config.json': '{ nope' };
    const error = (() => {
      try {
        resolveEndpoint(sources({}, corrupt));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(StowageError);
    expect((error as StowageError).message).toMatch(/config.json is not valid JSON/);
  });
});
