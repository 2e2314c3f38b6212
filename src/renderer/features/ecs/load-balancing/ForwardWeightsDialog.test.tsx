import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ElbListener, TargetGroupView } from '../../../../shared/contract/ecs-load-balancing';
import { renderWithStowage } from '../../../test/render';
import { ForwardWeightsDialog } from './ForwardWeightsDialog';

const arn = (name: string) =>
  `arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/${name}/0123456789abcdef`;
const group = (name: string): TargetGroupView => ({
  targetGroup: { TargetGroupArn: arn(name), TargetGroupName: name, TargetType: 'ip' },
  targets: [],
  serviceArns: [],
});
const listener: ElbListener = {
  ListenerArn: 'arn:listener/1',
  Port: 8080,
  DefaultActions: [{ Type: 'forward', TargetGroupArn: arn('blue') }],
};
const save = () => screen.getByRole('button', { name: 'Save forwarding' });

function renderDialog(answers: Parameters<typeof renderWithStowage>[1] = {}) {
  const onClose = vi.fn();
  const harness = renderWithStowage(
    <ForwardWeightsDialog
      listener={listener}
      targetGroups={[group('blue'), group('green')]}
      onClose={onClose}
    />,
    answers,
  );
  return { ...harness, onClose };
}

describe('ForwardWeightsDialog', () => {
  it('splits the listener over two groups with ModifyListener’s ForwardConfig', async () => {
    const user = userEvent.setup();
    const { call, onClose } = renderDialog({ 'ecs.listeners.modify': () => listener });
    expect(screen.getByText('100 % of requests')).toBeTruthy();
    await user.click(screen.getByRole('combobox', { name: 'Second target group' }));
    await user.click(within(screen.getByRole('listbox')).getByText('green'));
    const first = screen.getByLabelText('Weight');
    await user.clear(first);
    await user.type(first, '90');
    const second = screen.getByLabelText('Second weight');
    await user.clear(second);
    await user.type(second, '10');
    expect(screen.getByText('90 % of requests')).toBeTruthy();
    expect(screen.getByText('10 % of requests')).toBeTruthy();
    await user.click(save());
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(call.mock.calls).toEqual([
      [
        'ecs.listeners.modify',
        {
          request: {
            ListenerArn: 'arn:listener/1',
            DefaultActions: [
              {
                Type: 'forward',
                ForwardConfig: {
                  TargetGroups: [
                    { TargetGroupArn: arn('blue'), Weight: 90 },
                    { TargetGroupArn: arn('green'), Weight: 10 },
                  ],
                },
              },
            ],
          },
        },
      ],
    ]);
  });

  it('refuses the same group twice, weights out of range and no weight at all', async () => {
    const user = userEvent.setup();
    renderDialog();
    await user.click(screen.getByRole('combobox', { name: 'Second target group' }));
    await user.click(within(screen.getByRole('listbox')).getByText('blue'));
    expect(screen.getAllByText('Choose another target group.').length).toBeGreaterThan(0);
    expect(save()).toHaveProperty('disabled', true);
    await user.click(screen.getByRole('combobox', { name: 'Second target group' }));
    await user.click(within(screen.getByRole('listbox')).getByText('green'));
    const first = screen.getByLabelText('Weight');
    await user.clear(first);
    await user.type(first, '0');
    expect(
      screen.getAllByText('At least one group needs a weight above 0.').length,
    ).toBeGreaterThan(0);
    await user.clear(first);
    await user.type(first, '1000');
    expect(screen.getAllByText('A whole weight from 0 to 999.').length).toBeGreaterThan(0);
    expect(save()).toHaveProperty('disabled', true);
  });

  it('shows ELB’s refusal and stays open', async () => {
    const user = userEvent.setup();
    const { onClose } = renderDialog({
      'ecs.listeners.modify': () => {
        throw new Error('TargetGroupNotFound: One or more target groups not found');
      },
    });
    await user.click(save());
    expect(
      await screen.findByText('TargetGroupNotFound: One or more target groups not found'),
    ).toBeTruthy();
    expect(onClose).not.toHaveBeenCalled();
  });
});
