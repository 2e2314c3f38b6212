import StopIcon from '@mui/icons-material/Stop';
import { Box, Button, Stack, Typography } from '@mui/material';
import { useMemo } from 'react';
import { shortArn, type EcsTask } from '../../../../shared';
import { useStowageMutation } from '../../../api';
import { useClusterInstances, useClusterTasks } from '../common/cluster-queries';
import { useConfirm } from '../../../common/ConfirmDialog';
import { formatRelativeTime } from '../../../common/format';
import { MutationErrorAlert } from '../../../common/MutationErrorAlert';
import { QueryErrorAlert } from '../../../common/QueryErrorAlert';
import type { TaskFilter } from '../../../common/routes';
import { DataTable, type DataColumn } from '../../../common/table/DataTable';
import { RoutedItemsGone } from '../../../common/list/ListStates';
import {
  goneFromUrl,
  resolveChosen,
  sameId,
  useRoutedSelection,
} from '../../../common/list/routed-selection';
import { emptySelection } from '../../../common/table/selection';
import { familyColor } from '../family-colors';
import { taskFamily } from '../map/instance-view';
import { instanceIds } from '../map/task-lifecycle';
import { TaskDetail } from './TaskDetail';
import { TaskFilters } from './TaskFilters';
import { filterChoices, filterTasks, hostOf, isNarrowed } from './task-filter';
import { useNow } from '../../../common/use-now';

/**
 * The cluster's tasks, meant to run or stopped, filtered as the URL says, and one in detail or
 * several chosen (by task id in the URL too).
 */
export function TasksTab({
  cluster,
  openTask,
  chosenInUrl,
  filter,
  onChoose,
  onFilter,
}: {
  cluster: string;
  /** The id of the task shown in detail. */
  openTask: string | undefined;
  /** The ids of several tasks chosen, none in detail. */
  chosenInUrl: readonly string[] | undefined;
  filter: TaskFilter;
  /** Opens one task (or none), or names several chosen. */
  onChoose(taskId: string | undefined, selected?: string[]): void;
  onFilter(next: TaskFilter): void;
}) {
  const desiredStatus = filter.desired === 'STOPPED' ? 'STOPPED' : 'RUNNING';
  const tasks = useClusterTasks({ cluster, desiredStatus });
  const instances = useClusterInstances(cluster);
  const now = useNow(30_000);
  const [chosen, choose] = useRoutedSelection({
    key: openTask,
    selected: chosenInUrl,
    go: onChoose,
  });
  const [dialog, confirm] = useConfirm();
  const stopping = useStowageMutation();
  const ec2Ids = useMemo(() => instanceIds(instances.data ?? []), [instances.data]);
  const listed = useMemo(
    () => [...(tasks.data ?? [])].sort((a, b) => (b.createdAt ?? 0) - (a.createdAt ?? 0)),
    [tasks.data],
  );
  const choices = useMemo(() => filterChoices(listed, ec2Ids), [listed, ec2Ids]);
  const rows = useMemo(() => filterTasks(listed, filter, ec2Ids), [listed, filter, ec2Ids]);
  const rowIds = rows.map((task) => shortArn(task.taskArn));
  // Only rows shown stay picked.
  const selection = resolveChosen(chosen, rowIds, sameId);
  const picked = rows.filter((task) => selection.selected.has(shortArn(task.taskArn)));
  const stoppable = picked.filter((task) => task.desiredStatus !== 'STOPPED');
  const gone = tasks.data
    ? goneFromUrl(
        chosenInUrl,
        listed.map((task) => shortArn(task.taskArn)),
      )
    : [];

  const stopPicked = async () => {
    const ids = stoppable.map((task) => shortArn(task.taskArn));
    const confirmed = await confirm({
      title: ids.length === 1 ? 'Stop the task?' : `Stop ${ids.length} tasks?`,
      message:
        'Each gets SIGTERM, then SIGKILL after its stop timeout, and stays in the Stopped list for an hour.',
      items: ids,
      confirmLabel: ids.length === 1 ? 'Stop task' : `Stop ${ids.length} tasks`,
    });
    if (!confirmed) return;
    const done = await stopping.run(async (client) => {
      for (const task of ids) await client.call('ecs.tasks.stop', { cluster, task });
    });
    if (done.ok) choose(emptySelection);
  };

  const columns: DataColumn<EcsTask>[] = [
    {
      id: 'task',
      header: 'Task',
      identifying: true,
      monospace: true,
      cell: (task) => shortArn(task.taskArn),
      title: (task) => task.taskArn ?? '',
    },
    {
      id: 'definition',
      header: 'Task definition',
      width: 180,
      cell: (task) => (
        <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 1 }}>
          <Box
            component="span"
            sx={{
              width: 10,
              height: 10,
              borderRadius: '50%',
              bgcolor: familyColor(taskFamily(task)),
            }}
          />
          {shortArn(task.taskDefinitionArn)}
        </Box>
      ),
    },
    { id: 'last', header: 'Last status', width: 130, cell: (task) => task.lastStatus },
    { id: 'desired', header: 'Desired', width: 100, cell: (task) => task.desiredStatus },
    { id: 'launch', header: 'Launch type', width: 110, cell: (task) => task.launchType },
    {
      id: 'where',
      header: 'Instance / zone',
      cell: (task) => `${hostOf(task, ec2Ids)} · ${task.availabilityZone ?? ''}`,
      title: (task) => task.containerInstanceArn ?? 'Fargate: no container instance',
    },
    {
      id: 'started',
      header: 'Started',
      width: 190,
      cell: (task) => (task.startedAt ? formatRelativeTime(now, task.startedAt) : '—'),
    },
  ];

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2, minHeight: 0, flex: 1 }}>
      <TaskFilters filter={filter} choices={choices} onChange={onFilter} />
      <Stack direction="row" sx={{ gap: 1, alignItems: 'center' }}>
        <Button
          color="error"
          variant="outlined"
          size="small"
          startIcon={<StopIcon />}
          disabled={stoppable.length === 0 || stopping.busy}
          onClick={() => void stopPicked()}
        >
          {stoppable.length > 1 ? `Stop ${stoppable.length} tasks…` : 'Stop task…'}
        </Button>
        <Typography variant="body2" color="text.secondary" data-testid="tasks-count">
          {isNarrowed(filter) ? `${rows.length} of ${listed.length}` : listed.length}{' '}
          {listed.length === 1 ? 'task' : 'tasks'}
          {picked.length > 0 ? ` · ${picked.length} selected` : ''}
        </Typography>
      </Stack>
      <MutationErrorAlert mutation={stopping} testId="tasks-stop-error" />
      {tasks.error && (
        <QueryErrorAlert
          error={tasks.error}
          failedTo="list tasks"
          refreshes="the list refreshes"
          testId="tasks-error"
        />
      )}
      {gone.length > 0 && (
        <RoutedItemsGone
          testId="chosen-tasks-gone"
          plural="tasks"
          names={gone}
          why={
            desiredStatus === 'RUNNING'
              ? 'They have stopped since: “Stopped” lists them for an hour.'
              : 'Stopped tasks are listed for an hour after they stop.'
          }
          onDismiss={() => choose(selection)}
        />
      )}
      {tasks.data && listed.length > 0 && rows.length === 0 && (
        <Box sx={{ py: 6, textAlign: 'center' }} data-testid="tasks-filtered-out">
          <Typography variant="h6">No task matches the filter</Typography>
          <Typography color="text.secondary">
            {listed.length} {listed.length === 1 ? 'task is' : 'tasks are'} hidden by it: clear the
            filters to see them.
          </Typography>
        </Box>
      )}
      {tasks.data && listed.length === 0 && (
        <Box sx={{ py: 6, textAlign: 'center' }} data-testid="tasks-empty">
          <Typography variant="h6">
            {desiredStatus === 'RUNNING' ? 'No tasks running' : 'No stopped tasks'}
          </Typography>
          <Typography color="text.secondary">
            {desiredStatus === 'RUNNING'
              ? 'Run a task from the Task definitions tab: choose a revision and Run task.'
              : 'Stopped tasks stay here for an hour after they stop.'}
          </Typography>
        </Box>
      )}
      {rows.length > 0 && (
        <DataTable
          label="Task list"
          testId="tasks-table"
          rows={rows}
          columns={columns}
          getRowId={(task) => shortArn(task.taskArn)}
          rowAttributes={(task) => ({
            'data-task': task.taskArn ?? '',
            'data-status': task.lastStatus ?? '',
          })}
          selection={{ value: selection, onChange: choose }}
        />
      )}
      {openTask && (
        <TaskDetail
          key={openTask}
          cluster={cluster}
          taskId={openTask}
          onClose={() => choose(emptySelection)}
        />
      )}
      {dialog}
    </Box>
  );
}
