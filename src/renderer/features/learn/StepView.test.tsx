import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { StowageError, type TourStepStatus } from '../../../shared';
import { renderWithStowage } from '../../test/render';
import { StepView } from './StepView';

const kernelStep: TourStepStatus = {
  id: 'kernel',
  title: 'Containers share the host’s kernel',
  needs: ['A Docker engine'],
  state: 'done',
  created: [{ kind: 'container', id: 'c1', name: 'stowage-tour-kernel-1' }],
  message: 'Both containers and the host run kernel 6.1.0.',
  result: {
    step: 'kernel',
    hostKernel: '6.1.0',
    containers: [
      { name: 'stowage-tour-kernel-1', kernel: '6.1.0' },
      { name: 'stowage-tour-kernel-2', kernel: '6.1.0' },
    ],
    startMs: [410, 390],
    containerMemoryBytes: 500_000,
    hostMemoryBytes: 8_000_000_000,
    fitEstimate: 16_000,
  },
};

const view = (
  step: TourStepStatus,
  onChanged = vi.fn(async () => undefined),
  presenter = false,
) => (
  <StepView
    step={step}
    number={1}
    total={3}
    presenter={presenter}
    previous={undefined}
    next="layers"
    onChanged={onChanged}
  />
);

describe('StepView', () => {
  it('runs the step, shows what it did, and the engine’s refusal in words', async () => {
    const user = userEvent.setup();
    const onChanged = vi.fn(async () => undefined);
    const { stream } = renderWithStowage(
      view({ ...kernelStep, state: 'not-started', created: [] }, onChanged),
      {},
      {
        'tour.steps.run': (_input, send) => {
          send({ message: 'The engine’s host runs kernel 6.1.0.' });
          throw new StowageError('DOCKER_UNREACHABLE', 'No Docker engine answers.');
        },
      },
    );
    await user.click(screen.getByRole('button', { name: 'Run two containers' }));
    expect(await screen.findByTestId('step-error')).toHaveProperty(
      'textContent',
      'No Docker engine answers.',
    );
    expect(screen.getByTestId('step-progress').textContent).toContain('kernel 6.1.0');
    expect(stream.mock.calls[0]?.slice(0, 2)).toEqual(['tour.steps.run', { step: 'kernel' }]);
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
  });

  it('draws the result and resets the step only once confirmed', async () => {
    const user = userEvent.setup();
    const onChanged = vi.fn(async () => undefined);
    const { call } = renderWithStowage(view(kernelStep, onChanged), {
      'tour.steps.reset': () => ({ removed: kernelStep.created, kept: [] }),
    });
    expect(screen.getAllByTestId('kernel-version').map((node) => node.textContent)).toEqual([
      '6.1.0',
      '6.1.0',
      '6.1.0',
    ]);
    await user.click(screen.getByRole('button', { name: 'Reset step' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reset this step?' });
    expect(dialog.textContent).toContain('container stowage-tour-kernel-1');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(call).not.toHaveBeenCalled();
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await user.click(screen.getByRole('button', { name: 'Reset step' }));
    const again = await screen.findByRole('dialog', { name: 'Reset this step?' });
    await user.click(within(again).getByRole('button', { name: 'Reset step' }));
    await waitFor(() => expect(call).toHaveBeenCalledWith('tour.steps.reset', { step: 'kernel' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
  });

  it('hides the reset in presenter mode', () => {
    renderWithStowage(view(kernelStep, undefined, true));
    expect(screen.queryByRole('button', { name: 'Reset step' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Next step' })).toHaveProperty('disabled', false);
  });
});
