import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithStowage } from '../../../test/render';
import { listenerArn, run } from './test-support';
import { TrafficPanel } from './TrafficPanel';

const props = {
  listenerArn: listenerArn('web'),
  listenerName: 'web · HTTP:8080',
  urls: ['http://127.0.0.1:8080'],
};

describe('TrafficPanel', () => {
  it('starts traffic at the rate and for the time typed, through the listener', async () => {
    const user = userEvent.setup();
    const { call } = renderWithStowage(<TrafficPanel {...props} runs={[]} />, {
      'ecs.traffic.start': () => run(),
    });
    expect(screen.getByText(/Send traffic to watch the load balancer spread it/)).toBeTruthy();
    const rate = screen.getByLabelText('Requests per second');
    await user.clear(rate);
    await user.type(rate, '50');
    const duration = screen.getByLabelText('For (seconds)');
    await user.clear(duration);
    await user.type(duration, '30');
    await user.click(screen.getByRole('button', { name: 'Send traffic' }));
    await waitFor(() =>
      expect(call).toHaveBeenCalledWith('ecs.traffic.start', {
        listenerArn: listenerArn('web'),
        path: '/',
        requestsPerSecond: 50,
        durationSeconds: 30,
      }),
    );
  });

  it('refuses a rate, duration or path the app would refuse', async () => {
    const user = userEvent.setup();
    renderWithStowage(<TrafficPanel {...props} runs={[]} />);
    const rate = screen.getByLabelText('Requests per second');
    await user.clear(rate);
    await user.type(rate, '501');
    expect(screen.getByText('A whole number from 1 to 500.')).toBeTruthy();
    const duration = screen.getByLabelText('For (seconds)');
    await user.clear(duration);
    await user.type(duration, '0');
    expect(screen.getByText('Whole seconds from 1 to 3600.')).toBeTruthy();
    const path = screen.getByLabelText('Path');
    await user.clear(path);
    await user.type(path, 'health');
    expect(screen.getByText('A path beginning with /.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Send traffic' })).toHaveProperty('disabled', true);
  });

  it('shows a running run’s answers by target and status with its percentiles, and stops it', async () => {
    const user = userEvent.setup();
    const { call } = renderWithStowage(<TrafficPanel {...props} runs={[run()]} />, {
      'ecs.traffic.stop': () => run({ stoppedAt: 1_700_000_006_000 }),
    });
    expect(screen.getByTestId('traffic-sent').textContent).toBe('Sending 120 requests at 20/s');
    expect(
      screen.getAllByTestId('traffic-target').map((item) => item.getAttribute('data-target')),
    ).toEqual(['10.0.0.1:80', '10.0.0.2:80']);
    expect(screen.getAllByTestId('traffic-status').map((chip) => chip.textContent)).toEqual([
      '200: 118',
      '503: 2',
    ]);
    expect(screen.getByTestId('traffic-latency').textContent).toBe('p50 1.3 ms · p99 4.5 ms');
    await user.click(screen.getByRole('button', { name: 'Stop traffic' }));
    await waitFor(() => expect(call).toHaveBeenCalledWith('ecs.traffic.stop', { id: 'run-1' }));
  });

  it('shows the newest run sent to this listener, naming the listener', async () => {
    renderWithStowage(
      <TrafficPanel
        {...props}
        runs={[
          run({ id: 'run-3', listenerArn: listenerArn('other'), sent: 40 }),
          run({ id: 'run-2', listenerArn: listenerArn('web'), sent: 80 }),
        ]}
      />,
    );
    expect(screen.getByTestId('traffic-sent').textContent).toBe('Sending 80 requests at 20/s');
    expect(screen.getByTestId('traffic-listener').textContent).toBe(
      'to web · HTTP:8080 · http://127.0.0.1:8080/',
    );
  });

  it('falls back to a run to its URL when the run does not name a listener', async () => {
    renderWithStowage(<TrafficPanel {...props} runs={[run()]} />);
    expect(screen.getByTestId('traffic-listener').textContent).toBe('to http://127.0.0.1:8080/');
  });
});
