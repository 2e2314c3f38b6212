import type { CreateServiceRequest } from '@aws-sdk/client-ecs';
import type { EcsExportFile } from '../../../shared/contract/ecs-services';
import { deployScriptName, revisionRef, taskDefinitionOfFileName, templateName } from './cli-files';

export interface ImportFailure {
  file: string;
  reason: string;
}

/** What the files of an export ask for, in the order it is done: task definitions first. */
export interface ImportPlan {
  taskDefinitions: {
    file: string;
    /** `family:revision` it was exported from, when its name says so: services refer to it. */
    exportedAs?: string;
    input: Record<string, unknown>;
  }[];
  services: { file: string; input: Record<string, unknown> }[];
  failures: ImportFailure[];
}

/** The files an import reads nothing from: they describe the same thing another way. */
const companionFiles = new Set([deployScriptName, templateName]);

function parseObject(text: string): Record<string, unknown> | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `Invalid JSON received: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'Invalid JSON received: expected a JSON object.';
  }
  return value as Record<string, unknown>;
}

/**
 * Sorts an export's files into the requests an import makes: a file with
 * `containerDefinitions` registers a task definition, one with `serviceName` creates a
 * service; the script and the template are passed over; anything else is a failure of its own.
 */
export function planImport(files: readonly EcsExportFile[]): ImportPlan {
  const plan: ImportPlan = { taskDefinitions: [], services: [], failures: [] };
  for (const file of files) {
    if (companionFiles.has(file.name)) continue;
    const parsed = parseObject(file.text);
    if (typeof parsed === 'string') {
      plan.failures.push({ file: file.name, reason: parsed });
    } else if ('containerDefinitions' in parsed) {
      const named = taskDefinitionOfFileName(file.name);
      const fromFile = named && parsed.family === named.family;
      plan.taskDefinitions.push({
        file: file.name,
        input: parsed,
        ...(fromFile ? { exportedAs: `${named.family}:${named.revision}` } : {}),
      });
    } else if ('serviceName' in parsed) {
      plan.services.push({ file: file.name, input: parsed });
    } else {
      plan.failures.push({
        file: file.name,
        reason: 'Neither a task definition (containerDefinitions) nor a service (serviceName).',
      });
    }
  }
  // Revisions of a family in the order they were exported, so the newest stays the newest.
  plan.taskDefinitions.sort(
    (a, b) =>
      String(a.input.family).localeCompare(String(b.input.family)) ||
      revisionOf(a.exportedAs) - revisionOf(b.exportedAs),
  );
  return plan;
}

function revisionOf(ref: string | undefined): number {
  return ref ? Number(ref.slice(ref.lastIndexOf(':') + 1)) : 0;
}

/**
 * A service's create request for the import's cluster, pointed at the revision registered for
 * the one it was exported with (by `family:revision`), or left as it names it.
 */
export function serviceRequestFor(
  input: Record<string, unknown>,
  cluster: string,
  registered: ReadonlyMap<string, string>,
): CreateServiceRequest {
  const named = typeof input.taskDefinition === 'string' ? input.taskDefinition : undefined;
  const taskDefinition = named ? (registered.get(revisionRef(named)) ?? named) : undefined;
  return {
    ...(input as unknown as CreateServiceRequest),
    cluster,
    ...(taskDefinition ? { taskDefinition } : {}),
  };
}
