import { EcsApiError } from './ecs-api-error';

export interface EcsSettings {
  region: string;
  accountId: string;
  /**
   * How services back off when their tasks keep failing to start (ECS's own timing when
   * absent); shorter for demos and for tests that run on real time.
   */
  serviceBackoff?: {
    failuresBeforeBackoff: number;
    initialDelayMs: number;
    maxDelayMs: number;
  };
}

export const defaultEcsSettings: EcsSettings = { region: 'us-east-1', accountId: '000000000000' };

export const defaultClusterName = 'default';

const namePattern = /^[A-Za-z0-9_-]{1,255}$/;

export function isValidName(name: string): boolean {
  return namePattern.test(name);
}

export function arnPrefix(settings: EcsSettings): string {
  return `arn:aws:ecs:${settings.region}:${settings.accountId}:`;
}

export const arns = {
  cluster: (s: EcsSettings, name: string) => `${arnPrefix(s)}cluster/${name}`,
  taskDefinition: (s: EcsSettings, family: string, revision: number) =>
    `${arnPrefix(s)}task-definition/${family}:${revision}`,
  task: (s: EcsSettings, cluster: string, id: string) => `${arnPrefix(s)}task/${cluster}/${id}`,
  containerInstance: (s: EcsSettings, cluster: string, id: string) =>
    `${arnPrefix(s)}container-instance/${cluster}/${id}`,
  container: (s: EcsSettings, cluster: string, taskId: string, uuid: string) =>
    `${arnPrefix(s)}container/${cluster}/${taskId}/${uuid}`,
};

/** The part after `arn:aws:ecs:region:account:`, or undefined when `ref` is not an ECS ARN. */
function resourceOf(ref: string): string | undefined {
  const match = /^arn:aws[a-z-]*:ecs:[^:]*:[^:]*:(.+)$/.exec(ref);
  return match?.[1];
}

/** A cluster given by name or ARN, as its name. */
export function clusterNameOf(ref: string): string {
  const resource = resourceOf(ref);
  if (resource === undefined) return ref;
  const match = /^cluster\/(.+)$/.exec(resource);
  if (!match?.[1]) throw new EcsApiError('InvalidParameterException', 'Invalid cluster ARN.');
  return match[1];
}

/** The last path segment of a task or container-instance reference (id or ARN). */
export function resourceIdOf(ref: string, kind: 'task' | 'container-instance'): string {
  const resource = resourceOf(ref);
  if (resource === undefined) return ref;
  const parts = resource.split('/');
  if (parts[0] !== kind || parts.length < 2) {
    throw new EcsApiError('InvalidParameterException', `Invalid ${kind} ARN: ${ref}`);
  }
  return parts[parts.length - 1] ?? '';
}

/** The last segment of any ARN or path (a task's id from its ARN). */
export function lastSegment(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

/** A task definition reference: `family`, `family:revision` or a full ARN. */
export function parseTaskDefinitionRef(ref: string): { family: string; revision?: number } {
  const resource = resourceOf(ref);
  const body = resource === undefined ? ref : resource.replace(/^task-definition\//, '');
  if (resource !== undefined && !resource.startsWith('task-definition/')) {
    throw new EcsApiError('ClientException', 'Invalid revision number. Number: ' + ref);
  }
  const [family = '', revision, ...rest] = body.split(':');
  if (rest.length > 0 || family === '') {
    throw new EcsApiError('ClientException', `Invalid revision number. Number: ${ref}`);
  }
  if (revision === undefined) return { family };
  if (!/^\d+$/.test(revision) || Number(revision) < 1) {
    throw new EcsApiError('ClientException', `Invalid revision number. Number: ${revision}`);
  }
  return { family, revision: Number(revision) };
}
