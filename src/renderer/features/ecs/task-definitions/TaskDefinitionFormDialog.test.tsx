import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { StowageError } from '../../../../shared';
import { renderWithStowage } from '../../../test/render';
import { TaskDefinitionFormDialog } from './TaskDefinitionFormDialog';

const answers = { 'images.list': () => [] };

/** The text under a field: its problem, or its hint. */
function helperOf(field: HTMLElement): string {
  const described = field.getAttribute('aria-describedby') ?? '';
  return document.getElementById(described)?.textContent ?? '';
}

const registerCalls = (call: { mock: { calls: unknown[][] } }) =>
  call.mock.calls.filter(([name]) => name === 'ecs.taskDefinitions.register');

describe('TaskDefinitionFormDialog', () => {
  it('shows each problem at its field and registers nothing', async () => {
    const user = userEvent.setup();
    const { call } = renderWithStowage(
      <TaskDefinitionFormDialog open onClose={() => undefined} />,
      answers,
    );
    const container = screen.getByRole('group', { name: 'Container 1' });
    await user.type(within(container).getByLabelText('Memory (hard)'), 'lots');
    // A number that is not one is said at once, before Register.
    expect(within(container).getByText('A whole number up to 1,000,000.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Register' }));
    expect(helperOf(screen.getByLabelText('Family'))).toBe('Name the family.');
    expect(helperOf(within(container).getByLabelText('Container name'))).toBe(
      'Name the container.',
    );
    expect(helperOf(within(container).getByLabelText('Image'))).toBe('Name an image.');
    const summary = screen.getByTestId('form-problems');
    expect(summary.textContent).toContain('Family: Name the family.');
    expect(summary.textContent).toContain('Container 1, memory: A whole number up to 1,000,000.');
    expect(registerCalls(call)).toEqual([]);
  });

  it('switches to awsvpc when Fargate is ticked, and says so at once', async () => {
    const user = userEvent.setup();
    renderWithStowage(<TaskDefinitionFormDialog open onClose={() => undefined} />, answers);
    const mode = screen.getByRole('combobox', { name: 'Network mode' });
    expect(mode.textContent).toBe('bridge');
    await user.click(screen.getByRole('checkbox', { name: 'Fargate' }));
    expect(mode.textContent).toBe('awsvpc');
    expect(screen.getByRole('status').textContent).toBe('Was bridge: Fargate runs awsvpc only.');
    expect(helperOf(screen.getByLabelText('Task CPU'))).toBe('Fargate needs it');
  });

  it('registers a valid definition with its command and entry point, and closes', async () => {
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
    await user.type(within(container).getByLabelText('Entry point'), 'sh -c');
    await user.type(within(container).getByLabelText('Command'), `'echo hi; sleep 60'`);
    await user.click(within(container).getByRole('button', { name: 'Add port mapping' }));
    await user.type(within(container).getByLabelText('Container port'), '80');
    await user.click(screen.getByRole('button', { name: 'Register' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(registerCalls(call)[0]?.[1]).toMatchObject({
      definition: {
        family: 'web',
        containerDefinitions: [
          {
            name: 'app',
            image: 'nginx:1',
            memory: 128,
            entryPoint: ['sh', '-c'],
            command: ['echo hi; sleep 60'],
            portMappings: [{ containerPort: 80, protocol: 'tcp' }],
          },
        ],
      },
    });
  });

  it('shows ECS’s refusal at the field it is about', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    const refusal = "Invalid 'memory' setting for container 'app'. Minimum is 6 MiB.";
    renderWithStowage(<TaskDefinitionFormDialog open onClose={onClose} />, {
      ...answers,
      'ecs.taskDefinitions.register': () => {
        throw new StowageError('ECS_CLIENT_EXCEPTION', refusal);
      },
    });
    await user.type(screen.getByLabelText('Family'), 'web');
    const container = screen.getByRole('group', { name: 'Container 1' });
    await user.type(within(container).getByLabelText('Container name'), 'app');
    await user.type(within(container).getByLabelText('Image'), 'nginx:1');
    await user.type(within(container).getByLabelText('Memory (hard)'), '2{Enter}');
    const memory = within(container).getByLabelText('Memory (hard)');
    await waitFor(() => expect(helperOf(memory)).toBe(refusal));
    expect(memory.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('td-form-error').textContent).toContain(refusal);
    expect(onClose).not.toHaveBeenCalled();
  });
});
