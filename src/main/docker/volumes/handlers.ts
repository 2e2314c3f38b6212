import { StowageError, volumePathParts } from '../../../shared';
import type { volumesContract } from '../../../shared/contract/volumes';
import type { DomainHandlers } from '../../rpc/handlers';
import type { EngineConnection } from '../connection/engine';
import {
  createVolume,
  fetchContainerMounts,
  fetchDiskUsage,
  fetchVolumeDrivers,
  fetchVolumes,
  inspectVolume,
  removeContainer,
  removeVolume,
} from './api';
import { readVolumeDirectory, readVolumeFile } from './files';
import {
  isLocalEndpoint,
  toVolumeDetail,
  toVolumePrunePreview,
  toVolumeSummaries,
  volumeUsers,
} from './map';

const noUsage = { Volumes: [] };

export function volumeHandlers(engine: EngineConnection): DomainHandlers<typeof volumesContract> {
  /** Inspect and the containers using the volume; sizes only when asked (df is slow). */
  const detailOf = async (name: string, signal: AbortSignal, withSize: boolean) => {
    const docker = engine.docker();
    const [volume, containers, usage] = await Promise.all([
      inspectVolume(docker, name, signal),
      fetchContainerMounts(docker, signal),
      withSize ? fetchDiskUsage(docker, signal) : Promise.resolve(noUsage),
    ]);
    return toVolumeDetail(volume, usage, containers);
  };

  return {
    'volumes.list': async (_input, { signal }) => {
      const { volumes, usage, containers } = await fetchVolumes(engine.docker(), signal);
      return toVolumeSummaries(volumes, usage, containers);
    },

    'volumes.inspect': ({ name }, { signal }) => detailOf(name, signal, true),

    'volumes.create': async ({ name, driver, labels }, { signal }) => {
      const docker = engine.docker();
      // The engine answers an existing name with that volume: say so instead.
      const existing = await inspectVolume(docker, name, signal).catch(() => undefined);
      if (existing) throw new StowageError('CONFLICT', `A volume named ${name} exists already.`);
      // The engine waits a long while for a plugin it does not have: refuse one at once.
      const chosen = driver ?? 'local';
      const drivers = await fetchVolumeDrivers(docker, signal);
      if (!drivers.includes(chosen)) {
        throw new StowageError(
          'INVALID_INPUT',
          `This engine has no volume driver ${chosen}; it has ${drivers.join(', ') || 'none'}.`,
        );
      }
      await createVolume(docker, { name, driver: chosen, labels: labels ?? {} }, signal);
      return detailOf(name, signal, false);
    },

    'volumes.remove': async ({ name, force }, { signal }) => {
      const docker = engine.docker();
      await inspectVolume(docker, name, signal);
      const users = volumeUsers(await fetchContainerMounts(docker, signal)).get(name) ?? [];
      if (users.length > 0 && !force) {
        throw new StowageError(
          'CONFLICT',
          `The volume ${name} is in use by ${users.map((user) => user.name).join(', ')}.`,
          { containers: users },
        );
      }
      for (const user of users) await removeContainer(docker, user.id, signal);
      await removeVolume(docker, name, signal);
      return { name, removedContainers: users.map((user) => user.name) };
    },

    'volumes.prunePreview': async (_input, { signal }) => {
      const { volumes, usage, containers } = await fetchVolumes(engine.docker(), signal);
      return toVolumePrunePreview(volumes, usage, containers);
    },

    'volumes.prune': async ({ names }, { signal }) => {
      const docker = engine.docker();
      const { volumes, containers } = await fetchVolumes(docker, signal);
      const present = new Set(volumes.map((volume) => volume.Name));
      const users = volumeUsers(containers);
      const removed: string[] = [];
      const kept: { name: string; reason: string }[] = [];
      for (const name of names) {
        if (!present.has(name)) {
          kept.push({ name, reason: 'It is already gone.' });
          continue;
        }
        const using = users.get(name) ?? [];
        if (using.length > 0) {
          kept.push({ name, reason: `In use now by ${using.map((u) => u.name).join(', ')}.` });
          continue;
        }
        try {
          await removeVolume(docker, name, signal);
          removed.push(name);
        } catch (error) {
          kept.push({
            name,
            reason: (error as { json?: { message?: string } }).json?.message ?? String(error),
          });
        }
      }
      return { removed, kept };
    },

    'volumes.files': async ({ name, path }, { signal }) => {
      const address = engine.status().endpoint.address;
      const volume = await inspectVolume(engine.docker(), name, signal);
      if (!isLocalEndpoint(address)) {
        return {
          readable: false,
          reason: `The engine at ${address} is on another machine: its volume files are not on this one.`,
        };
      }
      return readVolumeDirectory(volume.Mountpoint, volumePathParts(path));
    },

    'volumes.readFile': async ({ name, path, limit }, { signal }) => {
      const address = engine.status().endpoint.address;
      const volume = await inspectVolume(engine.docker(), name, signal);
      if (!isLocalEndpoint(address)) {
        return {
          readable: false,
          reason: `The engine at ${address} is on another machine: its volume files are not on this one.`,
        };
      }
      return readVolumeFile(volume.Mountpoint, volumePathParts(path), limit);
    },
  };
}
