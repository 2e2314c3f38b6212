import type Docker from 'dockerode';
import type { EngineInfo } from '../../shared';
import { signalAware } from './signal-aware';

interface RawInfo {
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
}

export async function readEngineInfo(docker: Docker, signal: AbortSignal): Promise<EngineInfo> {
  // The engine's own image count includes the intermediate images of the legacy builder;
  // count what the Images page lists instead, so the two pages agree.
  const [version, info, volumes, images] = await Promise.all([
    signalAware(docker).version({ abortSignal: signal }),
    signalAware(docker).info({ abortSignal: signal }) as Promise<RawInfo>,
    docker.listVolumes({ abortSignal: signal }),
    docker.listImages({ all: false, abortSignal: signal }),
  ]);
  return {
    version: version.Version,
    apiVersion: version.ApiVersion,
    os: info.OperatingSystem ?? version.Os,
    osType: info.OSType ?? version.Os,
    architecture: info.Architecture ?? version.Arch,
    kernelVersion: info.KernelVersion ?? version.KernelVersion ?? '',
    storageDriver: info.Driver ?? '',
    cpus: info.NCPU ?? 0,
    memoryBytes: info.MemTotal ?? 0,
    name: info.Name ?? '',
    images: images.length,
    containers: {
      total: info.Containers ?? 0,
      running: info.ContainersRunning ?? 0,
      paused: info.ContainersPaused ?? 0,
      stopped: info.ContainersStopped ?? 0,
    },
    volumes: volumes.Volumes?.length ?? 0,
  };
}
