import { StowageError } from '../../shared';
import type { ecsContract } from '../../shared/contract/ecs';
import type { DomainHandlers } from '../rpc/handlers';
import type { AppEcsEndpoint } from './endpoint/app-endpoint';
import { instanceTypes, registeredResourcesOf, type InstanceTypeName } from './control-plane';
import { exportTaskDefinitionInput } from './control-plane/task-definitions/export';
import { ecsEndpointHandlers } from './endpoint/endpoint-handlers';
import { ecsAgentHandlers, type AgentWiring } from './agent/agent-handlers';
import { ecsExportHandlers } from './export-handlers';
import { ecsFaultHandlers } from './fault-handlers';
import { ecsLoadBalancingHandlers } from './load-balancing-handlers';
import { ecsTrafficHandlers } from './traffic-handlers';
import { ecsAutoScalingHandlers } from './auto-scaling-handlers';
import { ecsServiceHandlers } from './service-handlers';
import type { AppEcs } from './simulator';
import { clusterContents } from './cluster-contents';
import { latestStopped } from './latest-stopped';
import { allPages, chunks, parseCliJson, toWire } from './wire';

export { toWire } from './wire';

const pageSize = 100;
const zoneLetters = 'abcdef';

function missing(what: string, reason: string | undefined): never {
  throw new StowageError('NOT_FOUND', `${what}: ${reason ?? 'MISSING'}.`);
}

/** The ECS calls of the contract, on the app's one control plane and its API endpoint. */
export function ecsHandlers(
  ecs: AppEcs,
  endpoint: AppEcsEndpoint,
  agent?: AgentWiring,
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

    'ecs.tasks.list': async ({ cluster, desiredStatus, serviceName, stoppedLimit }) => {
      const cp = await plane();
      const arns = (
        await allPages((nextToken) =>
          cp.listTasks({ cluster, desiredStatus, serviceName, maxResults: pageSize, nextToken }),
        )
      ).flatMap((page) => page.taskArns ?? []);
      const described = await Promise.all(
        chunks(arns, pageSize).map((tasks) => cp.describeTasks({ cluster, tasks })),
      );
      const tasks = described.flatMap((answer) => answer.tasks ?? []);
      return toWire(stoppedLimit === undefined ? tasks : latestStopped(tasks, stoppedLimit));
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
    'ecs.tasks.start': async (input) => {
      const answer = await (await plane()).startTask(input);
      return { tasks: toWire(answer.tasks ?? []), failures: toWire(answer.failures ?? []) };
    },
    'ecs.tasks.stop': async (input) => {
      const answer = await (await plane()).stopTask(input);
      return toWire(answer.task ?? {});
    },

    ...ecsEndpointHandlers(endpoint),
    ...ecsServiceHandlers(ecs),
    ...ecsFaultHandlers(ecs),
    ...ecsExportHandlers(ecs),
    ...ecsLoadBalancingHandlers(ecs, async () => (await endpoint.status()).url),
    ...ecsTrafficHandlers(ecs),
    ...ecsAutoScalingHandlers(ecs),
    ...ecsAgentHandlers(agent),
  };
}
