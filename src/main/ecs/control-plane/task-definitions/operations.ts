import type {
  Attribute,
  DeleteTaskDefinitionsResponse,
  DeregisterTaskDefinitionResponse,
  DescribeTaskDefinitionResponse,
  Failure,
  ListTaskDefinitionFamiliesResponse,
  ListTaskDefinitionsResponse,
  RegisterTaskDefinitionResponse,
  TaskDefinition,
} from '@aws-sdk/client-ecs';
import { arns, parseTaskDefinitionRef } from '../core/arns';
import { compact, omit, toDate, type Outcome, type PlaneContext } from '../core/context';
import { EcsApiError } from '../core/ecs-api-error';
import { paginate } from '../core/pagination';
import { Params } from '../core/params';
import type { EcsState, TaskDefinitionRecord } from '../core/state';
import { parseTags } from '../tags/tag-values';
import { checkRevisionLimits } from './revision-limits';
import { normaliseRegistration } from './validate';

export function toTaskDefinition(record: TaskDefinitionRecord): TaskDefinition {
  const { registeredAt, deregisteredAt, deleteRequestedAt } = record;
  const rest = omit(record, ['tags', 'registeredAt', 'deregisteredAt', 'deleteRequestedAt']);
  return compact({
    ...structuredClone(rest),
    registeredAt: toDate(registeredAt),
    deregisteredAt: toDate(deregisteredAt),
    deleteRequestedAt: toDate(deleteRequestedAt),
  });
}

function requiresAttributes(request: {
  networkMode?: string;
  containerDefinitions?: unknown[];
}): Attribute[] {
  const attributes: Attribute[] = [{ name: 'com.amazonaws.ecs.capability.docker-remote-api.1.18' }];
  if (request.networkMode === 'awsvpc') attributes.push({ name: 'ecs.capability.task-eni' });
  return attributes;
}

export function registerTaskDefinition(
  ctx: PlaneContext,
  input: unknown,
): Outcome<RegisterTaskDefinitionResponse> {
  const request = normaliseRegistration(input);
  const tags = parseTags(Params.of(input).objectList('tags'));
  const family = request.family as string;
  const revision = (ctx.state.familyRevisions[family] ?? 0) + 1;
  checkRevisionLimits(ctx.state, family, revision);
  const requiresCompatibilities = request.requiresCompatibilities ?? [];
  const definition = omit(request, ['tags', 'requiresCompatibilities']);
  const record: TaskDefinitionRecord = {
    ...definition,
    taskDefinitionArn: arns.taskDefinition(ctx.settings, family, revision),
    family,
    revision,
    status: 'ACTIVE',
    requiresAttributes: requiresAttributes(request),
    compatibilities: requiresCompatibilities.includes('FARGATE')
      ? ['EXTERNAL', 'EC2', 'FARGATE']
      : ['EXTERNAL', 'EC2'],
    requiresCompatibilities,
    registeredAt: ctx.now,
    registeredBy: `arn:aws:iam::${ctx.settings.accountId}:root`,
    tags,
  };
  return {
    result: { taskDefinition: toTaskDefinition(record), tags },
    changes: [{ kind: 'taskDefinition.put', taskDefinition: record }],
  };
}

const unableToDescribe = () =>
  new EcsApiError('ClientException', 'Unable to describe task definition.');

/** A definition by `family` (its latest ACTIVE revision), `family:revision` or ARN. */
export function findTaskDefinition(state: EcsState, ref: string): TaskDefinitionRecord {
  const { family, revision } = parseTaskDefinitionRef(ref);
  const revisions = Object.values(state.taskDefinitions).filter((td) => td.family === family);
  const found =
    revision === undefined
      ? revisions.filter((td) => td.status === 'ACTIVE').sort((a, b) => b.revision - a.revision)[0]
      : revisions.find((td) => td.revision === revision);
  if (!found) throw unableToDescribe();
  return found;
}

/** A definition a task can be started from: it must be ACTIVE. */
export function usableTaskDefinition(state: EcsState, ref: string): TaskDefinitionRecord {
  const found = findTaskDefinition(state, ref);
  if (found.status !== 'ACTIVE')
    throw new EcsApiError('ClientException', 'TaskDefinition is inactive');
  return found;
}

export function describeTaskDefinition(
  ctx: PlaneContext,
  input: unknown,
): DescribeTaskDefinitionResponse {
  const params = Params.of(input);
  const record = findTaskDefinition(ctx.state, params.requiredRef('taskDefinition'));
  const withTags = (params.stringList('include') ?? []).includes('TAGS');
  return compact({
    taskDefinition: toTaskDefinition(record),
    tags: withTags ? structuredClone(record.tags) : undefined,
  });
}

export function deregisterTaskDefinition(
  ctx: PlaneContext,
  input: unknown,
): Outcome<DeregisterTaskDefinitionResponse> {
  const ref = Params.of(input).requiredRef('taskDefinition');
  if (parseTaskDefinitionRef(ref).revision === undefined) {
    throw new EcsApiError('ClientException', 'Invalid revision number. Number: undefined');
  }
  const record = findTaskDefinition(ctx.state, ref);
  if (record.status !== 'ACTIVE')
    throw new EcsApiError('ClientException', 'TaskDefinition is inactive');
  const updated: TaskDefinitionRecord = { ...record, status: 'INACTIVE', deregisteredAt: ctx.now };
  return {
    result: { taskDefinition: toTaskDefinition(updated) },
    changes: [{ kind: 'taskDefinition.put', taskDefinition: updated }],
  };
}

export function deleteTaskDefinitions(
  ctx: PlaneContext,
  input: unknown,
): Outcome<DeleteTaskDefinitionsResponse> {
  const refs = Params.of(input).requiredStringList('taskDefinitions');
  if (refs.length < 1 || refs.length > 10) {
    throw new EcsApiError(
      'InvalidParameterException',
      'taskDefinitions must contain between 1 and 10 items.',
    );
  }
  const deleted: TaskDefinitionRecord[] = [];
  const failures: Failure[] = [];
  for (const ref of refs) {
    let record: TaskDefinitionRecord;
    try {
      if (parseTaskDefinitionRef(ref).revision === undefined) throw unableToDescribe();
      record = findTaskDefinition(ctx.state, ref);
    } catch {
      failures.push({ arn: ref, reason: 'The specified task definition does not exist.' });
      continue;
    }
    if (record.status === 'ACTIVE') {
      failures.push({
        arn: record.taskDefinitionArn,
        reason:
          'The specified task definition is still in ACTIVE status. Please deregister the target and try again.',
      });
      continue;
    }
    deleted.push(
      record.status === 'DELETE_IN_PROGRESS'
        ? record
        : { ...record, status: 'DELETE_IN_PROGRESS', deleteRequestedAt: ctx.now },
    );
  }
  return {
    result: { taskDefinitions: deleted.map(toTaskDefinition), failures },
    changes: deleted.map((taskDefinition) => ({ kind: 'taskDefinition.put', taskDefinition })),
  };
}

export function listTaskDefinitions(
  ctx: PlaneContext,
  input: unknown,
): ListTaskDefinitionsResponse {
  const params = Params.of(input);
  const familyPrefix = params.string('familyPrefix') ?? '';
  const status = params.oneOf('status', ['ACTIVE', 'INACTIVE', 'DELETE_IN_PROGRESS']) ?? 'ACTIVE';
  const descending = params.oneOf('sort', ['ASC', 'DESC']) === 'DESC';
  const maxResults = params.maxResults();
  const arnsInOrder = Object.values(ctx.state.taskDefinitions)
    .filter((td) => td.status === status && td.family.startsWith(familyPrefix))
    .sort((a, b) => compareText(a.family, b.family) || a.revision - b.revision)
    .map((td) => td.taskDefinitionArn);
  if (descending) arnsInOrder.reverse();
  const { page, nextToken } = paginate(arnsInOrder, params.string('nextToken'), maxResults);
  return compact({ taskDefinitionArns: page, nextToken });
}

export function listTaskDefinitionFamilies(
  ctx: PlaneContext,
  input: unknown,
): ListTaskDefinitionFamiliesResponse {
  const params = Params.of(input);
  const familyPrefix = params.string('familyPrefix') ?? '';
  const status = params.oneOf('status', ['ACTIVE', 'INACTIVE', 'ALL']) ?? 'ACTIVE';
  const maxResults = params.maxResults();
  const active = new Set<string>();
  const all = new Set<string>();
  for (const td of Object.values(ctx.state.taskDefinitions)) {
    all.add(td.family);
    if (td.status === 'ACTIVE') active.add(td.family);
  }
  const families = [...all]
    .filter((family) => family.startsWith(familyPrefix))
    .filter((family) =>
      status === 'ALL' ? true : status === 'ACTIVE' ? active.has(family) : !active.has(family),
    )
    .sort(compareText);
  const { page, nextToken } = paginate(families, params.string('nextToken'), maxResults);
  return compact({ families: page, nextToken });
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
