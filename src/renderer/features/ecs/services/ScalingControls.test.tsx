import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EcsService } from '../../../../shared';
import { renderWithStowage } from '../../../test/render';
import { ScalingControls, sliderMaximum } from './ScalingControls';

const service: EcsService = {
  serviceName: 'shop',
  status: 'ACTIVE',
  desiredCount: 2,
  runningCount: 2,
  pendingCount: 0,
};

const updates = (call: ReturnType<typeof renderWithStowage>['call']) =>
  call.mock.calls.filter(([name]) => name === 'ecs.services.update').map(([, input]) => input);

// Fake timers make "the user paused" a step of the test, not a wait.
beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('ScalingControls', () => {
  it('gathers quick steps into one UpdateService once the user pauses', async () => {
    const { call } = renderWithStowage(
      <ScalingControls cluster="demo" service={service} debounceMs={400} />,
      { 'ecs.services.update': () => ({ ...service, desiredCount: 5 }) },
    );
    const more = screen.getByRole('button', { name: 'One task more' });
    fireEvent.click(more);
    fireEvent.click(more);
    fireEvent.click(more);
    expect(screen.getByLabelText('Desired tasks')).toHaveProperty('value', '5');
    expect(screen.getByTestId('scaling-counts').textContent).toContain('Scaling to 5…');
    await act(() => vi.advanceTimersByTimeAsync(399));
    expect(updates(call)).toEqual([]);
    await act(() => vi.advanceTimersByTimeAsync(1));
    expect(updates(call)).toEqual([
      { request: { cluster: 'demo', service: 'shop', desiredCount: 5 } },
    ]);
  });

  it('scales from the slider and the typed count, never below 0', async () => {
    const { call } = renderWithStowage(
      <ScalingControls cluster="demo" service={{ ...service, desiredCount: 0 }} debounceMs={100} />,
      { 'ecs.services.update': () => service },
    );
    expect(screen.getByRole('button', { name: 'One task fewer' })).toHaveProperty('disabled', true);
    const slider = screen.getByRole('slider', { name: 'Desired tasks slider' });
    fireEvent.keyDown(slider, { key: 'End' });
    expect(screen.getByLabelText('Desired tasks')).toHaveProperty('value', '10');
    await act(() => vi.advanceTimersByTimeAsync(100));
    fireEvent.change(screen.getByLabelText('Desired tasks'), { target: { value: '7' } });
    await act(() => vi.advanceTimersByTimeAsync(100));
    expect(
      updates(call).map(
        (input) => (input as { request: { desiredCount: number } }).request.desiredCount,
      ),
    ).toEqual([10, 7]);
  });

  it('sends nothing when the count comes back to where it was', async () => {
    const { call } = renderWithStowage(
      <ScalingControls cluster="demo" service={service} debounceMs={100} />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'One task more' }));
    fireEvent.click(screen.getByRole('button', { name: 'One task fewer' }));
    await act(() => vi.advanceTimersByTimeAsync(200));
    expect(call).not.toHaveBeenCalled();
  });

  it('shows ECS’s refusal and goes back to the service’s count', async () => {
    renderWithStowage(<ScalingControls cluster="demo" service={service} debounceMs={100} />, {
      'ecs.services.update': () => {
        throw new Error('ServiceNotActiveException: Service was not ACTIVE.');
      },
    });
    fireEvent.click(screen.getByRole('button', { name: 'One task more' }));
    await act(() => vi.advanceTimersByTimeAsync(100));
    expect(screen.getByTestId('scale-error').textContent).toContain('Service was not ACTIVE.');
    expect(screen.getByLabelText('Desired tasks')).toHaveProperty('value', '2');
  });

  it('gives the slider room to double the count', () => {
    expect(sliderMaximum(0)).toBe(10);
    expect(sliderMaximum(7)).toBe(20);
    expect(sliderMaximum(4000)).toBe(5000);
  });
});
