/**
 * Placement constraints and strategies read from their API shapes into rules, rejecting what
 * ECS rejects with an InvalidParameterException worded as ECS words it where the wording is
 * known ("distinctInstance expression should not be specified.").
 */
import type { PlacementConstraint, PlacementStrategy } from '@aws-sdk/client-ecs';
import { EcsApiError } from '../core/ecs-api-error';
import { QuerySyntaxError } from './query-lexer';
import { parseQuery, type QueryNode } from './query-parser';

export type ConstraintRule = { kind: 'distinctInstance' } | { kind: 'memberOf'; query: QueryNode };

export type StrategyRule =
  | { kind: 'binpack'; resource: 'cpu' | 'memory' }
  | { kind: 'spread'; by: 'instance' }
  | { kind: 'spread'; by: 'attribute'; name: string }
  | { kind: 'random' };

export const maxConstraints = 10;
export const maxStrategies = 5;
export const maxExpressionLength = 2000;

/** A service's placement when it names none: across zones, then across instances. */
export const serviceDefaultStrategy: readonly PlacementStrategy[] = [
  { type: 'spread', field: 'attribute:ecs.availability-zone' },
  { type: 'spread', field: 'instanceId' },
];

const invalid = (message: string) => new EcsApiError('InvalidParameterException', message);

export function readConstraints(
  constraints: readonly PlacementConstraint[] | undefined,
): ConstraintRule[] {
  return (constraints ?? []).map((constraint) => {
    switch (constraint.type) {
      case 'distinctInstance':
        if (constraint.expression !== undefined && constraint.expression !== null) {
          throw invalid('distinctInstance expression should not be specified.');
        }
        return { kind: 'distinctInstance' };
      case 'memberOf':
        return { kind: 'memberOf', query: readQueryExpression(constraint.expression, 'memberOf') };
      default:
        throw invalid(
          constraint.type
            ? `Placement constraint type '${String(constraint.type)}' is not valid. ` +
                'Valid types: distinctInstance, memberOf.'
            : 'A placement constraint type must be specified.',
        );
    }
  });
}

/**
 * A cluster query (a memberOf expression, or the filter of ListContainerInstances, `label`
 * 'filter') parsed, or an InvalidParameterException that says where it goes wrong.
 */
export function readQueryExpression(expression: string | undefined, label: string): QueryNode {
  if (expression === undefined || expression === null || expression.trim() === '') {
    throw invalid(`${label} expression must be specified.`);
  }
  if (expression.length > maxExpressionLength) {
    throw invalid(
      `The placement constraint expression can have a maximum length of ${maxExpressionLength} characters.`,
    );
  }
  try {
    return parseQuery(expression);
  } catch (error) {
    if (!(error instanceof QuerySyntaxError)) throw error;
    throw invalid(
      `Invalid ${label} expression '${expression}': ${error.message} at character ${error.position + 1}.`,
    );
  }
}

export function readStrategy(strategy: readonly PlacementStrategy[] | undefined): StrategyRule[] {
  return (strategy ?? []).map((rule): StrategyRule => {
    switch (rule.type) {
      case 'random':
        // The field is not used by random (API reference, PlacementStrategy).
        return { kind: 'random' };
      case 'binpack':
        return readBinpack(rule.field);
      case 'spread':
        return readSpread(rule.field);
      default:
        throw invalid(
          rule.type
            ? `Placement strategy type '${String(rule.type)}' is not valid. ` +
                'Valid types: random, spread, binpack.'
            : 'A placement strategy type must be specified.',
        );
    }
  });
}

/** ECS takes the resource in any case (`MEMORY` comes back as given). */
function readBinpack(field: string | undefined): StrategyRule {
  const resource = field?.toLowerCase();
  if (resource === 'cpu' || resource === 'memory') return { kind: 'binpack', resource };
  throw invalid(
    field
      ? `Invalid field for binpack placement strategy: '${field}'. Valid fields: cpu, memory.`
      : 'The binpack placement strategy requires a field: cpu or memory.',
  );
}

function readSpread(field: string | undefined): StrategyRule {
  const lower = field?.toLowerCase();
  if (lower === 'instanceid' || lower === 'host') return { kind: 'spread', by: 'instance' };
  if (field?.startsWith('attribute:') && field.length > 'attribute:'.length) {
    return { kind: 'spread', by: 'attribute', name: field.slice('attribute:'.length) };
  }
  throw invalid(
    field
      ? `Invalid field for spread placement strategy: '${field}'. ` +
          'Valid fields: instanceId, host, attribute:<name>.'
      : 'The spread placement strategy requires a field: instanceId, host or attribute:<name>.',
  );
}

/**
 * Throws EcsApiError('InvalidParameterException') for what ECS would refuse in a request.
 * The limits apply to what a request names; placement itself also takes a task definition's
 * constraints beside them.
 */
export function validatePlacement(
  constraints: readonly PlacementConstraint[] | undefined,
  strategy: readonly PlacementStrategy[] | undefined,
): void {
  if ((constraints?.length ?? 0) > maxConstraints) {
    throw invalid(`Too many placement constraints. The maximum is ${maxConstraints}.`);
  }
  if ((strategy?.length ?? 0) > maxStrategies) {
    throw invalid(`Too many placement strategies. The maximum is ${maxStrategies}.`);
  }
  readConstraints(constraints);
  readStrategy(strategy);
}
