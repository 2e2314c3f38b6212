import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EcsStatus } from '../../../shared';
import { hashOf, type EcsRoute } from '../../common/routes';
import { renderWithStowage, type CallAnswers } from '../../test/render';
import { EcsPage } from './EcsPage';
import { balancer, targetGroup } from './load-balancing/test-support';

const status: EcsStatus = {
  runtime: 'simulated',
  region: 'us-east-1',
  accountId: '000000000000',
  availabilityZones: ['us-east-1a'],
  instanceTypes: [],
  notices: [],
};

const answers: CallAnswers = {
  'ecs.status': () => status,
  'ecs.clusters.list': () => [{ clusterName: 'demo', status: 'ACTIVE' }],
  'ecs.loadBalancers.list': () => ({
    loadBalancers: [balancer('web', ['blue'])],
    targetGroups: [targetGroup('blue')],
  }),
  'ecs.traffic.list': () => [],
  'ecs.services.list': () => [],
};

class SizedObserver {
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(element: Element) {
    this.callback(
      [{ target: element, contentRect: { width: 1000, height: 400 } } as ResizeObserverEntry],
      this as unknown as ResizeObserver,
    );
  }
  disconnect() {}
  unobserve() {}
}

// jsdom lays nothing out and has no scrolling.
beforeEach(() => {
  vi.stubGlobal('ResizeObserver', SizedObserver);
  Object.defineProperty(HTMLElement.prototype, 'scrollTo', {
    value: () => undefined,
    configurable: true,
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  window.location.hash = '';
});

const open = (route: EcsRoute) => {
  window.location.hash = hashOf(route);
};

describe('EcsPage tabs', () => {
  it('goes back to the load balancer list when its active tab is clicked', async () => {
    const user = userEvent.setup();
    open({ page: 'ecs', view: 'load-balancers', cluster: 'demo', loadBalancer: 'web' });
    renderWithStowage(<EcsPage />, answers);
    expect(await screen.findByRole('button', { name: 'Back to the load balancers' })).toBeTruthy();

    await user.click(screen.getByRole('tab', { name: 'Load balancers' }));

    await waitFor(() =>
      expect(window.location.hash).toBe(
        hashOf({ page: 'ecs', view: 'load-balancers', cluster: 'demo' }),
      ),
    );
    expect(screen.queryByRole('button', { name: 'Back to the load balancers' })).toBeNull();
    expect(await screen.findByRole('button', { name: 'Create load balancer' })).toBeTruthy();
  });

  it('goes back to the service list the same way', async () => {
    const user = userEvent.setup();
    open({ page: 'ecs', view: 'services', cluster: 'demo', service: 'orders' });
    renderWithStowage(<EcsPage />, answers);

    await user.click(await screen.findByRole('tab', { name: 'Services' }));

    await waitFor(() =>
      expect(window.location.hash).toBe(hashOf({ page: 'ecs', view: 'services', cluster: 'demo' })),
    );
  });

  it('keeps the task list’s filter on the way back from a task', async () => {
    const user = userEvent.setup();
    const filter = { status: 'RUNNING' };
    open({ page: 'ecs', view: 'tasks', cluster: 'demo', task: '0123', filter });
    renderWithStowage(<EcsPage />, answers);

    await user.click(await screen.findByRole('tab', { name: 'Tasks' }));

    await waitFor(() =>
      expect(window.location.hash).toBe(
        hashOf({ page: 'ecs', view: 'tasks', cluster: 'demo', filter }),
      ),
    );
  });
});
