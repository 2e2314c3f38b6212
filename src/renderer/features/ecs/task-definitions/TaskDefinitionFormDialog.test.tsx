import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithStowage } from '../../../test/render';
import { TaskDefinitionFormDialog } from './TaskDefinitionFormDialog';

const answers = { 'images.list': () => [] };

describe('TaskDefinitionFormDialog', () => {
  it('shows each problem at its field and registers nothing', async () => {
    const user = userEvent.setup();
    const { call } = renderWithStowage(
      <TaskDefinitionFormDialog open onClose={() => undefined} />,
      answers,
    );
    const container = screen.getByRole('group', { name: 'Container 1' });
    await user.type(within(container).getByLabelText('Memory (hard)'), 'lots');
    await user.click(screen.getByRole('button', { name: 'Register' }));
    expect(await within(container).findByText('A whole number up to 1,000,000.')).toBeTruthy();
    expect(call.mock.calls.map(([name]) => name)).not.toContain('ecs.taskDefinitions.register');
  });

  it('registers a valid definition and closes', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    const { call } = renderWithStowage(<TaskDefinitionFormDialog open onClose={onClose} />, {
      ...answers,
      'ecs.taskDefinitions.register': () => ({ family: 'web', revision: 1 }),
    });
    await user.type(screen.getByLabelText('Family'), 'web');
    const container = screen.getByRole('group', { name: 'Container 1' });
    await user.type(within(container).getByLabelText('Container name'), 'app');
    await user.type(within(container).getByLabelText('Image'), 'nginx:1');
    await user.type(within(container).getByLabelText('Memory (hard)'), '128');
    await user.click(screen.getByRole('button', { name: 'Register' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    const registered = call.mock.calls.find(([name]) => name === 'ecs.taskDefinitions.register');
    expect(registered?.[1]).toMatchObject({
      definition: {
        family: 'web',
        containerDefinitions: [{ name: 'app', image: 'nginx:1', memory: 128 }],
      },
    });
  });
});
