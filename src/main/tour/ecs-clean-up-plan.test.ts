import { describe, expect, it } from 'vitest';
import type { TourResource } from '../../shared';
import {
  ecsCleanUpPlan,
  tourClusterName,
  tourElbName,
  tourFamily,
  type FoundEcs,
} from './ecs-clean-up-plan';

const clusterArn = (name: string) => `arn:aws:ecs:us-east-1:000000000000:cluster/${name}`;
const definitionArn = (name: string) =>
  `arn:aws:ecs:us-east-1:000000000000:task-definition/${name}`;
const lbArn = (name: string) => `arn:aws:elasticloadbalancing:lb/app/${name}/1`;
const tgArn = (name: string) => `arn:aws:elasticloadbalancing:targetgroup/${name}/1`;

const found: FoundEcs = {
  clusters: [
    { arn: clusterArn('stowage-tour-kernel'), name: 'stowage-tour-kernel' },
    { arn: clusterArn('stowage-tour-layers'), name: 'stowage-tour-layers' },
    { arn: clusterArn('demo'), name: 'demo' },
  ],
  loadBalancers: [
    { arn: lbArn('tour-web'), name: 'tour-web', listenerArns: ['listener/tour'] },
    { arn: lbArn('mine'), name: 'mine', listenerArns: ['listener/mine'] },
  ],
  targetGroups: [
    { arn: tgArn('tour-web'), name: 'tour-web' },
    { arn: tgArn('mine'), name: 'mine' },
  ],
  taskDefinitions: [
    {
      arn: definitionArn('stowage-tour-kernel:1'),
      family: 'stowage-tour-kernel',
      status: 'INACTIVE',
    },
    {
      arn: definitionArn('stowage-tour-kernel:2'),
      family: 'stowage-tour-kernel',
      status: 'ACTIVE',
    },
    { arn: definitionArn('stowage-tour-lost:1'), family: 'stowage-tour-lost', status: 'ACTIVE' },
    { arn: definitionArn('web:1'), family: 'web', status: 'ACTIVE' },
  ],
  trafficRuns: [
    { id: 'running', listenerArn: 'listener/tour' },
    { id: 'finished', listenerArn: 'listener/tour', stoppedAt: 5 },
    { id: 'user', listenerArn: 'listener/mine' },
  ],
};

const resource = (kind: TourResource['kind'], id: string, name: string): TourResource => ({
  kind,
  id,
  name,
});
const recorded: TourResource[] = [
  resource('ecs-cluster', clusterArn('stowage-tour-kernel'), 'stowage-tour-kernel'),
  resource('task-definition', definitionArn('stowage-tour-kernel:2'), 'stowage-tour-kernel:2'),
  resource('load-balancer', lbArn('tour-web'), 'tour-web'),
  resource('target-group', tgArn('tour-web'), 'tour-web'),
  resource('target-group', tgArn('tour-gone'), 'tour-gone'),
];

describe('the tour’s ECS clean-up plan', () => {
  it('empties the clusters first, then traffic, load balancers, groups, task definitions', () => {
    const plan = ecsCleanUpPlan({ step: 'kernel' }, recorded, found);
    expect(plan.actions.map((action) => action.kind)).toEqual([
      'empty-and-delete-cluster',
      'stop-traffic',
      'delete-load-balancer',
      'delete-target-group',
      'deregister-task-definition',
      'delete-task-definitions',
    ]);
    expect(plan.actions[0]).toMatchObject({ cluster: 'stowage-tour-kernel' });
    expect(plan.actions[1]).toMatchObject({ runId: 'running' });
    expect(plan.actions.at(-1)).toEqual({
      kind: 'delete-task-definitions',
      resources: [recorded[1]],
    });
  });

  it('never touches what the tour did not record or name', () => {
    const plan = ecsCleanUpPlan({ step: 'kernel' }, recorded, found);
    const touched = JSON.stringify(plan.actions);
    for (const other of ['/demo', 'web:1', '/mine/', 'listener/mine', '"user"', 'finished']) {
      expect(touched).not.toContain(other);
    }
    // Another step's cluster and an unrecorded revision of this step's family stay too.
    expect(touched).not.toContain('stowage-tour-layers');
    expect(touched).not.toContain('stowage-tour-kernel:1');
  });

  it('counts what was recorded but is gone as removed, with nothing to do for it', () => {
    const plan = ecsCleanUpPlan({ step: 'kernel' }, recorded, found);
    expect(plan.gone).toEqual([recorded[4]]);
  });

  it('finds a step’s own cluster by name when its record was lost', () => {
    const plan = ecsCleanUpPlan({ step: 'layers' }, [], found);
    expect(plan.actions).toEqual([
      {
        kind: 'empty-and-delete-cluster',
        cluster: 'stowage-tour-layers',
        resource: resource('ecs-cluster', clusterArn('stowage-tour-layers'), 'stowage-tour-layers'),
      },
    ]);
  });

  it('the whole tour: every stowage-tour- cluster and family, deleted in tens', () => {
    const many: FoundEcs = {
      ...found,
      taskDefinitions: Array.from({ length: 12 }, (_, index) => ({
        arn: definitionArn(`stowage-tour-tasks:${index + 1}`),
        family: 'stowage-tour-tasks',
        status: 'INACTIVE',
      })),
    };
    const plan = ecsCleanUpPlan('whole-tour', recorded, many);
    const clusters = plan.actions.flatMap((action) =>
      action.kind === 'empty-and-delete-cluster' ? [action.cluster] : [],
    );
    expect(clusters).toEqual(['stowage-tour-kernel', 'stowage-tour-layers']);
    const batches = plan.actions.flatMap((action) =>
      action.kind === 'delete-task-definitions' ? [action.resources.length] : [],
    );
    expect(batches).toEqual([10, 2]);
    // The recorded revision is no longer listed, so it is gone.
    expect(plan.gone.map((entry) => entry.name)).toEqual(['tour-gone', 'stowage-tour-kernel:2']);
  });

  it('the whole tour also sweeps an ACTIVE revision of a tour family', () => {
    const plan = ecsCleanUpPlan('whole-tour', [], found);
    const deregistered = plan.actions.flatMap((action) =>
      action.kind === 'deregister-task-definition' ? [action.resource.name] : [],
    );
    expect(deregistered).toEqual(['stowage-tour-kernel:2', 'stowage-tour-lost:1']);
  });
});

describe('the tour’s ECS names', () => {
  it('names clusters and families after the step, load balancers within 32 characters', () => {
    expect(tourClusterName('kernel')).toBe('stowage-tour-kernel');
    expect(tourFamily('read-write')).toBe('stowage-tour-read-write');
    expect(tourFamily('read-write', 'web')).toBe('stowage-tour-read-write-web');
    expect(tourElbName('web')).toBe('tour-web');
    expect(() => tourElbName('a-name-far-too-long-for-elb-to-take')).toThrow(/32 characters/);
  });
});
