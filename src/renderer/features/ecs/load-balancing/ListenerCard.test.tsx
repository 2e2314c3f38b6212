import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { layOutTables } from '../../../test/page';
import { renderWithStowage } from '../../../test/render';
import { ListenerCard } from './ListenerCard';
import { balancer, listenerArn, run, target, targetGroup, tgArn } from './test-support';

describe('ListenerCard', () => {
  beforeEach(() => layOutTables());
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });

  it('shows this listener’s 503s for a group with no routable target, and with no group', () => {
    const view = balancer('front', ['blue', 'green'], {
      unroutable: [
        { targetGroupArn: tgArn('green'), responses: 7 },
        { targetGroupArn: tgArn('green'), responses: 2 },
        { responses: 3 },
      ],
    });
    // Through every listener the green group had more: the card shows this listener's own.
    const green = { ...targetGroup('green'), unroutable: 12 };
    renderWithStowage(
      <ListenerCard
        view={view}
        listener={view.listeners[0]!}
        targetGroups={[targetGroup('blue', [target('10.0.0.1', 'healthy', undefined, 40)]), green]}
        runs={[]}
      />,
    );
    const groups = screen.getAllByTestId('target-group');
    const byName = (name: string) =>
      groups.find((group) => group.dataset.targetGroup === name) ?? document.body;
    expect(within(byName('green')).getByTestId('unroutable').textContent).toBe(
      '503 · no routable target: 9',
    );
    expect(within(byName('blue')).queryByTestId('unroutable')).toBeNull();
    expect(screen.getByTestId('listener-unpicked').textContent).toBe(
      '3 requests answered 503 with every forward weight at 0: no target group to pick.',
    );
  });

  it('shows no 503 note when the listener routed everything, and names the run’s listener', () => {
    const view = balancer('front', ['blue']);
    renderWithStowage(
      <ListenerCard
        view={view}
        listener={view.listeners[0]!}
        targetGroups={[targetGroup('blue')]}
        runs={[run({ listenerArn: listenerArn('front') })]}
      />,
    );
    expect(screen.queryByTestId('unroutable')).toBeNull();
    expect(screen.queryByTestId('listener-unpicked')).toBeNull();
    expect(screen.getByTestId('traffic-listener').textContent).toBe(
      'to front · HTTP:8080 · http://127.0.0.1:8080/',
    );
  });
});
