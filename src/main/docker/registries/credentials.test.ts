import { describe, expect, it } from 'vitest';
import {
  configWithLogin,
  configWithoutLogin,
  credentialStoreOf,
  fileLoginOf,
  parseDockerConfig,
  registryOf,
} from './credentials';

const config = JSON.stringify({
  auths: {
    'localhost:5000': { auth: Buffer.from('alice:s3cr:et').toString('base64') },
    'https://index.docker.io/v1/': { auth: Buffer.from('bob:pw').toString('base64') },
    'broken.example': { auth: Buffer.from('no-colon').toString('base64') },
  },
});

describe('registry credentials', () => {
  it('finds the registry of a reference as the docker CLI does', () => {
    expect(registryOf('busybox')).toBe('https://index.docker.io/v1/');
    expect(registryOf('library/busybox')).toBe('https://index.docker.io/v1/');
    expect(registryOf('localhost:5000/app')).toBe('localhost:5000');
    expect(registryOf('ghcr.io/org/app:1')).toBe('ghcr.io');
    expect(registryOf('localhost/app')).toBe('localhost');
  });

  it('reads the login config.json keeps for the registry of a reference', () => {
    const parsed = parseDockerConfig(config);
    expect(fileLoginOf(parsed, registryOf('localhost:5000/app:1'))).toEqual({
      username: 'alice',
      password: 's3cr:et',
    });
    expect(fileLoginOf(parsed, registryOf('busybox'))).toMatchObject({ username: 'bob' });
  });

  it('has none for unknown registries or malformed entries, and a broken file throws', () => {
    const parsed = parseDockerConfig(config);
    expect(fileLoginOf(parsed, 'ghcr.io')).toBeUndefined();
    expect(fileLoginOf(parsed, 'broken.example')).toBeUndefined();
    expect(() => parseDockerConfig('{not json')).toThrow();
    expect(parseDockerConfig(undefined)).toEqual({});
  });
});

describe('config.json editing as docker login and logout do', () => {
  const original = {
    auths: { 'ghcr.io': { auth: 'eDp5' } },
    currentContext: 'colima',
    proxies: { default: { httpProxy: 'http://proxy:3128' } },
    credHelpers: { 'gcr.io': 'gcloud' },
  };

  it('adds a login as base64 user:password and keeps every other key', () => {
    const text = configWithLogin(original, 'localhost:5000', { username: 'ann', password: 'p:w' });
    const written = JSON.parse(text) as typeof original & {
      auths: Record<string, { auth?: unknown }>;
    };
    expect(written.auths['localhost:5000']).toEqual({
      auth: Buffer.from('ann:p:w').toString('base64'),
    });
    expect(written.auths['ghcr.io']).toEqual({ auth: 'eDp5' });
    expect(written.currentContext).toBe('colima');
    expect(written.proxies).toEqual(original.proxies);
    expect(written.credHelpers).toEqual(original.credHelpers);
    expect(fileLoginOf(written, 'localhost:5000')).toEqual({ username: 'ann', password: 'p:w' });
    // Tab-indented, as the docker CLI writes it.
    expect(text).toMatch(/^\{\n\t"auths"/);
  });

  it('files Docker Hub under the v1 index URL and replaces an existing entry', () => {
    const hub = JSON.parse(
      configWithLogin({}, 'docker.io', { username: 'bob', password: 'x' }),
    ) as { auths: Record<string, { auth?: unknown }> };
    expect(Object.keys(hub.auths)).toEqual(['https://index.docker.io/v1/']);
    const again = JSON.parse(
      configWithLogin(hub, 'docker.io', { username: 'carol', password: 'y' }),
    ) as { auths: Record<string, { auth?: unknown }> };
    expect(Object.keys(again.auths)).toEqual(['https://index.docker.io/v1/']);
    expect(fileLoginOf(again, 'docker.io')?.username).toBe('carol');
  });

  it('leaves an empty entry when a helper keeps the secret', () => {
    const written = JSON.parse(configWithLogin(original, 'gcr.io', 'in-helper')) as {
      auths: Record<string, unknown>;
    };
    expect(written.auths['gcr.io']).toEqual({});
  });

  it('removes only the registry signed out of', () => {
    const written = JSON.parse(configWithoutLogin(original, 'ghcr.io')) as typeof original;
    expect(written.auths).toEqual({});
    expect(written.currentContext).toBe('colima');
    expect(JSON.parse(configWithoutLogin(original, 'absent.example'))).toEqual(original);
  });

  it('finds the store a registry uses: its own helper, the credsStore, else the file', () => {
    const config = { credsStore: 'desktop', credHelpers: { 'gcr.io': 'gcloud' } };
    expect(credentialStoreOf(config, 'gcr.io')).toEqual({ kind: 'helper', name: 'gcloud' });
    expect(credentialStoreOf(config, 'ghcr.io')).toEqual({ kind: 'helper', name: 'desktop' });
    expect(credentialStoreOf({}, 'ghcr.io')).toEqual({ kind: 'file' });
    // A name that could leave the helper's program name is not run.
    expect(credentialStoreOf({ credsStore: '../../bin/sh' }, 'x')).toEqual({ kind: 'file' });
  });

  it('reads an absent file as empty and refuses a broken one', () => {
    expect(parseDockerConfig(undefined)).toEqual({});
    expect(parseDockerConfig('  ')).toEqual({});
    expect(() => parseDockerConfig('{oops')).toThrow();
    expect(() => parseDockerConfig('[1]')).toThrow();
  });
});
