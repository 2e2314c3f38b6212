import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { atomicWriteFile } from './index';
import { filesIn, tempDirs } from './fixtures/counters';

const dirs = tempDirs();
afterEach(() => dirs.removeAll());

describe('atomicWriteFile', () => {
  it('creates and then replaces a file whole, leaving no temporary file', async () => {
    const dir = dirs.make();
    const path = join(dir, 'settings.json');
    await atomicWriteFile(path, '{"theme":"dark"}');
    expect(await readFile(path, 'utf8')).toBe('{"theme":"dark"}');
    await atomicWriteFile(path, Buffer.from('{"theme":"light"}'));
    expect(await readFile(path, 'utf8')).toBe('{"theme":"light"}');
    expect(filesIn(dir)).toEqual(['settings.json']);
  });

  it('keeps the old file and cleans up when the new one cannot be written', async () => {
    const dir = dirs.make();
    const path = join(dir, 'settings.json');
    await writeFile(path, 'old');
    const notAFolder = join(dir, 'settings.json', 'inner.json');
    await expect(atomicWriteFile(notAFolder, 'new')).rejects.toThrow();
    expect(await readFile(path, 'utf8')).toBe('old');
    expect(filesIn(dir)).toEqual(['settings.json']);
  });
});
