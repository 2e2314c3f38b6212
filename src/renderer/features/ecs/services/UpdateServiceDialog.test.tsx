import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { EcsService, EcsTaskDefinition } from '../../../../shared';
import { renderWithStowage } from '../../../test/render';
import { UpdateServiceDialog } from './UpdateServiceDialog';

const arn = (name: string) => `arn:aws:ecs:us-east-1:000000000000:task-definition/${name}`;
const revision = (number: number, image: string): EcsTaskDefinition => ({
  family: 'web',
  revision: number,
  status: 'ACTIVE',
  taskDefinitionArn: arn(`web:${number}`),
  networkMode: 'bridge',
  containerDefinitions: [{ name: 'web', image, memory: 64 }],
});
const definitions = [revision(1, 'nginx:1'), revision(2, 'nginx:2'), revision(3, 'nginx:2')];

const service: EcsService = {
  serviceName: 'shop',
  status: 'ACTIVE',
  taskDefinition: arn('web:1'),
  desiredCount: 3,
  schedulingStrategy: 'REPLICA',
  deploymentConfiguration: {
    minimumHealthyPercent: 100,
    maximumPercent: 200,
    deploymentCircuitBreaker: { enable: false, rollback: false },
  },
};

function renderDialog(answers: Parameters<typeof renderWithStowage>[1] = {}) {
  const onClose = vi.fn();
  const harness = renderWithStowage(
    <UpdateServiceDialog cluster="demo" service={service} onClose={onClose} />,
    { 'ecs.taskDefinitions.list': () => definitions, ...answers },
  );
  return { ...harness, onClose };
}

const pick = async (user: ReturnType<typeof userEvent.setup>, name: string) => {
  await user.click(screen.getByRole('combobox', { name: 'Task definition revision' }));
  await user.click(within(screen.getByRole('listbox')).getByText(name));
};

describe('UpdateServiceDialog', () => {
  it('has nothing to send until something changes', async () => {
    renderDialog();
    await screen.findByRole('combobox', { name: 'Task definition revision' });
    expect(screen.getByText('Nothing to change yet')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Update' })).toHaveProperty('disabled', true);
  });

  it('shows what the picked revision changes, field by field', async () => {
    const user = userEvent.setup();
    renderDialog();
    await waitFor(() =>
      expect(
        screen.getByRole('combobox', { name: 'Task definition revision' }).textContent,
      ).toContain('web:1'),
    );
    await pick(user, 'web:2');
    const diff = screen.getByTestId('revision-diff');
    const rows = within(diff).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.textContent)).toEqual([
      'containerDefinitions[web].imagenginx:1nginx:2',
    ]);
  });

  it('says when a revision runs the same as the running one', async () => {
    const user = userEvent.setup();
    renderWithStowage(
      <UpdateServiceDialog
        cluster="demo"
        service={{ ...service, taskDefinition: arn('web:2') }}
        onClose={() => undefined}
      />,
      { 'ecs.taskDefinitions.list': () => definitions },
    );
    await waitFor(() =>
      expect(
        screen.getByRole('combobox', { name: 'Task definition revision' }).textContent,
      ).toContain('web:2'),
    );
    await pick(user, 'web:3');
    expect(screen.getByTestId('revision-diff').textContent).toBe(
      'web:3 runs the same as web:2: only its number differs.',
    );
  });

  it('sends the revision, a forced deployment and the changed configuration', async () => {
    const user = userEvent.setup();
    const { call, onClose } = renderDialog({ 'ecs.services.update': () => service });
    await waitFor(() =>
      expect(
        screen.getByRole('combobox', { name: 'Task definition revision' }).textContent,
      ).toContain('web:1'),
    );
    await pick(user, 'web:3');
    await user.click(screen.getByRole('checkbox', { name: /Force a new deployment/ }));
    const minimum = screen.getByLabelText('Minimum healthy percent');
    await user.clear(minimum);
    await user.type(minimum, '50');
    await user.click(screen.getByRole('checkbox', { name: /Circuit breaker/ }));
    await user.click(screen.getByRole('checkbox', { name: /Roll back/ }));
    await user.click(screen.getByRole('button', { name: 'Update' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(call).toHaveBeenCalledWith('ecs.services.update', {
      request: {
        cluster: 'demo',
        service: 'shop',
        taskDefinition: arn('web:3'),
        forceNewDeployment: true,
        deploymentConfiguration: {
          minimumHealthyPercent: 50,
          maximumPercent: 200,
          deploymentCircuitBreaker: { enable: true, rollback: true },
        },
      },
    });
  });

  it('refuses percentages out of range and warns of a rollout that cannot move', async () => {
    const user = userEvent.setup();
    renderDialog();
    const maximum = await screen.findByLabelText('Maximum percent');
    await user.clear(maximum);
    await user.type(maximum, '100');
    expect(
      screen.getByText(/a rollout can neither add a task first nor stop one first/),
    ).toBeTruthy();
    await user.clear(maximum);
    await user.type(maximum, '250');
    expect(screen.getByText('A whole percentage from 100 to 200.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Update' })).toHaveProperty('disabled', true);
  });

  it('shows ECS’s refusal and stays open', async () => {
    const user = userEvent.setup();
    const { onClose } = renderDialog({
      'ecs.services.update': () => {
        throw new Error('ServiceNotActiveException: Service was not ACTIVE.');
      },
    });
    await screen.findByRole('combobox', { name: 'Task definition revision' });
    await user.click(screen.getByRole('checkbox', { name: /Force a new deployment/ }));
    await user.click(screen.getByRole('button', { name: 'Update' }));
    expect(
      await screen.findByText('ServiceNotActiveException: Service was not ACTIVE.'),
    ).toBeTruthy();
    expect(onClose).not.toHaveBeenCalled();
  });
});
