import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock';
import { engineSettingsPath, loadEngineChoice, saveEngineChoice } from './settings';

describe('engine settings file', () => {
  let dataDir: string;
  let path: string;
  const clock = new ManualClock(1_700_000_000_000);

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'stowage-settings-'));
    path = engineSettingsPath(dataDir);
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('has no choice before one is saved', () => {
    expect(loadEngineChoice(path, clock)).toEqual({ choice: undefined });
  });

  it('reads back what it wrote, replacing the previous choice, with no temporary file left', () => {
    saveEngineChoice(path, { context: 'podman' });
    expect(loadEngineChoice(path, clock)).toEqual({ choice: { context: 'podman' } });
    saveEngineChoice(path, { host: 'tcp://127.0.0.1:2375' });
    expect(loadEngineChoice(path, clock)).toEqual({ choice: { host: 'tcp://127.0.0.1:2375' } });
    expect(readdirSync(dataDir)).toEqual(['engine.json']);
  });

  it('creates the data directory when it is missing', () => {
    const nested = engineSettingsPath(join(dataDir, 'a', 'b'));
    saveEngineChoice(nested, { context: 'default' });
    expect(loadEngineChoice(nested, clock).choice).toEqual({ context: 'default' });
  });

  it.each([
    ['not JSON', '{ "version": 1, ', /is not valid JSON/],
    ['the wrong shape', JSON.stringify({ version: 1, engine: { context: 3 } }), /expected shape/],
    [
      'a future version',
      JSON.stringify({ version: 2, engine: { context: 'x' } }),
      /expected shape/,
    ],
  ])('moves a file that is %s aside with a notice, keeping its text', (_what, text, reason) => {
    writeFileSync(path, text);
    const loaded = loadEngineChoice(path, clock);
    expect(loaded.choice).toBeUndefined();
    expect(loaded.notice).toMatch(reason);
    const aside = `${path}.corrupt-${clock.now()}`;
    expect(loaded.notice).toContain(aside);
    expect(readFileSync(aside, 'utf8')).toBe(text);
    expect(readdirSync(dataDir)).toEqual([`engine.json.corrupt-${clock.now()}`]);
    expect(loadEngineChoice(path, clock)).toEqual({ choice: undefined });
  });

  it('refuses to write a choice outside the schema', () => {
    expect(() => saveEngineChoice(path, { context: '' })).toThrow();
    expect(readdirSync(dataDir)).toEqual([]);
  });
});
