import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  defaultListenerRuleArn,
  type CallOutput,
  type EcsService,
  type EcsServiceDeploymentView,
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

const deployment = (extra: Partial<EcsServiceDeploymentView> = {}): EcsServiceDeploymentView => ({
  serviceDeploymentArn: 'arn:aws:ecs:us-east-1:000000000000:service-deployment/demo/shop/2',
  status: 'IN_PROGRESS',
  lifecycleStage: 'PRODUCTION_TRAFFIC_SHIFT',
  sourceServiceRevisions: [{ arn: revisionArn('1') }],
  targetServiceRevision: { arn: revisionArn('2') },
  servedTargetGroupArns: [tgArn('green')],
  deploymentConfiguration: {
    strategy: 'CANARY',
    bakeTimeInMinutes: 5,
    canaryConfiguration: { canaryPercent: 20, canaryBakeTimeInMinutes: 10 },
  },
  ...extra,
});

// A revision keeps the service's load balancer entry as it was given, whichever group its
// tasks end up serving in.
const revision = (id: string, name: string): EcsServiceRevision => ({
  serviceRevisionArn: revisionArn(id),
  taskDefinition: definition(name),
  loadBalancers: service.loadBalancers,
});

function renderProgress(
  history: EcsServiceDeploymentView[],
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
      [revision('1', 'web:1'), revision('2', 'web:2')],
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

  it('labels the groups by the group the deployment serves in, after the roles swapped', async () => {
    // The last deployment left production in the alternate group ("green"); this one serves
    // in the primary group ("blue"), so blue's role is the group named green now.
    renderProgress(
      [deployment({ lifecycleStage: 'BAKE_TIME', servedTargetGroupArns: [tgArn('blue')] })],
      [revision('1', 'web:1'), revision('2', 'web:2')],
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
      [revision('1', 'web:1'), revision('2', 'web:2')],
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
