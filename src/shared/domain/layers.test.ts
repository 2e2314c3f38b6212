import { describe, expect, it } from 'vitest';
import { modeString } from './layers';

describe('modeString', () => {
  it('spells permission bits the way ls does', () => {
    expect(modeString('dir', 0o755)).toBe('drwxr-xr-x');
    expect(modeString('file', 0o644)).toBe('-rw-r--r--');
    expect(modeString('symlink', 0o777)).toBe('lrwxrwxrwx');
    expect(modeString('char', 0o600)).toBe('crw-------');
  });

  it('shows setuid, setgid and sticky, upper case when the execute bit is off', () => {
    expect(modeString('file', 0o4755)).toBe('-rwsr-xr-x');
    expect(modeString('file', 0o2644)).toBe('-rw-r-Sr--');
    expect(modeString('dir', 0o1777)).toBe('drwxrwxrwt');
    expect(modeString('dir', 0o1776)).toBe('drwxrwxrwT');
  });
});
