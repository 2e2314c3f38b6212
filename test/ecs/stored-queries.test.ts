import { describe, expect, it } from 'vitest';
import { createPlane, apiError } from '../../src/main/ecs/control-plane/test-support';
import type { EcsState } from '../../src/main/ecs/control-plane/core/state';

// A store written before patterns ran on RE2 may hold a task definition whose constraint a
// backtracking engine chokes on, or one RE2 refuses. Loading it is untouched; using it is
// safe: the first places nothing in linear time, the second is refused as a request would be.

async function storeWithConstraint(expression: string): Promise<EcsState> {
  const { plane } = createPlane();
  await plane.createCluster({ clusterName: 'old' });
  const { containerInstance } = await plane.registerContainerInstance({
    cluster: 'old',
    totalResources: [
      { name: 'CPU', type: 'INTEGER', integerValue: 2048 },
      { name: 'MEMORY', type: 'INTEGER', integerValue: 2048 },
    ],
  });
  await plane.putAttributes({
    cluster: 'old',
    attributes: [
      {
        name: 'stack',
        value: 'a'.repeat(40),
        targetType: 'container-instance',
        targetId: containerInstance?.containerInstanceArn,
      },
    ],
  });
  await plane.registerTaskDefinition({
    family: 'stored',
    containerDefinitions: [{ name: 'main', image: 'busybox', memory: 64 }],
  });
  const state = structuredClone(plane.state);
  const [arn] = Object.keys(state.taskDefinitions);
  // What the old parser let through, written straight into the store.
  state.taskDefinitions[arn!]!.placementConstraints = [{ type: 'memberOf', expression }];
  return state;
}

describe('task definitions stored with hostile constraints', () => {
  it('places nothing, in linear time, for a backtracking pattern', async () => {
    const { plane } = createPlane({
      state: await storeWithConstraint('attribute:stack =~ "(a+)+b"'),
    });
    const run = await plane.runTask({ cluster: 'old', taskDefinition: 'stored' });
    expect(run.tasks).toEqual([]);
    expect(run.failures?.[0]?.reason).toBe('ATTRIBUTE');
  });

  it('refuses a pattern RE2 does not have, as a request with it would be', async () => {
    const { plane } = createPlane({
      state: await storeWithConstraint('attribute:stack =~ "(?=a)(a+)+b"'),
    });
    await apiError(
      plane.runTask({ cluster: 'old', taskDefinition: 'stored' }),
      'InvalidParameterException',
      /^Invalid memberOf expression 'attribute:stack =~ "\(\?=a\)\(a\+\)\+b"': '\(\?=a\)\(a\+\)\+b' is not a valid regular expression \(invalid or unsupported Perl syntax: `\(\?=`\) at character 20\.$/,
    );
  });
});
