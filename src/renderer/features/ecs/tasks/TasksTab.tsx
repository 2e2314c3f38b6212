import { Box, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { useMemo, useState } from 'react';
import { shortArn, type EcsTask } from '../../../../shared';
import { useStowageQuery } from '../../../api';
import { formatRelativeTime } from '../../../common/format';
import { QueryErrorAlert } from '../../../common/QueryErrorAlert';
import { DataTable, type DataColumn } from '../../../common/table/DataTable';
import type { Selection } from '../../../common/table/selection';
import { familyColor } from '../family-colors';
import { taskFamily } from '../map/instance-view';
import { TaskDetail } from './TaskDetail';
import { useNow } from '../../../common/use-now';

type DesiredStatus = 'RUNNING' | 'STOPPED';

/** The cluster's tasks, meant to run or stopped, and the chosen one in detail. */
export function TasksTab({
  cluster,
  openTask,
  onOpenTask,
}: {
  cluster: string;
  /** The id of the task shown in detail. */
  openTask: string | undefined;
  onOpenTask(taskId: string | undefined): void;
}) {
  const [desiredStatus, setDesiredStatus] = useState<DesiredStatus>('RUNNING');
  const tasks = useStowageQuery('ecs.tasks.list', { cluster, desiredStatus });
  const instances = useStowageQuery('ecs.instances.list', { cluster });
  const now = useNow(30_000);
  const ec2Ids = useMemo(
    () =>
      new Map(
        (instances.data ?? []).map((instance) => [
          instance.containerInstanceArn ?? '',
          instance.ec2InstanceId ?? '',
        ]),
      ),
    [instances.data],
  );
  const rows = useMemo(
    () => [...(tasks.data ?? [])].sort((a, b) => (b.createdAt ?? 0) - (a.createdAt ?? 0)),
    [tasks.data],
  );
  const selection: Selection = {
    selected: new Set(openTask ? [openTask] : []),
    anchor: openTask,
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
      cell: (task) =>
        `${task.launchType === 'FARGATE' ? 'Fargate' : (ec2Ids.get(task.containerInstanceArn ?? '') ?? shortArn(task.containerInstanceArn))} · ${task.availabilityZone ?? ''}`,
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
      <ToggleButtonGroup
        size="small"
        exclusive
        value={desiredStatus}
        aria-label="Show tasks"
        onChange={(_event, next: DesiredStatus | null) => next && setDesiredStatus(next)}
      >
        <ToggleButton value="RUNNING">Meant to run</ToggleButton>
        <ToggleButton value="STOPPED">Stopped</ToggleButton>
      </ToggleButtonGroup>
      {tasks.error && (
        <QueryErrorAlert
          error={tasks.error}
          failedTo="list tasks"
          refreshes="the list refreshes"
          testId="tasks-error"
        />
      )}
      {tasks.data && rows.length === 0 && (
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
          selection={{
            value: selection,
            onChange: (next) => onOpenTask([...next.selected].at(-1)),
          }}
        />
      )}
      {openTask && (
        <TaskDetail
          key={openTask}
          cluster={cluster}
          taskId={openTask}
          onClose={() => onOpenTask(undefined)}
        />
      )}
    </Box>
  );
}
