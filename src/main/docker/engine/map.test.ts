import { describe, expect, it } from 'vitest';
import { engineInfoSchema } from '../../../shared';
import info from './fixtures/info.json';
import version from './fixtures/version.json';
import { toEngineInfo } from './map';

// Recorded from Docker 20.10 on Debian 12 (`GET /version`, `GET /info`, trimmed).
describe('engine info from the engine', () => {
  it('maps the recorded answers to the contract shape', () => {
    const mapped = toEngineInfo({ version, info, volumeCount: 3, imageCount: 7 });
    expect(engineInfoSchema.parse(mapped)).toEqual(mapped);
    expect(mapped).toMatchObject({
      version: version.Version,
      apiVersion: version.ApiVersion,
      os: info.OperatingSystem,
      osType: 'linux',
      architecture: info.Architecture,
      storageDriver: info.Driver,
      cpus: info.NCPU,
      memoryBytes: info.MemTotal,
      volumes: 3,
    });
  });

  it('counts the listed images, not the engine figure that includes build intermediates', () => {
    const withIntermediates = { ...info, Images: 40 };
    const mapped = toEngineInfo({
      version,
      info: withIntermediates,
      volumeCount: 0,
      imageCount: 7,
    });
    expect(mapped.images).toBe(7);
  });

  it('falls back to /version and zeros when /info leaves fields out', () => {
    const mapped = toEngineInfo({ version, info: {}, volumeCount: 0, imageCount: 0 });
    expect(mapped).toMatchObject({
      os: version.Os,
      architecture: version.Arch,
      kernelVersion: version.KernelVersion,
      cpus: 0,
      containers: { total: 0, running: 0, paused: 0, stopped: 0 },
    });
  });
});
