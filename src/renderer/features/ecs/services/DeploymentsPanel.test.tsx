import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { EcsService, EcsServiceDeploymentView, EcsServiceRevision } from '../../../../shared';
import { renderWithStowage, type CallAnswers } from '../../../test/render';
import { DeploymentsPanel } from './DeploymentsPanel';

const definition = (name: string) => `arn:aws:ecs:us-east-1:000000000000:task-definition/${name}`;
const revisionArn = (id: string) =>
  `arn:aws:ecs:us-east-1:000000000000:service-revision/demo/shop/${id}`;
const deploymentArn = (id: string) =>
  `arn:aws:ecs:us-east-1:000000000000:service-deployment/demo/shop/${id}`;

const service: EcsService = {
  serviceName: 'shop',
  status: 'ACTIVE',
  desiredCount: 2,
  taskDefinition: definition('web:2'),
  deploymentConfiguration: { strategy: 'CANARY' },
};

const completed: EcsServiceDeploymentView = {
  serviceDeploymentArn: deploymentArn('1'),
  status: 'SUCCESSFUL',
  targetServiceRevision: { arn: revisionArn('1') },
  servedTargetGroupArns: [],
};
const canary: EcsServiceDeploymentView = {
  serviceDeploymentArn: deploymentArn('2'),
  status: 'IN_PROGRESS',
  lifecycleStage: 'BAKE_TIME',
  sourceServiceRevisions: [{ arn: revisionArn('1') }],
  targetServiceRevision: { arn: revisionArn('2') },
  deploymentConfiguration: { strategy: 'CANARY' },
  servedTargetGroupArns: [],
};
const revisions: EcsServiceRevision[] = [
  { serviceRevisionArn: revisionArn('1'), taskDefinition: definition('web:1') },
  { serviceRevisionArn: revisionArn('2'), taskDefinition: definition('web:2') },
];

function renderPanel(history: EcsServiceDeploymentView[], answers: CallAnswers = {}) {
  return renderWithStowage(<DeploymentsPanel cluster="demo" service={service} />, {
    'ecs.services.deployments': () => history,
    'ecs.services.revisions': ({ serviceRevisionArns }) =>
      revisions.filter((item) => serviceRevisionArns.includes(item.serviceRevisionArn ?? '')),
    ...answers,
  });
}

const stopButton = () => screen.getByRole('button', { name: 'Stop deployment' });

describe('DeploymentsPanel: Stop deployment', () => {
  it('is disabled, saying why, while no deployment is in progress', async () => {
    renderPanel([completed]);
    await waitFor(() =>
      expect(screen.getByTestId('stop-hint').textContent).toBe('No deployment in progress.'),
    );
    expect(stopButton()).toHaveProperty('disabled', true);
  });

  it('is disabled with nothing completed before the deployment to roll back to', async () => {
    renderPanel([{ ...canary, sourceServiceRevisions: [] }]);
    await waitFor(() =>
      expect(screen.getByTestId('stop-hint').textContent).toBe(
        'No earlier revision completed: nothing to roll back to.',
      ),
    );
    expect(stopButton()).toHaveProperty('disabled', true);
  });

  it('confirms what ECS does, a rollback with traffic back on blue, then stops', async () => {
    const user = userEvent.setup();
    const { call } = renderPanel([canary, completed], {
      'ecs.services.stopDeployment': ({ serviceDeploymentArn }) => ({ serviceDeploymentArn }),
    });
    await waitFor(() => expect(stopButton()).toHaveProperty('disabled', false));
    expect(screen.queryByTestId('stop-hint')).toBeNull();
    await user.click(stopButton());
    const dialog = await screen.findByRole('dialog', { name: 'Stop the deployment of web:2?' });
    expect(dialog.textContent).toContain(
      'it rolls the service back to web:1, the last revision that completed',
    );
    expect(dialog.textContent).toContain(
      "Production traffic goes back to blue (web:1) while its tasks still run; green's tasks (web:2) are deregistered, drained and stopped.",
    );
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    await user.click(within(dialog).getByRole('button', { name: 'Stop and roll back' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(call.mock.calls.filter(([name]) => name === 'ecs.services.stopDeployment')).toEqual([
      ['ecs.services.stopDeployment', { serviceDeploymentArn: deploymentArn('2') }],
    ]);
  });

  it('says a rolling deployment’s tasks are swapped back, and shows ECS’s refusal', async () => {
    const user = userEvent.setup();
    const rolling = { ...canary, lifecycleStage: undefined, deploymentConfiguration: {} };
    renderPanel([rolling, completed], {
      'ecs.services.stopDeployment': () => {
        throw new Error(
          `ConflictException: The service deployment ${deploymentArn('2')} is not in progress and cannot be stopped.`,
        );
      },
    });
    await waitFor(() => expect(stopButton()).toHaveProperty('disabled', false));
    await user.click(stopButton());
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain(
      "Tasks of web:1 are started again and those of web:2 stopped, within the service's minimum and maximum percent.",
    );
    await user.click(within(dialog).getByRole('button', { name: 'Stop and roll back' }));
    expect(
      await within(dialog).findByText(/is not in progress and cannot be stopped/),
    ).toBeTruthy();
    expect(screen.getByRole('dialog')).toBeTruthy();
  });
});
