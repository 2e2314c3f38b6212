import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { StowageError } from '../../../shared';
import { renderWithStowage } from '../../test/render';
import { PullDialog } from './PullDialog';

const pullButton = () => screen.getByRole('button', { name: 'Pull' });
const referenceField = () => screen.getByLabelText('Image reference');

describe('PullDialog', () => {
  it('shows what is wrong with the reference and pulls nothing', async () => {
    const user = userEvent.setup();
    const { stream } = renderWithStowage(<PullDialog open onClose={vi.fn()} />);
    await user.type(referenceField(), 'Team/App:1.0{Enter}');
    expect(referenceField().getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByText(/As for docker pull/)).toBeNull();
    expect(pullButton()).toHaveProperty('disabled', true);
    expect(stream).not.toHaveBeenCalled();
  });

  it('pulls the reference as typed and says when it is done', async () => {
    const user = userEvent.setup();
    const { stream } = renderWithStowage(
      <PullDialog open onClose={vi.fn()} />,
      {},
      {
        'images.pull': ({ reference }, send) => {
          send({ id: 'a1b2c3', status: 'Pull complete' });
          return { reference, id: 'sha256:feed' };
        },
      },
    );
    await user.type(referenceField(), ' localhost:5000/team/app:1.0 ');
    await user.click(pullButton());
    expect((await screen.findByTestId('pull-done')).textContent).toContain(
      'Pulled localhost:5000/team/app:1.0.',
    );
    expect(stream).toHaveBeenCalledTimes(1);
    expect(stream.mock.calls[0]?.slice(0, 2)).toEqual([
      'images.pull',
      { reference: 'localhost:5000/team/app:1.0' },
    ]);
  });

  it('shows the registry refusing the pull', async () => {
    const user = userEvent.setup();
    renderWithStowage(
      <PullDialog open onClose={vi.fn()} />,
      {},
      {
        'images.pull': () => {
          throw new StowageError('NOT_FOUND', 'manifest for team/app:9 not found');
        },
      },
    );
    await user.type(referenceField(), 'team/app:9');
    await user.click(pullButton());
    expect((await screen.findByTestId('pull-error')).textContent).toContain(
      'manifest for team/app:9 not found',
    );
    expect(pullButton()).toHaveProperty('disabled', false);
  });
});
