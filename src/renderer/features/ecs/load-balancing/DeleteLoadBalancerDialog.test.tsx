import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithStowage } from '../../../test/render';
import { DeleteLoadBalancerDialog } from './DeleteLoadBalancerDialog';
import { balancer, lbArn, targetGroup, tgArn } from './test-support';

// `web` forwards to blue (only it) and shared (also `api`'s); `green` is a service's.
const web = balancer('web', ['blue', 'shared', 'green']);
const api = balancer('api', ['shared']);
const groups = [
  targetGroup('blue'),
  targetGroup('shared'),
  targetGroup('green', [], ['arn:aws:ecs:us-east-1:000000000000:service/demo/shop']),
];

function renderDialog(answers: Parameters<typeof renderWithStowage>[1]) {
  const onDeleted = vi.fn();
  const harness = renderWithStowage(
    <DeleteLoadBalancerDialog
      view={web}
      all={[web, api]}
      targetGroups={groups}
      onClose={() => undefined}
      onDeleted={onDeleted}
    />,
    answers,
  );
  return { ...harness, onDeleted };
}

describe('DeleteLoadBalancerDialog', () => {
  it('deletes it, then the target groups only it used, and Cancel has the focus', async () => {
    const user = userEvent.setup();
    const { call, onDeleted } = renderDialog({
      'ecs.loadBalancers.delete': () => ({}),
      'ecs.targetGroups.delete': () => ({}),
    });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.getByText(/Its listener is deleted with it/)).toBeTruthy();
    expect(
      screen.getByRole('checkbox', { name: 'Also delete the target group only it used: blue' }),
    ).toHaveProperty('checked', true);
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(onDeleted).toHaveBeenCalled());
    expect(call.mock.calls).toEqual([
      ['ecs.loadBalancers.delete', { loadBalancerArn: lbArn('web') }],
      ['ecs.targetGroups.delete', { targetGroupArn: tgArn('blue') }],
    ]);
  });

  it('keeps the target groups when asked to', async () => {
    const user = userEvent.setup();
    const { call, onDeleted } = renderDialog({ 'ecs.loadBalancers.delete': () => ({}) });
    await user.click(screen.getByRole('checkbox', { name: /Also delete the target group/ }));
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(onDeleted).toHaveBeenCalled());
    expect(call.mock.calls).toEqual([
      ['ecs.loadBalancers.delete', { loadBalancerArn: lbArn('web') }],
    ]);
  });

  it('shows ELB’s refusal and stays open', async () => {
    const user = userEvent.setup();
    const { onDeleted } = renderDialog({
      'ecs.loadBalancers.delete': () => {
        throw new Error('LoadBalancerNotFound: One or more load balancers not found');
      },
    });
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    expect(
      await screen.findByText('LoadBalancerNotFound: One or more load balancers not found'),
    ).toBeTruthy();
    expect(onDeleted).not.toHaveBeenCalled();
  });
});
