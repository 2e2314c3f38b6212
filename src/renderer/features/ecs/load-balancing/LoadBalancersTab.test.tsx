import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithStowage } from '../../../test/render';
import { LoadBalancersTab } from './LoadBalancersTab';
import { balancer, run, target, targetGroup } from './test-support';

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

// jsdom lays nothing out: the tables get a size, so their rows render.
beforeEach(() => {
  Object.defineProperty(HTMLElement.prototype, 'scrollTo', {
    value: () => undefined,
    configurable: true,
  });
  vi.stubGlobal('ResizeObserver', SizedObserver);
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockImplementation(function (
    this: HTMLElement,
  ) {
    return this.getAttribute('role') === 'region' ? 1000 : 0;
  });
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockImplementation(function (
    this: HTMLElement,
  ) {
    return this.getAttribute('role') === 'region' ? 400 : 0;
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const list = {
  loadBalancers: [balancer('web', ['blue'], { directUrl: 'http://127.0.0.1:8080' })],
  targetGroups: [
    targetGroup('blue', [
      target('10.0.0.1', 'healthy', undefined, 12),
      target('10.0.0.2', 'unhealthy', 'Target.ResponseCodeMismatch', 3, 3),
      target('10.0.0.3', 'draining', 'Target.DeregistrationInProgress', 7),
    ]),
  ],
};

describe('LoadBalancersTab', () => {
  it('says what to do when there is none', async () => {
    renderWithStowage(
      <LoadBalancersTab
        cluster="demo"
        open={undefined}
        onOpen={() => undefined}
        onOpenTask={() => undefined}
      />,
      {
        'ecs.loadBalancers.list': () => ({ loadBalancers: [], targetGroups: [] }),
        'ecs.traffic.list': () => [],
      },
    );
    expect((await screen.findByTestId('load-balancers-empty')).textContent).toContain(
      'Create load balancer, then create a service with its target group',
    );
  });

  it('lists them with their healthy targets and opens one', async () => {
    const user = userEvent.setup();
    const onOpen = vi.fn();
    const { call } = renderWithStowage(
      <LoadBalancersTab
        cluster="demo"
        open={undefined}
        onOpen={onOpen}
        onOpenTask={() => undefined}
      />,
      { 'ecs.loadBalancers.list': () => list, 'ecs.traffic.list': () => [] },
    );
    const row = await screen.findByRole('row', { name: /web/ });
    expect(within(row).getByText('1 / 3')).toBeTruthy();
    expect(call).toHaveBeenCalledWith(
      'ecs.loadBalancers.list',
      { cluster: 'demo' },
      expect.anything(),
    );
    await user.click(within(row).getByRole('button', { name: 'web' }));
    expect(onOpen).toHaveBeenCalledWith('web');
  });

  it('shows the URL with a curl, the forwarding, and each target’s health in words', async () => {
    renderWithStowage(
      <LoadBalancersTab
        cluster="demo"
        open="web"
        onOpen={() => undefined}
        onOpenTask={() => undefined}
      />,
      { 'ecs.loadBalancers.list': () => list, 'ecs.traffic.list': () => [] },
    );
    expect((await screen.findByTestId('listener-url')).textContent).toBe('http://127.0.0.1:8080');
    expect(screen.getByTestId('listener-curl').textContent).toBe('curl -i http://127.0.0.1:8080/');
    expect(screen.getByTestId('listener-forward').textContent).toBe('Forwards to blue');
    const words = await screen.findAllByTestId('target-health');
    expect(words.map((item) => [item.getAttribute('data-state'), item.textContent])).toEqual([
      ['healthy', 'Healthy: gets traffic'],
      ['unhealthy', 'Answers health checks with a status code the matcher does not accept'],
      ['draining', 'Draining: finishing requests in flight, gets no new ones'],
    ]);
    const user = userEvent.setup();
    await user.hover(words[1] as HTMLElement);
    expect((await screen.findByRole('tooltip')).textContent).toBe(
      'unhealthy · Target.ResponseCodeMismatch',
    );
    expect(
      screen.getByText('Health check: GET /health · every 10 s · 3 to pass, 2 to fail · codes 200'),
    ).toBeTruthy();
  });

  it('without a port of its own, gives the endpoint with the DNS name as Host', async () => {
    renderWithStowage(
      <LoadBalancersTab
        cluster="demo"
        open="web"
        onOpen={() => undefined}
        onOpenTask={() => undefined}
      />,
      {
        'ecs.loadBalancers.list': () => ({
          ...list,
          loadBalancers: [balancer('web', ['blue'], { directProblem: 'Port 80 is below 1024.' })],
        }),
        'ecs.traffic.list': () => [],
      },
    );
    expect((await screen.findByTestId('listener-curl')).textContent).toBe(
      "curl -i -H 'Host: web-1234567890.us-east-1.elb.localhost' http://127.0.0.1:4566/",
    );
    expect(screen.getByTestId('listener-direct-problem').textContent).toBe(
      'Port 80 is below 1024. It is reached through the ECS endpoint with the load balancer’s DNS name as Host.',
    );
  });

  it('re-reads the counts every second while traffic runs', async () => {
    let requests = 12;
    const { call } = renderWithStowage(
      <LoadBalancersTab
        cluster="demo"
        open="web"
        onOpen={() => undefined}
        onOpenTask={() => undefined}
      />,
      {
        'ecs.loadBalancers.list': () => {
          requests += 10;
          return {
            ...list,
            targetGroups: [
              targetGroup('blue', [target('10.0.0.1', 'healthy', undefined, requests)]),
            ],
          };
        },
        'ecs.traffic.list': () => [run()],
      },
    );
    expect(await screen.findByTestId('live-note')).toBeTruthy();
    await waitFor(
      () =>
        expect(
          call.mock.calls.filter(([name]) => name === 'ecs.loadBalancers.list').length,
        ).toBeGreaterThanOrEqual(3),
      { timeout: 10_000 },
    );
    await waitFor(() =>
      expect(
        Number(
          screen.getByRole('row', { name: /10\.0\.0\.1/ }).querySelector('[data-column="requests"]')
            ?.textContent,
        ),
      ).toBeGreaterThan(22),
    );
  });
});
