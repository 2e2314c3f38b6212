import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { EcsTask } from '../../../../shared';
import { renderWithStowage } from '../../../test/render';
import { layOutTables } from '../../../test/page';
import { TasksTab } from './TasksTab';

const task = (id: string, createdAt: number): EcsTask => ({
  taskArn: `arn:aws:ecs:us-east-1:000000000000:task/demo/${id}`,
  taskDefinitionArn: 'arn:aws:ecs:us-east-1:000000000000:task-definition/web:1',
  lastStatus: 'RUNNING',
  desiredStatus: 'RUNNING',
  launchType: 'FARGATE',
  availabilityZone: 'us-east-1a',
  createdAt,
  containers: [],
});

const running = [task('1111aaaa', 3), task('2222bbbb', 2), task('3333cccc', 1)];

/** The tab with its place held as the URL would hold it: one task open, or several chosen. */
function Routed({ initial, moves }: { initial: string[] | undefined; moves: unknown[] }) {
  const [place, setPlace] = useState<{ task?: string; selected?: string[] }>(
    initial ? { selected: initial } : {},
  );
  return (
    <TasksTab
      cluster="demo"
      openTask={place.task}
      chosenInUrl={place.selected}
      filter={{}}
      onChoose={(taskId, selected) => {
        moves.push([taskId, selected]);
        setPlace(taskId === undefined ? (selected ? { selected } : {}) : { task: taskId });
      }}
      onFilter={() => undefined}
    />
  );
}

const answers = {
  'ecs.tasks.list': () => running,
  'ecs.instances.list': () => [],
};
const chosenRows = () =>
  screen
    .getAllByRole('row')
    .filter((row) => row.getAttribute('aria-selected') === 'true')
    .map((row) => row.getAttribute('data-task') ?? '');

beforeEach(() => layOutTables());

describe('several tasks chosen', () => {
  it('are named by task id, and a choice of one opens it', async () => {
    const user = userEvent.setup();
    const moves: unknown[] = [];
    renderWithStowage(<Routed initial={undefined} moves={moves} />, answers);
    await user.click(await screen.findByText('1111aaaa', {}, { timeout: 10_000 }));
    expect(moves).toEqual([['1111aaaa', undefined]]);
    await user.keyboard('{Control>}');
    await user.click(screen.getByText('3333cccc'));
    await user.keyboard('{/Control}');
    expect(moves.at(-1)).toEqual([undefined, ['1111aaaa', '3333cccc']]);
    expect(screen.getByRole('button', { name: 'Stop 2 tasks…' })).toBeTruthy();
  });

  it('are chosen again from the URL, and one stopped since is named', async () => {
    const moves: unknown[] = [];
    renderWithStowage(
      <Routed initial={['2222bbbb', '9999ffff', '3333cccc']} moves={moves} />,
      answers,
    );
    const note = await screen.findByTestId('chosen-tasks-gone', {}, { timeout: 10_000 });
    expect(note.textContent).toContain('is no longer listed: 9999ffff.');
    await waitFor(() => expect(chosenRows()).toHaveLength(2));
    expect(chosenRows().map((arn) => arn.split('/').at(-1))).toEqual(['2222bbbb', '3333cccc']);
    expect(screen.getByTestId('tasks-count').textContent).toContain('2 selected');
    expect(screen.queryByTestId('task-detail')).toBeNull();
    expect(moves).toEqual([]);
  });
});
