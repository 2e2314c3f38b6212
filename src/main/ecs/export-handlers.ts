import type { TaskDefinition } from '@aws-sdk/client-ecs';
import { StowageError } from '../../shared';
import type { ecsExportCalls } from '../../shared/contract/ecs-services';
import type { CallHandler } from '../rpc/handlers';
import type { EcsControlPlane } from './control-plane/core/control-plane';
import type { ExportedTaskDefinition } from './export/cli-files';
import { exportFiles } from './export/export-files';
import { planImport, type ImportFailure } from './export/import-plan';
import { chooseRevisions, familyRevisionOf } from './export/select';
import type { AppEcs } from './simulator';

const pageSize = 100;

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

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The task definition ARNs the cluster's running tasks use. */
async function taskDefinitionsOfTasks(plane: EcsControlPlane, cluster: string): Promise<string[]> {
  const taskArns = (
    await allPages((nextToken) =>
      plane.listTasks({ cluster, desiredStatus: 'RUNNING', maxResults: pageSize, nextToken }),
    )
  ).flatMap((page) => page.taskArns ?? []);
  const arns: string[] = [];
  for (let at = 0; at < taskArns.length; at += pageSize) {
    const { tasks = [] } = await plane.describeTasks({
      cluster,
      tasks: taskArns.slice(at, at + pageSize),
    });
    for (const task of tasks) if (task.taskDefinitionArn) arns.push(task.taskDefinitionArn);
  }
  return arns;
}

/** Every ACTIVE revision of the families, described with their tags. */
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
      const inUse = await taskDefinitionsOfTasks(cp, cluster);
      const families = new Set(inUse.flatMap((arn) => familyRevisionOf(arn)?.family ?? []));
      const revisions = await activeRevisions(cp, families);
      const definitions: TaskDefinition[] = [...revisions.values()].map((r) => r.definition);
      const chosen = chooseRevisions(inUse, definitions).map((definition) =>
        revisions.get(definition.taskDefinitionArn ?? '')!,
      );
      return {
        files: exportFiles({
          clusterName: found.clusterName,
          taskDefinitions: chosen,
          services: [],
        }),
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
      for (const { file } of plan.services) {
        failures.push({ file, reason: `Services cannot be created in ${cluster} yet.` });
      }
      return { taskDefinitions, services: [], failures };
    },
  };
}
