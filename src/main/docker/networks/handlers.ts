import { StowageError } from '../../../shared';
import type { networksContract } from '../../../shared/contract/networks';
import type { DomainHandlers } from '../../rpc/handlers';
import type { EngineConnection } from '../connection/engine';
import {
  connectContainer,
  createNetwork,
  disconnectContainer,
  fetchContainerNetworks,
  fetchNetworks,
  inspectNetwork,
  removeNetwork,
} from './api';
import {
  attachedContainers,
  isPredefined,
  prunableNetworks,
  toNetworkDetail,
  toNetworkPrunePreview,
  toNetworkSummaries,
} from './map';

/**
 * The engine answers 403 for what the current state forbids (a predefined network, active
 * endpoints, a container attached twice): that is a CONFLICT, with the engine's words.
 */
async function forbiddenAsConflict<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    const e = error as { statusCode?: number; json?: { message?: string } };
    if (e.statusCode === 403) {
      throw new StowageError('CONFLICT', e.json?.message ?? 'The engine refused.');
    }
    throw error;
  }
}

export function networkHandlers(engine: EngineConnection): DomainHandlers<typeof networksContract> {
  const detailOf = async (network: string, signal: AbortSignal) => {
    const docker = engine.docker();
    const [raw, containers] = await Promise.all([
      inspectNetwork(docker, network, signal),
      fetchContainerNetworks(docker, signal),
    ]);
    return toNetworkDetail(raw, containers);
  };

  return {
    'networks.list': async (_input, { signal }) => {
      const { networks, containers } = await fetchNetworks(engine.docker(), signal);
      return toNetworkSummaries(networks, containers);
    },

    'networks.inspect': ({ network }, { signal }) => detailOf(network, signal),

    'networks.create': async (input, { signal }) => {
      const docker = engine.docker();
      const { networks } = await fetchNetworks(docker, signal);
      if (networks.some((network) => network.Name === input.name)) {
        throw new StowageError('CONFLICT', `A network named ${input.name} exists already.`);
      }
      const id = await forbiddenAsConflict(
        createNetwork(
          docker,
          {
            name: input.name,
            subnet: input.subnet,
            gateway: input.gateway,
            internal: input.internal ?? false,
            attachable: input.attachable ?? false,
            labels: input.labels ?? {},
          },
          signal,
        ),
      );
      return detailOf(id, signal);
    },

    'networks.remove': async ({ network }, { signal }) => {
      const docker = engine.docker();
      const [raw, containers] = await Promise.all([
        inspectNetwork(docker, network, signal),
        fetchContainerNetworks(docker, signal),
      ]);
      if (isPredefined(raw)) {
        throw new StowageError(
          'CONFLICT',
          `${raw.Name} is one of the engine's predefined networks (bridge, host, none): it cannot be removed.`,
        );
      }
      // The engine removes a network that only stopped containers use, and they cannot start
      // again: refuse as it does for running ones.
      const attached = attachedContainers([raw], containers).get(raw.Id) ?? [];
      if (attached.length > 0) {
        throw new StowageError(
          'CONFLICT',
          `The network ${raw.Name} has containers attached: ${attached.map((c) => c.name).join(', ')}. Disconnect them first.`,
          { containers: attached },
        );
      }
      await forbiddenAsConflict(removeNetwork(docker, raw.Id, signal));
      return { name: raw.Name };
    },

    'networks.connect': async ({ network, container, ipv4Address }, { signal }) => {
      await forbiddenAsConflict(
        connectContainer(engine.docker(), { network, container, ipv4Address }, signal),
      );
      return { network, container };
    },

    'networks.disconnect': async ({ network, container, force }, { signal }) => {
      await forbiddenAsConflict(
        disconnectContainer(engine.docker(), { network, container, force: force ?? false }, signal),
      );
      return { network, container };
    },

    'networks.prunePreview': async (_input, { signal }) => {
      const { networks, containers } = await fetchNetworks(engine.docker(), signal);
      return toNetworkPrunePreview(networks, containers);
    },

    'networks.prune': async ({ ids }, { signal }) => {
      const docker = engine.docker();
      const { networks, containers } = await fetchNetworks(docker, signal);
      const prunable = new Set(prunableNetworks(networks, containers).map((n) => n.Id));
      const names = new Map(networks.map((network) => [network.Id, network.Name]));
      const removed: string[] = [];
      const kept: { name: string; reason: string }[] = [];
      for (const id of ids) {
        const name = names.get(id);
        if (name === undefined) {
          kept.push({ name: id.slice(0, 12), reason: 'It is already gone.' });
        } else if (!prunable.has(id)) {
          kept.push({ name, reason: 'A container is attached to it now.' });
        } else {
          try {
            await removeNetwork(docker, id, signal);
            removed.push(name);
          } catch (error) {
            const message = (error as { json?: { message?: string } }).json?.message;
            kept.push({ name, reason: message ?? String(error) });
          }
        }
      }
      return { removed, kept };
    },
  };
}
