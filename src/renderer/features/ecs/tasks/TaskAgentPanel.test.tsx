import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { EcsTaskAgent } from '../../../../shared/contract/ecs-agent';
import { renderWithStowage } from '../../../test/render';
import { TaskAgentPanel } from './TaskAgentPanel';

const taskArn = 'arn:aws:ecs:us-east-1:000000000000:task/demo/0123456789abcdef';
const taskRole = 'arn:aws:iam::000000000000:role/orders-reader';

const served: EcsTaskAgent = {
  served: true,
  endpoint: { baseUrl: 'http://169.254.170.2', relativeUri: true },
  roles: [
    { kind: 'task', roleArn: taskRole, accessKeyId: 'ASIAEXAMPLEEXAMPLE12', expiration: 1e12 },
    { kind: 'execution', roleArn: 'arn:aws:iam::000000000000:role/ecsTaskExecutionRole' },
  ],
  requests: [
    { at: 1e12, method: 'GET', path: '/v4/01234567…', status: 200 },
    { at: 1e12 + 1, method: 'GET', path: '/v2/credentials/89abcdef…', status: 200 },
  ],
};

describe('TaskAgentPanel', () => {
  it('shows the roles with the access key id only, and the requests newest first', async () => {
    renderWithStowage(<TaskAgentPanel taskArn={taskArn} running />, {
      'ecs.tasks.agent': () => served,
    });
    const taskRow = await screen.findByTestId('task-role-task');
    expect(taskRow.textContent).toContain(taskRole);
    expect(taskRow.textContent).toContain('ASIAEXAMPLEEXAMPLE12');
    expect(screen.getByTestId('task-role-execution').textContent).toContain('never given');
    const rows = within(screen.getByTestId('task-agent-requests')).getAllByRole('row');
    expect(rows[1]?.textContent).toContain('/v2/credentials/89abcdef…');
    expect(rows[2]?.textContent).toContain('/v4/01234567…');
  });

  it('runs who-am-I in the task and shows the role the container holds', async () => {
    const user = userEvent.setup();
    const arn = 'arn:aws:sts::000000000000:assumed-role/orders-reader/0123456789abcdef';
    const { call } = renderWithStowage(<TaskAgentPanel taskArn={taskArn} running />, {
      'ecs.tasks.agent': () => served,
      'ecs.tasks.whoami': () => ({ source: 'task-role', arn, account: '000000000000' }),
    });
    await user.click(screen.getByRole('button', { name: 'Who am I in this task?' }));
    expect((await screen.findByTestId('task-role-answer')).textContent).toContain(arn);
    expect(call).toHaveBeenCalledWith('ecs.tasks.whoami', { taskArn });
  });

  it('says when the container finds no task role', async () => {
    const user = userEvent.setup();
    renderWithStowage(<TaskAgentPanel taskArn={taskArn} running />, {
      'ecs.tasks.agent': () => ({ ...served, roles: [], requests: [] }),
      'ecs.tasks.whoami': () => ({
        source: 'none',
        detail: 'no task role credentials in this container',
      }),
    });
    expect((await screen.findByTestId('task-agent-no-role')).textContent).toContain('No task role');
    await user.click(screen.getByRole('button', { name: 'Who am I in this task?' }));
    expect((await screen.findByTestId('task-role-answer')).textContent).toContain(
      'no task role credentials in this container',
    );
  });

  it('says when the container holds the instance role instead', async () => {
    const user = userEvent.setup();
    const arn = 'arn:aws:sts::000000000000:assumed-role/ecsInstanceRole/i-0123456789abcdef0';
    renderWithStowage(<TaskAgentPanel taskArn={taskArn} running />, {
      'ecs.tasks.agent': () => ({ ...served, roles: [] }),
      'ecs.tasks.whoami': () => ({ source: 'instance-role', arn, account: '000000000000' }),
    });
    await user.click(screen.getByRole('button', { name: 'Who am I in this task?' }));
    const answer = await screen.findByTestId('task-role-answer');
    expect(answer.textContent).toContain('instance role (it has no task role)');
    expect(answer.textContent).toContain(arn);
  });

  it('cannot ask a task that is not running', async () => {
    renderWithStowage(<TaskAgentPanel taskArn={taskArn} running={false} />, {
      'ecs.tasks.agent': () => ({ served: false, roles: [], requests: [] }),
    });
    expect((await screen.findByTestId('task-agent-no-role')).textContent).toContain(
      'serves this task nothing',
    );
    expect(screen.getByRole('button', { name: 'Who am I in this task?' })).toHaveProperty(
      'disabled',
      true,
    );
  });
});
