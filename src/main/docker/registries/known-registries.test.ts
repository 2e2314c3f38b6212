import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { knownRegistries } from './known-registries';

describe('registries added in Stowage', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stowage-known-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('keeps every one of quick successive adds, once each, and no temporary file', async () => {
    const known = knownRegistries(dir);
    await Promise.all([
      known.add('localhost:5000'),
      known.add('ghcr.io'),
      known.add('localhost:5000'),
      known.add('quay.io'),
    ]);
    expect(await known.list()).toEqual(['localhost:5000', 'ghcr.io', 'quay.io']);
    await known.remove('ghcr.io');
    expect(await known.list()).toEqual(['localhost:5000', 'quay.io']);
    expect(await readdir(dir)).toEqual(['registries.json']);
    expect(JSON.parse(await readFile(join(dir, 'registries.json'), 'utf8'))).toEqual({
      registries: ['localhost:5000', 'quay.io'],
    });
  });

  it('reads a missing or broken file as empty and drops entries that are no registry', async () => {
    const known = knownRegistries(dir);
    expect(await known.list()).toEqual([]);
    await writeFile(join(dir, 'registries.json'), '{broken');
    expect(await known.list()).toEqual([]);
    await writeFile(
      join(dir, 'registries.json'),
      JSON.stringify({ registries: ['ok.example', 'not a host', 7, 'HTTP://Upper.Example/'] }),
    );
    expect(await known.list()).toEqual(['ok.example', 'upper.example']);
  });
});
