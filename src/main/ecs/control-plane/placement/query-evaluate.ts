import type { PlacementInstance } from './types';
import type { Operand, Operator, QueryNode, Subject } from './query-parser';

/** What an expression can ask of a container instance. */
export interface QueryTarget {
  ec2InstanceId: string;
  agentConnected: boolean;
  agentVersion?: string;
  registeredAt: number;
  attributes: Record<string, string>;
  runningTasksCount: number;
  /** Whether any task on the instance is in a group that passes `test`. */
  someTaskGroup(test: (group: string) => boolean): boolean;
}

/**
 * Whether the instance is a member of the expression's group. A comparison with an attribute
 * the instance does not have is false, whatever the operator, except `!exists` (the Developer
 * Guide's `attribute:stack != prod` lists instances that have `stack`, unless it is `prod`).
 * `task:group` asks whether any task on the instance is in the group; its negative operators
 * are the negation of that (no task in the group), so `task:group != database` and
 * `not(task:group == database)` are the same anti-affinity.
 */
export function evaluateQuery(node: QueryNode, target: QueryTarget): boolean {
  switch (node.kind) {
    case 'or':
      return evaluateQuery(node.left, target) || evaluateQuery(node.right, target);
    case 'and':
      return evaluateQuery(node.left, target) && evaluateQuery(node.right, target);
    case 'not':
      return !evaluateQuery(node.operand, target);
    case 'compare':
      return compare(node.subject, node.operator, node.operand, target);
  }
}

function compare(subject: Subject, operator: Operator, operand: Operand, target: QueryTarget) {
  if (subject.kind === 'taskGroup') return compareTaskGroups(operator, operand, target);
  const value = subjectValue(subject, target);
  if (operator === 'exists') return value !== undefined;
  if (operator === 'notExists') return value === undefined;
  if (value === undefined) return false;
  switch (operand.kind) {
    case 'text':
      return compareText(operator, operand.values, value);
    case 'pattern':
      return operand.regex.test(value) === (operator === 'matches');
    case 'time':
      return compareTime(operator, operand.from, operand.to, target.registeredAt);
    case 'number':
      return compareOrder(operator, Math.sign(target.runningTasksCount - operand.value));
    case 'version':
      return compareOrder(operator, compareVersions(value, operand.parts));
    case 'none':
      return false;
  }
}

function subjectValue(subject: Subject, target: QueryTarget): string | undefined {
  if (subject.kind === 'attribute') {
    return Object.hasOwn(target.attributes, subject.name)
      ? target.attributes[subject.name]
      : undefined;
  }
  switch (subject.kind === 'field' ? subject.name : undefined) {
    case 'agentConnected':
      return String(target.agentConnected);
    case 'agentVersion':
      return target.agentVersion;
    case 'ec2InstanceId':
      return target.ec2InstanceId;
    case 'registeredAt':
      return String(target.registeredAt);
    case 'runningTasksCount':
      return String(target.runningTasksCount);
    default:
      return undefined;
  }
}

function compareTaskGroups(operator: Operator, operand: Operand, target: QueryTarget): boolean {
  const positive = operator === 'eq' || operator === 'in' || operator === 'matches';
  const test =
    operand.kind === 'pattern'
      ? (group: string) => operand.regex.test(group)
      : (group: string) => operand.kind === 'text' && operand.values.includes(group);
  return target.someTaskGroup(test) === positive;
}

function compareText(operator: Operator, values: readonly string[], value: string): boolean {
  switch (operator) {
    case 'eq':
    case 'in':
      return values.includes(value);
    case 'ne':
    case 'notIn':
      return !values.includes(value);
    default:
      return compareOrder(operator, compareTextOrder(value, values[0] ?? ''));
  }
}

/** Numbers compare as numbers (`attribute:cores > 4`), anything else as text. */
function compareTextOrder(value: string, argument: string): number {
  const left = Number(value);
  const right = Number(argument);
  if (
    value.trim() !== '' &&
    argument.trim() !== '' &&
    Number.isFinite(left) &&
    Number.isFinite(right)
  ) {
    return Math.sign(left - right);
  }
  return value < argument ? -1 : value > argument ? 1 : 0;
}

function compareOrder(operator: Operator, order: number): boolean {
  switch (operator) {
    case 'eq':
      return order === 0;
    case 'ne':
      return order !== 0;
    case 'gt':
      return order > 0;
    case 'ge':
      return order >= 0;
    case 'lt':
      return order < 0;
    case 'le':
      return order <= 0;
    default:
      return false;
  }
}

/** `registeredAt` against a date or second, read as the range it names. */
function compareTime(operator: Operator, from: number, to: number, at: number): boolean {
  switch (operator) {
    case 'eq':
      return at >= from && at < to;
    case 'ne':
      return at < from || at >= to;
    case 'gt':
      return at >= to;
    case 'ge':
      return at >= from;
    case 'lt':
      return at < from;
    case 'le':
      return at < to;
    default:
      return false;
  }
}

function compareVersions(version: string, parts: readonly number[]): number {
  const own = version.split('.').map((part) => Number.parseInt(part, 10) || 0);
  for (let index = 0; index < Math.max(own.length, parts.length); index++) {
    const difference = (own[index] ?? 0) - (parts[index] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}

/**
 * A container instance as the query language sees it, outside placement: for the `filter` of
 * ListContainerInstances (`evaluateQuery(readQueryExpression(filter, 'filter'),
 * queryTargetOf(instance))`).
 */
export function queryTargetOf(instance: PlacementInstance): QueryTarget {
  return {
    ec2InstanceId: instance.ec2InstanceId,
    agentConnected: instance.agentConnected,
    agentVersion: instance.agentVersion,
    registeredAt: instance.registeredAt,
    attributes: instance.attributes,
    runningTasksCount: instance.tasks.length,
    someTaskGroup: (test) => instance.tasks.some((task) => test(task.group)),
  };
}
