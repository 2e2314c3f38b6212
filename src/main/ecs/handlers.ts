import { StowageError, type Wire } from '../../shared';
import type { ecsContract } from '../../shared/contract/ecs';
import type { DomainHandlers } from '../rpc/handlers';
import type { AppEcsEndpoint } from './endpoint/app-endpoint';
import { instanceTypes, registeredResourcesOf, type InstanceTypeName } from './control-plane';
import { EcsApiError } from './control-plane/core/ecs-api-error';
import { exportTaskDefinitionInput } from './control-plane/task-definitions/export';
import { ecsEndpointHandlers } from './endpoint/endpoint-handlers';
import type { AppEcs } from './simulator';
import { clusterContents } from './cluster-contents';

const pageSize = 100;
const zoneLetters = 'abcdef';

/** The SDK shape with every Date as epoch milliseconds, as the contract carries it. */
export function toWire<T>(value: T): Wire<T> {
  if (value instanceof Date) return value.getTime() as Wire<T>;
  if (Array.isArray(value)) return value.map(toWire) as Wire<T>;
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) {
      if (member !== undefined) out[key] = toWire(member);
    }
    return out as Wire<T>;
  }
  return value as Wire<T>;
}

/** Every page of a list operation. */
async function allPages<R extends { nextToken?: string | undefined }>(
  page: (nextToken: string | undefined) => Promise<R>,
): Promise<R[]> {
  const pages: R[] = [];
  let nextToken: string | undefined;
  do {
    const answer = await page(nextToken);
    pages.push(answer);
    nextToken = answer.nextToken;
  } while (nextToken);
  return pages;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let at = 0; at < items.length; at += size) out.push(items.slice(at, at + size));
  return out;
}

/** Parses `--cli-input-json` text, with the CLI's complaint when it is not a JSON object. */
function parseCliJson(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new EcsApiError('ClientException', `Invalid JSON received: ${reason}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new EcsApiError('ClientException', 'Invalid JSON received: expected a JSON object.');
  }
  return value as Record<string, unknown>;
}

function missing(what: string, reason: string | undefined): never {
  throw new StowageError('NOT_FOUND', `${what}: ${reason ?? 'MISSING'}.`);
}

/** The ECS calls of the contract, on the app's one control plane and its API endpoint. */
export function ecsHandlers(
  ecs: AppEcs,
  endpoint: AppEcsEndpoint,
): DomainHandlers<typeof ecsContract> {
  const plane = async () => (await ecs.get()).controlPlane;

  const describeInstances = async (cluster: string) => {
    const cp = await plane();
    const arns = (
      await allPages((nextToken) =>
        cp.listContainerInstances({ cluster, maxResults: pageSize, nextToken }),
      )
    ).flatMap((page) => page.containerInstanceArns ?? []);
    const described = await Promise.all(
      chunks(arns, pageSize).map((containerInstances) =>
        cp.describeContainerInstances({ cluster, containerInstances }),
      ),
    );
    return described.flatMap((answer) => toWire(answer.containerInstances ?? []));
  };

  const setInstancesStatus = async (
    cluster: string,
    containerInstances: string[],
    status: 'ACTIVE' | 'DRAINING',
  ) => {
    const answer = await (
      await plane()
    ).updateContainerInstancesState({ cluster, containerInstances, status });
    const failure = answer.failures?.[0];
    if (failure) missing(failure.arn ?? 'Container instance', failure.reason);
    return toWire(answer.containerInstances ?? []);
  };

  const describeDefinition = async (taskDefinition: string) => {
    const answer = await (await plane()).describeTaskDefinition({ taskDefinition });
    if (!answer.taskDefinition) missing(taskDefinition, undefined);
    return answer;
  };

  return {
    'ecs.status': async () => {
      const simulator = await ecs.get();
      const { region, accountId } = simulator.controlPlane.settings;
      return {
        runtime: simulator.runtimeName,
        region,
        accountId,
        availabilityZones: [...zoneLetters].map((letter) => `${region}${letter}`),
        instanceTypes: (Object.keys(instanceTypes) as InstanceTypeName[]).map((name) => ({
          name,
          ...instanceTypes[name],
          ...registeredResourcesOf(name),
        })),
        notices: simulator.notices.map((notice) =>
          notice.kind === 'moved-aside'
            ? { kind: notice.kind, path: notice.path, reason: notice.reason, at: notice.at }
            : {
                kind: notice.kind,
                path: notice.path,
                reason: notice.reason,
                at: notice.at,
                ...(notice.droppedRecords === undefined
                  ? {}
                  : { droppedRecords: notice.droppedRecords }),
                resources: notice.resources,
              },
        ),
      };
    },

    'ecs.clusters.list': async () => {
      const cp = await plane();
      const arns = (
        await allPages((nextToken) => cp.listClusters({ maxResults: pageSize, nextToken }))
      ).flatMap((page) => page.clusterArns ?? []);
      const described = await Promise.all(
        chunks(arns, pageSize).map((clusters) => cp.describeClusters({ clusters })),
      );
      return described.flatMap((answer) => toWire(answer.clusters ?? []));
    },
    'ecs.clusters.create': async ({ clusterName }) => {
      const { cluster } = await (await plane()).createCluster({ clusterName });
      return toWire(cluster ?? {});
    },
    'ecs.clusters.delete': async ({ cluster }) => {
      const answer = await (await plane()).deleteCluster({ cluster });
      return toWire(answer.cluster ?? {});
    },

    'ecs.clusters.contents': ({ cluster }) => clusterContents(ecs, cluster),
    'ecs.events.list': async ({ cluster }) => {
      // Opens the simulator, so the log follows it from now on.
      await ecs.get();
      return ecs.events.list(cluster);
    },

    'ecs.instances.list': ({ cluster }) => describeInstances(cluster),
    'ecs.instances.launch': async (input) => toWire(await (await plane()).launchInstances(input)),
    'ecs.instances.drain': ({ cluster, containerInstances }) =>
      setInstancesStatus(cluster, containerInstances, 'DRAINING'),
    'ecs.instances.activate': ({ cluster, containerInstances }) =>
      setInstancesStatus(cluster, containerInstances, 'ACTIVE'),
    'ecs.instances.deregister': async (input) => {
      const answer = await (await plane()).deregisterContainerInstance(input);
      return toWire(answer.containerInstance ?? {});
    },
    'ecs.instances.setAgent': async ({ cluster, containerInstance, connected }) => {
      await (await plane()).setAgentConnected(cluster, containerInstance, connected);
      return {};
    },

    'ecs.taskDefinitions.families': async () => {
      const cp = await plane();
      return (
        await allPages((nextToken) =>
          cp.listTaskDefinitionFamilies({ status: 'ALL', maxResults: pageSize, nextToken }),
        )
      ).flatMap((page) => page.families ?? []);
    },
    'ecs.taskDefinitions.list': async () => {
      const cp = await plane();
      const arns: string[] = [];
      for (const status of ['ACTIVE', 'INACTIVE'] as const) {
        const pages = await allPages((nextToken) =>
          cp.listTaskDefinitions({ status, maxResults: pageSize, nextToken }),
        );
        arns.push(...pages.flatMap((page) => page.taskDefinitionArns ?? []));
      }
      const described = await Promise.all(
        arns.map((taskDefinition) => cp.describeTaskDefinition({ taskDefinition })),
      );
      return described
        .flatMap((answer) => (answer.taskDefinition ? [toWire(answer.taskDefinition)] : []))
        .sort(
          (a, b) =>
            (a.family ?? '').localeCompare(b.family ?? '') || (a.revision ?? 0) - (b.revision ?? 0),
        );
    },
    'ecs.taskDefinitions.describe': async ({ taskDefinition }) =>
      toWire((await describeDefinition(taskDefinition)).taskDefinition ?? {}),
    'ecs.taskDefinitions.register': async ({ definition }) => {
      const answer = await (await plane()).registerTaskDefinition(definition as never);
      return toWire(answer.taskDefinition ?? {});
    },
    'ecs.taskDefinitions.registerJson': async ({ json }) => {
      const answer = await (await plane()).registerTaskDefinition(parseCliJson(json) as never);
      return toWire(answer.taskDefinition ?? {});
    },
    'ecs.taskDefinitions.deregister': async ({ taskDefinition }) => {
      const answer = await (await plane()).deregisterTaskDefinition({ taskDefinition });
      return toWire(answer.taskDefinition ?? {});
    },
    'ecs.taskDefinitions.delete': async ({ taskDefinitions }) => {
      const answer = await (await plane()).deleteTaskDefinitions({ taskDefinitions });
      return {
        taskDefinitions: toWire(answer.taskDefinitions ?? []),
        failures: (answer.failures ?? []).map(({ arn, reason }) => ({ arn, reason })),
      };
    },
    'ecs.taskDefinitions.export': async ({ taskDefinition }) => {
      const cp = await plane();
      const { taskDefinition: definition } = await describeDefinition(taskDefinition);
      const arn = definition?.taskDefinitionArn ?? taskDefinition;
      const { tags } = await cp.listTagsForResource({ resourceArn: arn });
      const input = exportTaskDefinitionInput(definition ?? {}, tags);
      return { json: `${JSON.stringify(input, null, 2)}\n` };
    },

    'ecs.tasks.list': async ({ cluster, desiredStatus }) => {
      const cp = await plane();
      const arns = (
        await allPages((nextToken) =>
          cp.listTasks({ cluster, desiredStatus, maxResults: pageSize, nextToken }),
        )
      ).flatMap((page) => page.taskArns ?? []);
      const described = await Promise.all(
        chunks(arns, pageSize).map((tasks) => cp.describeTasks({ cluster, tasks })),
      );
      return described.flatMap((answer) => toWire(answer.tasks ?? []));
    },
    'ecs.tasks.describe': async ({ cluster, task }) => {
      const answer = await (await plane()).describeTasks({ cluster, tasks: [task] });
      const found = answer.tasks?.[0];
      if (!found) missing(task, answer.failures?.[0]?.reason);
      return toWire(found);
    },
    'ecs.tasks.run': async ({ subnets, ...input }) => {
      const answer = await (
        await plane()
      ).runTask({
        ...input,
        ...(subnets && subnets.length > 0
          ? { networkConfiguration: { awsvpcConfiguration: { subnets } } }
          : {}),
      });
      return { tasks: toWire(answer.tasks ?? []), failures: toWire(answer.failures ?? []) };
    },
    'ecs.tasks.stop': async (input) => {
      const answer = await (await plane()).stopTask(input);
      return toWire(answer.task ?? {});
    },

    ...ecsEndpointHandlers(endpoint),
  };
}
