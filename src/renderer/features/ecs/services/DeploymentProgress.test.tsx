import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  defaultListenerRuleArn,
  type CallOutput,
  type EcsService,
  type EcsServiceDeployment,
  type EcsServiceRevision,
} from '../../../../shared';
import { renderWithStowage } from '../../../test/render';
import { balancer, listenerArn, targetGroup, tgArn } from '../load-balancing/test-support';
import { DeploymentProgress } from './DeploymentProgress';

const definition = (name: string) => `arn:aws:ecs:us-east-1:000000000000:task-definition/${name}`;
const revisionArn = (id: string) =>
  `arn:aws:ecs:us-east-1:000000000000:service-revision/demo/shop/${id}`;
const advancedConfiguration = {
  alternateTargetGroupArn: tgArn('green'),
  productionListenerRule: defaultListenerRuleArn(listenerArn('front')),
};

const service: EcsService = {
  serviceName: 'shop',
  status: 'ACTIVE',
  taskDefinition: definition('web:2'),
  loadBalancers: [
    {
      targetGroupArn: tgArn('blue'),
      containerName: 'web',
      containerPort: 80,
      advancedConfiguration,
    },
  ],
  deploymentConfiguration: { strategy: 'CANARY' },
};

const deployment = (extra: Partial<EcsServiceDeployment> = {}): EcsServiceDeployment => ({
  serviceDeploymentArn: 'arn:aws:ecs:us-east-1:000000000000:service-deployment/demo/shop/2',
  status: 'IN_PROGRESS',
  lifecycleStage: 'PRODUCTION_TRAFFIC_SHIFT',
  sourceServiceRevisions: [{ arn: revisionArn('1') }],
  targetServiceRevision: { arn: revisionArn('2') },
  deploymentConfiguration: {
    strategy: 'CANARY',
    bakeTimeInMinutes: 5,
    canaryConfiguration: { canaryPercent: 20, canaryBakeTimeInMinutes: 10 },
  },
  ...extra,
});

const revision = (id: string, name: string, group: string): EcsServiceRevision => ({
  serviceRevisionArn: revisionArn(id),
  taskDefinition: definition(name),
  loadBalancers: [
    {
      targetGroupArn: tgArn(group),
      containerName: 'web',
      containerPort: 80,
      advancedConfiguration: {
        ...advancedConfiguration,
        alternateTargetGroupArn: tgArn(group === 'blue' ? 'green' : 'blue'),
      },
    },
  ],
});

function renderProgress(
  history: EcsServiceDeployment[],
  revisions: EcsServiceRevision[],
  forwardsTo: string[],
) {
  const balancing: CallOutput<'ecs.loadBalancers.list'> = {
    loadBalancers: [balancer('front', forwardsTo)],
    targetGroups: [targetGroup('blue'), targetGroup('green')],
  };
  return renderWithStowage(<DeploymentProgress cluster="demo" service={service} />, {
    'ecs.services.deployments': () => history,
    'ecs.services.revisions': () => revisions,
    'ecs.loadBalancers.list': () => balancing,
  });
}

describe('DeploymentProgress', () => {
  it('shows the strategy, the current lifecycle stage and the production split', async () => {
    // The listener weighs its first group 80 and its second 20.
    renderProgress(
      [deployment()],
      [revision('1', 'web:1', 'blue'), revision('2', 'web:2', 'blue')],
      ['blue', 'green'],
    );
    const progress = await screen.findByTestId('deployment-progress');
    expect(within(progress).getByRole('heading').textContent).toBe('Canary deployment');
    expect(screen.getByTestId('deployment-strategy-summary').textContent).toBe(
      '20 % for 10 min, then the rest; bake 5 min',
    );
    await waitFor(() => expect(progress.textContent).toContain('web:1 → web:2'));
    const stages = within(screen.getByLabelText('Lifecycle stages'));
    expect(stages.getByText('Production traffic').closest('[aria-current="step"]')).not.toBeNull();
    expect(document.querySelectorAll('[aria-current="step"]')).toHaveLength(1);
    const split = await screen.findByTestId('traffic-split');
    expect(split.dataset).toMatchObject({ blue: '80', green: '20' });
    expect(screen.getByTestId('traffic-blue').textContent).toBe('Blue 80 % · blue (web:1)');
    expect(screen.getByTestId('traffic-green').textContent).toBe('Green 20 % · green (web:2)');
    expect(
      screen.getByRole('img', {
        name: 'Production traffic on front · HTTP:8080: blue 80 %, green 20 %',
      }),
    ).toBeTruthy();
  });

  it('calls blue the group the source revision runs in, after the groups swapped', async () => {
    // The last deployment left production in "green": this one's blue is that group.
    renderProgress(
      [deployment({ lifecycleStage: 'BAKE_TIME' })],
      [revision('1', 'web:1', 'green'), revision('2', 'web:2', 'green')],
      ['blue', 'green'],
    );
    const split = await screen.findByTestId('traffic-split');
    await waitFor(() =>
      expect(screen.getByTestId('traffic-blue').textContent).toBe('Blue 20 % · green (web:1)'),
    );
    expect(split.dataset).toMatchObject({ blue: '20', green: '80' });
    expect(screen.getByTestId('traffic-green').textContent).toBe('Green 80 % · blue (web:2)');
    expect(screen.getByTestId('deployment-progress').dataset.stage).toBe('BAKE_TIME');
  });

  it('shows a rolling deployment’s stage without a traffic split', async () => {
    renderProgress(
      [
        deployment({
          lifecycleStage: 'SCALE_UP',
          deploymentConfiguration: { strategy: 'ROLLING' },
        }),
      ],
      [revision('1', 'web:1', 'blue'), revision('2', 'web:2', 'blue')],
      ['blue'],
    );
    const progress = await screen.findByTestId('deployment-progress');
    expect(within(progress).getByRole('heading').textContent).toBe('Rolling deployment');
    expect(
      within(screen.getByLabelText('Lifecycle stages'))
        .getByText('Scale up')
        .closest('[aria-current="step"]'),
    ).not.toBeNull();
    expect(screen.queryByTestId('traffic-split')).toBeNull();
  });
});
