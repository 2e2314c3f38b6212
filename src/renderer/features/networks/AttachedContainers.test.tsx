import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { StowageError, type NetworkDetail } from '../../../shared';
import { renderWithStowage } from '../../test/render';
import { AttachedContainers } from './AttachedContainers';

const detail: NetworkDetail = {
  id: 'b'.repeat(64),
  name: 'app-net',
  driver: 'bridge',
  scope: 'local',
  created: 0,
  internal: false,
  attachable: true,
  ipv6: false,
  predefined: false,
  subnets: [{ subnet: '10.10.0.0/24', gateway: '10.10.0.1' }],
  labels: {},
  containers: [{ id: 'c'.repeat(64), name: 'web', state: 'running', ipv4: '10.10.0.2' }],
  options: {},
  raw: {},
};

describe('AttachedContainers', () => {
  it('shows a bad address at its field and connects nothing', async () => {
    const user = userEvent.setup();
    const { call } = renderWithStowage(
      <AttachedContainers detail={detail} candidates={['db']} onChanged={vi.fn()} />,
    );
    await user.type(screen.getByRole('combobox', { name: 'Container' }), 'db');
    await user.type(screen.getByLabelText('IPv4 address'), '10.10.0');
    expect(screen.getByText('Not an IPv4 address, e.g. 10.10.0.5.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Connect' })).toHaveProperty('disabled', true);
    expect(call).not.toHaveBeenCalled();
  });

  it('offers to force a disconnect the engine refused, and forces it', async () => {
    const user = userEvent.setup();
    const onChanged = vi.fn();
    const { call } = renderWithStowage(
      <AttachedContainers detail={detail} candidates={[]} onChanged={onChanged} />,
      {
        'networks.disconnect': ({ network, container, force }) => {
          if (!force) throw new StowageError('CONFLICT', 'container web is busy');
          return { network, container };
        },
      },
    );
    await user.click(screen.getByRole('button', { name: 'Disconnect web' }));
    const alert = await screen.findByTestId('attach-error');
    expect(alert.textContent).toContain('container web is busy');
    await user.click(within(alert).getByRole('button', { name: 'Force disconnect' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));
    expect(call).toHaveBeenLastCalledWith('networks.disconnect', {
      network: detail.id,
      container: 'web',
      force: true,
    });
    expect(screen.queryByTestId('attach-error')).toBeNull();
  });
});
