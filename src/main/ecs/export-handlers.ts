import { StowageError } from '../../shared';
import type { ecsExportCalls } from '../../shared/contract/ecs-services';
import type { CallHandler } from '../rpc/handlers';
import type { EcsControlPlane } from './control-plane/core/control-plane';
import type { ExportedService, ExportedTaskDefinition } from './export/cli-files';
import { exportFiles } from './export/export-files';
import { planImport, serviceRequestFor, type ImportFailure } from './export/import-plan';
import { chooseRevisions, familyRevisionOf } from './export/select';
import type { AppEcs } from './simulator';
import { allPages, chunks } from './wire';

const pageSize = 100;
/** DescribeServices takes at most ten services. */
const describeServicesLimit = 10;

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The task definition ARNs the cluster's running tasks use. */
async function taskDefinitionsOfTasks(plane: EcsControlPlane, cluster: string): Promise<string[]> {
  const taskArns = (
    await allPages((nextToken) =>
      plane.listTasks({ cluster, desiredStatus: 'RUNNING', maxResults: pageSize, nextToken }),
    )
  ).flatMap((page) => page.taskArns ?? []);
  const arns: string[] = [];
  for (const batch of chunks(taskArns, pageSize)) {
    const { tasks = [] } = await plane.describeTasks({ cluster, tasks: batch });
    for (const task of tasks) if (task.taskDefinitionArn) arns.push(task.taskDefinitionArn);
  }
  return arns;
}

/** The cluster's ACTIVE services, described with their tags, in name order. */
async function servicesOf(plane: EcsControlPlane, cluster: string): Promise<ExportedService[]> {
  const arns = (
    await allPages((nextToken) => plane.listServices({ cluster, maxResults: pageSize, nextToken }))
  ).flatMap((page) => page.serviceArns ?? []);
  const services: ExportedService[] = [];
  for (const batch of chunks(arns, describeServicesLimit)) {
    const answer = await plane.describeServices({ cluster, services: batch, include: ['TAGS'] });
    for (const service of answer.services ?? []) {
      if (service.status === 'ACTIVE') services.push({ service, tags: service.tags ?? [] });
    }
  }
  return services.sort((a, b) =>
    (a.service.serviceName ?? '').localeCompare(b.service.serviceName ?? ''),
  );
}

/** The revisions a service uses: its own and those of its deployments. */
function revisionsOfService({ service }: ExportedService): string[] {
  return [
    ...(service.taskDefinition ? [service.taskDefinition] : []),
    ...(service.deployments ?? []).flatMap((deployment) => deployment.taskDefinition ?? []),
  ];
}

/** Every ACTIVE revision of the families, described with their tags, by ARN. */
async function activeRevisions(
  plane: EcsControlPlane,
  families: ReadonlySet<string>,
): Promise<Map<string, ExportedTaskDefinition>> {
  const described = new Map<string, ExportedTaskDefinition>();
  for (const family of families) {
    const arns = (
      await allPages((nextToken) =>
        plane.listTaskDefinitions({
          familyPrefix: family,
          status: 'ACTIVE',
          maxResults: pageSize,
          nextToken,
        }),
      )
    )
      .flatMap((page) => page.taskDefinitionArns ?? [])
      .filter((arn) => familyRevisionOf(arn)?.family === family);
    for (const arn of arns) {
      const answer = await plane.describeTaskDefinition({ taskDefinition: arn, include: ['TAGS'] });
      if (answer.taskDefinition) {
        described.set(arn, { definition: answer.taskDefinition, tags: answer.tags ?? [] });
      }
    }
  }
  return described;
}

/** The contract's export and import calls. */
export function ecsExportHandlers(ecs: AppEcs): {
  [K in keyof typeof ecsExportCalls]: CallHandler<K>;
} {
  const plane = async () => (await ecs.get()).controlPlane;
  return {
    'ecs.export': async ({ cluster }) => {
      const cp = await plane();
      const { clusters = [], failures = [] } = await cp.describeClusters({ clusters: [cluster] });
      const found = clusters[0];
      if (!found?.clusterName || found.status !== 'ACTIVE') {
        throw new StowageError('NOT_FOUND', `${cluster}: ${failures[0]?.reason ?? 'MISSING'}.`);
      }
      const services = await servicesOf(cp, cluster);
      const inUse = [
        ...(await taskDefinitionsOfTasks(cp, cluster)),
        ...services.flatMap(revisionsOfService),
      ];
      const families = new Set(inUse.flatMap((arn) => familyRevisionOf(arn)?.family ?? []));
      const revisions = await activeRevisions(cp, families);
      const chosen = chooseRevisions(
        inUse,
        [...revisions.values()].map((revision) => revision.definition),
      ).flatMap((definition) => revisions.get(definition.taskDefinitionArn ?? '') ?? []);
      return {
        files: exportFiles({ clusterName: found.clusterName, taskDefinitions: chosen, services }),
      };
    },
    'ecs.import': async ({ cluster, files }) => {
      const cp = await plane();
      const plan = planImport(files);
      const failures: ImportFailure[] = [...plan.failures];
      const registered = new Map<string, string>();
      const taskDefinitions: string[] = [];
      for (const { file, exportedAs, input } of plan.taskDefinitions) {
        try {
          const { taskDefinition } = await cp.registerTaskDefinition(input as never);
          const arn = taskDefinition?.taskDefinitionArn ?? '';
          taskDefinitions.push(arn);
          if (exportedAs) registered.set(exportedAs, arn);
        } catch (error) {
          failures.push({ file, reason: reasonOf(error) });
        }
      }
      const services: string[] = [];
      for (const { file, input } of plan.services) {
        try {
          const request = serviceRequestFor(input, cluster, registered);
          const { service } = await cp.createService(request as never);
          services.push(service?.serviceArn ?? '');
        } catch (error) {
          failures.push({ file, reason: reasonOf(error) });
        }
      }
      return { taskDefinitions, services, failures };
    },
  };
}
