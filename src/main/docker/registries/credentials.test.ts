import { describe, expect, it } from 'vitest';
import { credentialsFor, registryOf } from './credentials';

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

  it('reads the stored login of that registry', () => {
    expect(credentialsFor('localhost:5000/app:1', config)).toEqual({
      username: 'alice',
      password: 's3cr:et',
      serveraddress: 'localhost:5000',
    });
    expect(credentialsFor('busybox', config)).toMatchObject({ username: 'bob' });
  });

  it('has none for unknown registries, malformed entries or a broken file', () => {
    expect(credentialsFor('ghcr.io/app', config)).toBeUndefined();
    expect(credentialsFor('broken.example/app', config)).toBeUndefined();
    expect(credentialsFor('localhost:5000/app', '{not json')).toBeUndefined();
    expect(credentialsFor('localhost:5000/app', undefined)).toBeUndefined();
  });
});
