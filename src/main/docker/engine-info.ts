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
  Images?: number;
  Containers?: number;
  ContainersRunning?: number;
  ContainersPaused?: number;
  ContainersStopped?: number;
}

export async function readEngineInfo(docker: Docker, signal: AbortSignal): Promise<EngineInfo> {
  const [version, info, volumes] = await Promise.all([
    signalAware(docker).version({ abortSignal: signal }),
    signalAware(docker).info({ abortSignal: signal }) as Promise<RawInfo>,
    docker.listVolumes({ abortSignal: signal }),
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
    images: info.Images ?? 0,
    containers: {
      total: info.Containers ?? 0,
      running: info.ContainersRunning ?? 0,
      paused: info.ContainersPaused ?? 0,
      stopped: info.ContainersStopped ?? 0,
    },
    volumes: volumes.Volumes?.length ?? 0,
  };
}
