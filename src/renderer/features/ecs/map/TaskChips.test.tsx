import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { EcsTask } from '../../../../shared';
import { chipLimit, stoppedLimit } from './map-window';
import type { MapTask, TaskStage } from './task-lifecycle';
import { TaskChips } from './TaskChips';

const arn = (id: string) => `arn:aws:ecs:us-east-1:000000000000:task/demo/${id}`;
const entry = (id: string, stage: TaskStage): MapTask => {
  const stopped = stage === 'stopped';
  const task: EcsTask = {
    taskArn: arn(id),
    taskDefinitionArn: 'arn:aws:ecs:us-east-1:000000000000:task-definition/web:1',
    desiredStatus: stopped ? 'STOPPED' : 'RUNNING',
    lastStatus: stopped ? 'STOPPED' : stage === 'starting' ? 'PENDING' : 'RUNNING',
    stoppedReason: stopped ? `stopped ${id}` : undefined,
  };
  return { task, stage, opacity: stopped ? 0.5 : 1 };
};
const entries = (prefix: string, count: number, stage: TaskStage) =>
  Array.from({ length: count }, (_, index) => entry(`${prefix}${index}`, stage));

describe('TaskChips', () => {
  it('draws every task of a small host, the picked ones marked', async () => {
    const onOpenTask = vi.fn();
    render(
      <TaskChips
        entries={[entry('a', 'running'), entry('b', 'starting'), entry('c', 'stopped')]}
        highlight={new Set([arn('a')])}
        onOpenTask={onOpenTask}
      />,
    );
    expect(screen.getAllByTestId('task-chip')).toHaveLength(3);
    const picked = document.querySelectorAll('[data-testid="task-chip"][data-highlighted="true"]');
    expect([...picked].map((chip) => chip.getAttribute('data-status'))).toEqual(['RUNNING']);
    expect(screen.getByTestId('stop-reason').textContent).toContain('stopped c');
    expect(screen.queryByTestId('more-tasks')).toBeNull();
    await userEvent.click(screen.getAllByTestId('task-chip')[1] as HTMLElement);
    expect(onOpenTask).toHaveBeenCalledWith(arn('b'));
  });

  it('sums up the tasks past the limit and shows them all, windowed, on demand', async () => {
    const many = [
      ...entries('s', 4, 'starting'),
      ...entries('r', chipLimit + 6, 'running'),
      ...entries('x', stoppedLimit + 3, 'stopped'),
    ];
    render(<TaskChips entries={many} onOpenTask={vi.fn()} />);
    const chips = screen.getAllByTestId('task-chip');
    expect(chips.filter((chip) => chip.dataset.stage !== 'stopped')).toHaveLength(chipLimit);
    expect(screen.getByTestId('more-tasks').textContent).toContain('10 more: 10 running');
    expect(screen.getAllByTestId('stopped-task')).toHaveLength(stoppedLimit);
    expect(screen.getByTestId('more-stopped').textContent).toContain('and 3 more stopped lately');

    await userEvent.click(screen.getByRole('button', { name: `Show all ${chipLimit + 10}` }));
    const all = screen.getByRole('region', { name: 'All tasks' });
    // Rows of three chips; only those in view are in the document.
    expect(all.getAttribute('data-count')).toBe(String(Math.ceil((chipLimit + 10) / 3)));
    expect(screen.queryByTestId('more-tasks')).toBeNull();
    expect(within(all).queryAllByTestId('task-chip').length).toBeLessThan(chipLimit + 10);

    await userEvent.click(screen.getByRole('button', { name: 'Show fewer' }));
    expect(screen.queryByRole('region', { name: 'All tasks' })).toBeNull();
    expect(screen.getByTestId('more-tasks').textContent).toContain('10 more');
  });
});
