import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { credentialStore, registryAuthFor } from './credential-store';

/**
 * A fake credential helper for these tests: a shell script named docker-credential-fake that
 * speaks the helper protocol (get/store/erase/list on stdin and stdout) and keeps what it is
 * given in a JSON file beside it, so the test can see what was stored.
 */
const fakeHelper = `#!/bin/sh
dir=$(dirname "$0")
input=$(cat)
printf '%s\\n' "$1 $input" >> "$dir/calls.log"
case "$1" in
  store) printf '%s' "$input" > "$dir/stored.json" ;;
  get)
    if grep -qF "\\"ServerURL\\":\\"$input\\"" "$dir/stored.json" 2>/dev/null; then cat "$dir/stored.json"
    else echo "credentials not found in native keychain"; exit 1; fi ;;
  erase) rm -f "$dir/stored.json" ;;
  list)
    if [ -f "$dir/stored.json" ]; then echo '{"localhost:5000":"ann"}'; else echo '{}'; fi ;;
  *) echo "unknown action $1" >&2; exit 2 ;;
esac
`;

describe('credential store', () => {
  let dir: string;
  let configDir: string;
  let env: NodeJS.ProcessEnv;
  const signal = new AbortController().signal;
  const config = () => readFile(join(configDir, 'config.json'), 'utf8');

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stowage-credentials-'));
    configDir = join(dir, 'docker');
    await writeFile(join(dir, 'docker-credential-fake'), fakeHelper);
    await chmod(join(dir, 'docker-credential-fake'), 0o755);
    env = { PATH: `${dir}:/usr/bin:/bin` };
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes config.json without a helper, owner-only, and erases the login again', async () => {
    const store = credentialStore({ configDir, env });
    await store.store('localhost:5000', { username: 'ann', password: 'pw' }, signal);
    expect(JSON.parse(await config())).toEqual({
      auths: { 'localhost:5000': { auth: Buffer.from('ann:pw').toString('base64') } },
    });
    expect((await stat(join(configDir, 'config.json'))).mode & 0o777).toBe(0o600);
    expect(await store.get('localhost:5000', signal)).toEqual({ username: 'ann', password: 'pw' });
    await store.erase('localhost:5000', signal);
    expect(JSON.parse(await config())).toEqual({ auths: {} });
    expect(await store.get('localhost:5000', signal)).toBeUndefined();
  });

  it('keeps the secret in the configured helper, and only an empty entry in the file', async () => {
    await mkdir(configDir, { recursive: true });
    await writeFile(
      join(configDir, 'config.json'),
      JSON.stringify({ credsStore: 'fake', currentContext: 'default' }),
    );
    const store = credentialStore({ configDir, env });
    await store.store('localhost:5000', { username: 'ann', password: 's3cret' }, signal);

    expect(JSON.parse(await readFile(join(dir, 'stored.json'), 'utf8'))).toEqual({
      ServerURL: 'localhost:5000',
      Username: 'ann',
      Secret: 's3cret',
    });
    const written = await config();
    expect(written).not.toContain('s3cret');
    expect(JSON.parse(written)).toEqual({
      credsStore: 'fake',
      currentContext: 'default',
      auths: { 'localhost:5000': {} },
    });
    expect(await store.get('localhost:5000', signal)).toEqual({
      username: 'ann',
      password: 's3cret',
    });
    expect(await store.listInStore(JSON.parse(written), signal)).toEqual(
      new Map([['localhost:5000', 'ann']]),
    );

    // What a pull or push of an image of that registry sends the engine.
    expect(await registryAuthFor(store, 'localhost:5000/team/app:1', signal)).toEqual({
      username: 'ann',
      password: 's3cret',
      serveraddress: 'localhost:5000',
    });
    expect(await registryAuthFor(store, 'busybox', signal)).toBeUndefined();

    await store.erase('localhost:5000', signal);
    expect(await store.get('localhost:5000', signal)).toBeUndefined();
    expect(JSON.parse(await config()).auths).toEqual({});
    const calls = await readFile(join(dir, 'calls.log'), 'utf8');
    expect(calls).toContain('erase localhost:5000');
  });

  it('names a helper that is not on the PATH, and refuses a broken config.json', async () => {
    await mkdir(configDir, { recursive: true });
    await writeFile(join(configDir, 'config.json'), JSON.stringify({ credsStore: 'absent' }));
    const store = credentialStore({ configDir, env });
    await expect(
      store.store('localhost:5000', { username: 'a', password: 'b' }, signal),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: /docker-credential-absent/ });

    await writeFile(join(configDir, 'config.json'), '{broken');
    await expect(store.erase('localhost:5000', signal)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect(await readFile(join(configDir, 'config.json'), 'utf8')).toBe('{broken');
  });
});
