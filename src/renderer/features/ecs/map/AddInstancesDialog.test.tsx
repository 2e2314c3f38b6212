import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { EcsStatus } from '../../../../shared';
import { renderWithStowage } from '../../../test/render';
import { AddInstancesDialog } from './AddInstancesDialog';
import { BlockImdsChip, InstanceRoleChip } from './InstanceRoleChip';

const status: EcsStatus = {
  runtime: 'docker',
  region: 'us-east-1',
  accountId: '000000000000',
  availabilityZones: ['us-east-1a'],
  instanceTypes: [{ name: 'm5.large', vcpu: 2, memoryGiB: 8, cpu: 2048, memory: 7680 }],
  notices: [],
};
const role = 'arn:aws:iam::000000000000:role/ecsInstanceRole';

describe('the instance role', () => {
  it('is sent with a launch when given', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    const { call } = renderWithStowage(
      <AddInstancesDialog cluster="demo" status={status} open onClose={onClose} />,
      { 'ecs.instances.launch': () => [] },
    );
    await user.click(screen.getByLabelText('Instance role ARN (optional)'));
    await user.paste(role);
    await user.click(screen.getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(call).toHaveBeenCalledWith('ecs.instances.launch', {
      cluster: 'demo',
      instanceType: 'm5.large',
      count: 1,
      availabilityZone: 'us-east-1a',
      instanceRoleArn: role,
    });
  });

  it("sends the agent's ECS_AWSVPC_BLOCK_IMDS when ticked, and the card shows it", async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    const { call, unmount } = renderWithStowage(
      <AddInstancesDialog cluster="demo" status={status} open onClose={onClose} />,
      { 'ecs.instances.launch': () => [] },
    );
    await user.click(screen.getByLabelText(/ECS_AWSVPC_BLOCK_IMDS/));
    await user.click(screen.getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(call).toHaveBeenCalledWith('ecs.instances.launch', {
      cluster: 'demo',
      instanceType: 'm5.large',
      count: 1,
      availabilityZone: 'us-east-1a',
      awsvpcBlockImds: true,
    });
    unmount();
    const { unmount: unmountChip } = renderWithStowage(<BlockImdsChip blocked />);
    expect(screen.getByTestId('imds-blocked').textContent).toBe('IMDS blocked for awsvpc');
    unmountChip();
    renderWithStowage(<BlockImdsChip blocked={false} />);
    expect(screen.queryByTestId('imds-blocked')).toBeNull();
  });

  it('shows on the instance by its name, or says there is none', () => {
    const { unmount } = renderWithStowage(<InstanceRoleChip roleArn={role} />);
    expect(screen.getByTestId('instance-role').textContent).toBe('role: ecsInstanceRole');
    unmount();
    renderWithStowage(<InstanceRoleChip roleArn={undefined} />);
    expect(screen.getByTestId('instance-role').textContent).toBe('no instance role');
  });
});
