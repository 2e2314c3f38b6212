import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registryHandlers } from './handlers';

/**
 * A fake credential helper for this test (docker-credential-fake): `list` names one login,
 * `get` answers it for that registry only, as a keychain-backed store would.
 */
const fakeHelper = `#!/bin/sh
input=$(cat)
case "$1" in
  list) echo '{"https://index.docker.io/v1/":"hubuser","ghcr.io":"octo"}' ;;
  get)
    if [ "$input" = "gcr.io" ]; then echo '{"ServerURL":"gcr.io","Username":"_json_key","Secret":"s"}'
    else echo "credentials not found in native keychain"; exit 1; fi ;;
  *) exit 2 ;;
esac
`;

describe('registries.list', () => {
  let dir: string;
  const context = { signal: new AbortController().signal };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stowage-registry-list-'));
    await mkdir(join(dir, 'docker'));
    await writeFile(join(dir, 'docker-credential-fake'), fakeHelper);
    await chmod(join(dir, 'docker-credential-fake'), 0o755);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const handlers = () =>
    registryHandlers({
      dockerConfigDir: join(dir, 'docker'),
      dataDir: join(dir, 'data'),
      env: { PATH: `${dir}:/usr/bin:/bin` },
    });

  it('joins config.json logins, credential helpers, the store and registries added here', async () => {
    await writeFile(
      join(dir, 'docker', 'config.json'),
      JSON.stringify({
        auths: {
          'localhost:5000': { auth: Buffer.from('ann:secret').toString('base64') },
          'quay.io': {},
        },
        credsStore: 'fake',
        credHelpers: { 'gcr.io': 'fake', 'localhost:5000': '' },
      }),
    );
    const registries = handlers();
    await registries['registries.add']({ registry: 'registry.example:8443' }, context);
    const list = await registries['registries.list']({}, context);
    expect(list).toEqual([
      {
        registry: 'docker.io',
        signedIn: true,
        username: 'hubuser',
        credentialStore: 'docker-credential-fake',
        fromDocker: true,
        addedInStowage: false,
      },
      {
        registry: 'gcr.io',
        signedIn: true,
        username: '_json_key',
        credentialStore: 'docker-credential-fake',
        fromDocker: true,
        addedInStowage: false,
      },
      {
        registry: 'ghcr.io',
        signedIn: true,
        username: 'octo',
        credentialStore: 'docker-credential-fake',
        fromDocker: true,
        addedInStowage: false,
      },
      // An empty credHelpers entry falls back to the store, which has no login for it.
      {
        registry: 'localhost:5000',
        signedIn: false,
        credentialStore: 'docker-credential-fake',
        fromDocker: true,
        addedInStowage: false,
      },
      {
        registry: 'quay.io',
        signedIn: false,
        credentialStore: 'docker-credential-fake',
        fromDocker: true,
        addedInStowage: false,
      },
      {
        registry: 'registry.example:8443',
        signedIn: false,
        credentialStore: 'docker-credential-fake',
        fromDocker: false,
        addedInStowage: true,
      },
    ]);
    expect(JSON.stringify(list)).not.toContain('secret');
  });

  it('reads config.json logins without a helper, and says when the store cannot be read', async () => {
    await writeFile(
      join(dir, 'docker', 'config.json'),
      JSON.stringify({
        auths: { 'localhost:5000': { auth: Buffer.from('ann:pw').toString('base64') } },
      }),
    );
    expect(await handlers()['registries.list']({}, context)).toEqual([
      {
        registry: 'localhost:5000',
        signedIn: true,
        username: 'ann',
        credentialStore: 'config.json',
        fromDocker: true,
        addedInStowage: false,
      },
    ]);

    await writeFile(
      join(dir, 'docker', 'config.json'),
      JSON.stringify({ auths: { 'ghcr.io': {} }, credsStore: 'absent' }),
    );
    const [entry] = await handlers()['registries.list']({}, context);
    expect(entry).toMatchObject({
      registry: 'ghcr.io',
      signedIn: false,
      problem: expect.stringContaining('docker-credential-absent') as string,
    });
  });
});
