import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { StowageError } from '../../../shared';
import { renderWithStowage } from '../../test/render';
import { CreateNetworkDialog } from './CreateNetworkDialog';

const createButton = () => screen.getByRole('button', { name: 'Create' });
const helperOf = (label: string) => {
  const input = screen.getByLabelText(label);
  const helperId = input.getAttribute('aria-describedby');
  return helperId ? document.getElementById(helperId)?.textContent : undefined;
};

describe('CreateNetworkDialog', () => {
  it('shows what is wrong at its field and sends nothing', async () => {
    const user = userEvent.setup();
    const { call } = renderWithStowage(
      <CreateNetworkDialog open onClose={vi.fn()} onCreated={vi.fn()} />,
    );
    await user.type(screen.getByLabelText('Name'), 'app-net');
    await user.type(screen.getByLabelText('Subnet'), '10.10.0.0/33');
    expect(screen.getByLabelText('Subnet').getAttribute('aria-invalid')).toBe('true');
    expect(helperOf('Subnet')).not.toBe('IPv4 CIDR; the engine picks one when empty.');
    expect(createButton()).toHaveProperty('disabled', true);
    await user.clear(screen.getByLabelText('Subnet'));
    await user.type(screen.getByLabelText('Subnet'), '10.10.0.0/24');
    await user.type(screen.getByLabelText('Gateway'), '10.20.0.1');
    expect(screen.getByLabelText('Gateway').getAttribute('aria-invalid')).toBe('true');
    expect(createButton()).toHaveProperty('disabled', true);
    expect(call).not.toHaveBeenCalled();
  });

  it('creates the network with its subnet, gateway, flags and labels', async () => {
    const user = userEvent.setup();
    const onCreated = vi.fn();
    const { call } = renderWithStowage(
      <CreateNetworkDialog open onClose={vi.fn()} onCreated={onCreated} />,
      { 'networks.create': () => ({ id: 'net-1' }) as never },
    );
    await user.type(screen.getByLabelText('Name'), 'app-net');
    await user.type(screen.getByLabelText('Subnet'), '10.10.0.0/24');
    await user.type(screen.getByLabelText('Gateway'), '10.10.0.1');
    await user.click(screen.getByLabelText('Internal (no outside access)'));
    await user.type(screen.getByLabelText('Labels'), 'team=web');
    await user.click(createButton());
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith('net-1'));
    expect(call).toHaveBeenCalledWith('networks.create', {
      name: 'app-net',
      subnet: '10.10.0.0/24',
      gateway: '10.10.0.1',
      internal: true,
      attachable: true,
      labels: { team: 'web' },
    });
  });

  it('says at the name when the engine has the network, and elsewhere for other refusals', async () => {
    const user = userEvent.setup();
    const refusals = [
      new StowageError('CONFLICT', 'network with name app-net already exists'),
      new StowageError('CONFLICT', 'Pool overlaps with other one on this address space'),
    ];
    renderWithStowage(<CreateNetworkDialog open onClose={vi.fn()} onCreated={vi.fn()} />, {
      'networks.create': () => {
        throw refusals.shift() ?? new Error('called too often');
      },
    });
    await user.type(screen.getByLabelText('Name'), 'app-net');
    await user.click(createButton());
    await waitFor(() => expect(helperOf('Name')).toBe('network with name app-net already exists'));
    expect(createButton()).toHaveProperty('disabled', true);
    expect(screen.queryByRole('alert')).toBeNull();

    await user.type(screen.getByLabelText('Name'), '2');
    expect(helperOf('Name')).toBe('A bridge network on this engine.');
    await user.click(createButton());
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Pool overlaps with other one on this address space');
  });
});
