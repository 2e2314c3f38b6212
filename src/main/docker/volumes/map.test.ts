import { describe, expect, it } from 'vitest';
import recordedContainers from './fixtures/containers.json';
import recordedUsage from './fixtures/df.json';
import recordedInspect from './fixtures/volume-inspect.json';
import recordedVolumes from './fixtures/volumes.json';
import {
  isLocalEndpoint,
  modeString,
  toFileEntries,
  toVolumeDetail,
  toVolumePrunePreview,
  toVolumeSummaries,
  type RawContainerMounts,
  type RawVolume,
} from './map';

// Recorded from Docker 20.10: a named volume (rec-vol) that a running container (rec-user)
// wrote 17 bytes into, and the anonymous volume of an exited container (rec-anon).
const volumes = recordedVolumes.Volumes as RawVolume[];
const containers = recordedContainers as RawContainerMounts[];
const anonymous = 'ce73021321dfb709c42e9e13217a5ad2f07df71f81dee87aaf920ebb9c94b30b';

describe('volume summaries from the engine', () => {
  const summaries = toVolumeSummaries(volumes, recordedUsage, containers);
  const byName = new Map(summaries.map((summary) => [summary.name, summary]));

  it('keeps name, driver, mountpoint, scope and labels, and the creation time in ms', () => {
    expect(byName.get('rec-vol')).toMatchObject({
      driver: 'local',
      mountpoint: '/var/lib/docker/volumes/rec-vol/_data',
      scope: 'local',
      labels: { 'dev.stowage.test': '1', 'org.example.role': 'recording' },
      created: Date.UTC(2026, 11, 1, 19, 55, 54),
    });
  });

  it('takes the size from the disk usage and names the containers that mount each volume', () => {
    expect(byName.get('rec-vol')).toMatchObject({
      size: 17,
      containers: [{ id: expect.stringMatching(/^bb2395853f64/), name: 'rec-user' }],
    });
    expect(byName.get(anonymous)).toMatchObject({ size: 0, containers: [{ name: 'rec-anon' }] });
  });

  it('has no size when the engine does not know it (-1, or no disk usage at all)', () => {
    const [unknown] = toVolumeSummaries(
      volumes.slice(0, 1),
      { Volumes: [{ ...(volumes[0] as RawVolume), UsageData: { Size: -1, RefCount: -1 } }] },
      [],
    );
    expect(unknown).toMatchObject({ size: null, containers: [] });
    expect(toVolumeSummaries(volumes, {}, [])[0]?.size).toBeNull();
  });

  it('accepts nulls as older engines send them', () => {
    const [summary] = toVolumeSummaries(
      [{ Name: 'v1', Driver: 'local', Mountpoint: '/m', Labels: null, Options: null }],
      { Volumes: null },
      [{ Id: 'c1', Names: null, Mounts: null }],
    );
    expect(summary).toEqual({
      name: 'v1',
      driver: 'local',
      mountpoint: '/m',
      created: 0,
      labels: {},
      scope: 'local',
      size: null,
      containers: [],
    });
  });

  it('gives the inspect answer with its options and raw JSON', () => {
    const detail = toVolumeDetail(recordedInspect as RawVolume, recordedUsage, containers);
    expect(detail).toMatchObject({ name: 'rec-vol', options: {}, size: 17 });
    expect(detail.raw).toBe(recordedInspect);
  });
});

describe('volume prune preview', () => {
  it('lists only volumes no container mounts, largest first, and sums what comes back', () => {
    expect(toVolumePrunePreview(volumes, recordedUsage, containers).volumes).toEqual([]);
    const preview = toVolumePrunePreview(volumes, recordedUsage, []);
    expect(preview.volumes.map((volume) => volume.name)).toEqual(['rec-vol', anonymous]);
    expect(preview.reclaimableBytes).toBe(17);
  });
});

describe('volume files', () => {
  it('prints modes as ls -l does', () => {
    expect(modeString(0o40755)).toBe('drwxr-xr-x');
    expect(modeString(0o100644)).toBe('-rw-r--r--');
    expect(modeString(0o120777)).toBe('lrwxrwxrwx');
    expect(modeString(0o104755)).toBe('-rwsr-xr-x');
    expect(modeString(0o41777)).toBe('drwxrwxrwt');
    expect(modeString(0o102644)).toBe('-rw-r-Sr--');
  });

  it('lists directories first, then by name, with the link text of links', () => {
    const entries = toFileEntries([
      { name: 'b.txt', mode: 0o100644, size: 3, mtimeMs: 1000.4 },
      { name: 'link', mode: 0o120777, size: 11, mtimeMs: 0, linkTarget: '/etc/passwd' },
      { name: 'z', mode: 0o40755, size: 4096, mtimeMs: 0 },
      { name: 'fifo', mode: 0o10644, size: 0, mtimeMs: 0 },
    ]);
    expect(entries.map((entry) => [entry.name, entry.type])).toEqual([
      ['z', 'directory'],
      ['b.txt', 'file'],
      ['fifo', 'other'],
      ['link', 'symlink'],
    ]);
    expect(entries[1]).toEqual({
      name: 'b.txt',
      type: 'file',
      size: 3,
      mode: '-rw-r--r--',
      modified: 1000,
    });
    expect(entries[3]?.linkTarget).toBe('/etc/passwd');
  });
});

describe('local engines', () => {
  it.each([
    ['unix:///var/run/docker.sock', true],
    ['npipe:////./pipe/docker_engine', true],
    ['tcp://127.0.0.1:2375', true],
    ['tcp://localhost:2375', true],
    ['tcp://[::1]:2375', true],
    ['tcp://10.0.0.5:2376', false],
    ['ssh://user@host', false],
    ['tcp://127.0.0.1.example.com:2375', false],
  ])('%s is local: %s', (address, local) => expect(isLocalEndpoint(address)).toBe(local));
});
