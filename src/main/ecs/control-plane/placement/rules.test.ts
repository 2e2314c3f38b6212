import type { PlacementConstraint, PlacementStrategy } from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import { EcsApiError } from '../core/ecs-api-error';
import { evaluateQuery, queryTargetOf, readQueryExpression, validatePlacement } from './index';
import { instance, tasksOf } from './test-support';

function rejection(
  constraints: PlacementConstraint[] | undefined,
  strategy: PlacementStrategy[] | undefined,
): EcsApiError {
  try {
    validatePlacement(constraints, strategy);
  } catch (error) {
    if (error instanceof EcsApiError) return error;
    throw error;
  }
  throw new Error('validatePlacement accepted it');
}

const constraintMessage = (constraint: PlacementConstraint) =>
  rejection([constraint], undefined).message;
const strategyMessage = (strategy: PlacementStrategy) => rejection(undefined, [strategy]).message;

describe('validatePlacement', () => {
  it('accepts what ECS accepts', () => {
    expect(() =>
      validatePlacement(
        [
          { type: 'distinctInstance' },
          { type: 'memberOf', expression: 'attribute:ecs.instance-type =~ t2.*' },
        ],
        [
          { type: 'spread', field: 'attribute:ecs.availability-zone' },
          { type: 'spread', field: 'host' },
          { type: 'binpack', field: 'MEMORY' },
          { type: 'random', field: 'ignored' },
        ],
      ),
    ).not.toThrow();
    expect(() => validatePlacement(undefined, undefined)).not.toThrow();
    expect(() => validatePlacement([], [])).not.toThrow();
  });

  it('answers with InvalidParameterException', () => {
    const error = rejection([{ type: 'memberOf' }], undefined);
    expect(error.type).toBe('InvalidParameterException');
    expect(error.name).toBe('InvalidParameterException');
  });

  it('words constraint errors as ECS does', () => {
    expect(constraintMessage({ type: 'distinctInstance', expression: '' })).toBe(
      'distinctInstance expression should not be specified.',
    );
    expect(constraintMessage({ type: 'memberOf' })).toBe('memberOf expression must be specified.');
    expect(constraintMessage({ type: 'memberOf', expression: '  ' })).toBe(
      'memberOf expression must be specified.',
    );
    expect(constraintMessage({ type: 'sameZone' as 'memberOf' })).toBe(
      "Placement constraint type 'sameZone' is not valid. Valid types: distinctInstance, memberOf.",
    );
    expect(constraintMessage({})).toBe('A placement constraint type must be specified.');
    expect(
      constraintMessage({ type: 'memberOf', expression: `attribute:a in [${'x,'.repeat(1000)}x]` }),
    ).toBe('The placement constraint expression can have a maximum length of 2000 characters.');
  });

  it('says where a memberOf expression goes wrong', () => {
    expect(constraintMessage({ type: 'memberOf', expression: 'attribute:stack = prod' })).toBe(
      "Invalid memberOf expression 'attribute:stack = prod': unexpected '=' at character 17.",
    );
    expect(constraintMessage({ type: 'memberOf', expression: 'colour == red' })).toMatch(
      /^Invalid memberOf expression 'colour == red': unknown subject 'colour' .* at character 1\.$/,
    );
  });

  it('words strategy errors', () => {
    expect(strategyMessage({ type: 'binpack', field: 'disk' })).toBe(
      "Invalid field for binpack placement strategy: 'disk'. Valid fields: cpu, memory.",
    );
    expect(strategyMessage({ type: 'binpack' })).toBe(
      'The binpack placement strategy requires a field: cpu or memory.',
    );
    expect(strategyMessage({ type: 'spread', field: 'zone' })).toBe(
      "Invalid field for spread placement strategy: 'zone'. Valid fields: instanceId, host, attribute:<name>.",
    );
    expect(strategyMessage({ type: 'spread', field: 'attribute:' })).toMatch(/'attribute:'/);
    expect(strategyMessage({ type: 'spread' })).toBe(
      'The spread placement strategy requires a field: instanceId, host or attribute:<name>.',
    );
    expect(strategyMessage({ type: 'roundRobin' as 'random' })).toBe(
      "Placement strategy type 'roundRobin' is not valid. Valid types: random, spread, binpack.",
    );
    expect(strategyMessage({})).toBe('A placement strategy type must be specified.');
  });

  it('allows 10 constraints and 5 strategies, no more', () => {
    const constraint: PlacementConstraint = {
      type: 'memberOf',
      expression: 'agentConnected == true',
    };
    const strategy: PlacementStrategy = { type: 'random' };
    expect(() =>
      validatePlacement(Array(10).fill(constraint), Array(5).fill(strategy)),
    ).not.toThrow();
    expect(rejection(Array(11).fill(constraint), undefined).message).toBe(
      'Too many placement constraints. The maximum is 10.',
    );
    expect(rejection(undefined, Array(6).fill(strategy)).message).toBe(
      'Too many placement strategies. The maximum is 5.',
    );
  });
});

describe('readQueryExpression', () => {
  it('names the expression it read, for ListContainerInstances filters too', () => {
    expect(() => readQueryExpression('attribute:a ==', 'filter')).toThrow(
      "Invalid filter expression 'attribute:a ==': expected a value, found the end of the expression at character 15.",
    );
    expect(readQueryExpression('attribute:a == b', 'filter').kind).toBe('compare');
  });
});

describe('a ListContainerInstances filter', () => {
  it('evaluates against a container instance', () => {
    const filter = readQueryExpression(
      'attribute:ecs.availability-zone == us-east-1b and task:group == service:web',
      'filter',
    );
    const busy = instance('a', { zone: 'us-east-1b', tasks: tasksOf('service:web', 1) });
    expect(evaluateQuery(filter, queryTargetOf(busy))).toBe(true);
    expect(evaluateQuery(filter, queryTargetOf(instance('b', { zone: 'us-east-1b' })))).toBe(false);
    expect(
      evaluateQuery(readQueryExpression('runningTasksCount == 1', 'filter'), queryTargetOf(busy)),
    ).toBe(true);
  });
});
