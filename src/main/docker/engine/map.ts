import type { EngineInfo } from '../../../shared';

/** The parts of `GET /version` and `GET /info` that the Engine page uses. */
export interface RawEngineFacts {
  version: {
    Version: string;
    ApiVersion: string;
    Os?: string;
    Arch?: string;
    KernelVersion?: string;
  };
  info: {
    Name?: string;
    OperatingSystem?: string;
    OSType?: string;
    Architecture?: string;
    KernelVersion?: string;
    Driver?: string;
    NCPU?: number;
    MemTotal?: number;
    Containers?: number;
    ContainersRunning?: number;
    ContainersPaused?: number;
    ContainersStopped?: number;
  };
  volumeCount: number;
  /**
   * The top-level images, as the Images page lists them: the engine's own image count also
   * includes the intermediate images of the legacy builder.
   */
  imageCount: number;
}

export function toEngineInfo({
  version,
  info,
  volumeCount,
  imageCount,
}: RawEngineFacts): EngineInfo {
  return {
    version: version.Version,
    apiVersion: version.ApiVersion,
    os: info.OperatingSystem ?? version.Os ?? '',
    osType: info.OSType ?? version.Os ?? '',
    architecture: info.Architecture ?? version.Arch ?? '',
    kernelVersion: info.KernelVersion ?? version.KernelVersion ?? '',
    storageDriver: info.Driver ?? '',
    cpus: info.NCPU ?? 0,
    memoryBytes: info.MemTotal ?? 0,
    name: info.Name ?? '',
    images: imageCount,
    containers: {
      total: info.Containers ?? 0,
      running: info.ContainersRunning ?? 0,
      paused: info.ContainersPaused ?? 0,
      stopped: info.ContainersStopped ?? 0,
    },
    volumes: volumeCount,
  };
}
