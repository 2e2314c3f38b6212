import { Box, Chip, Link, Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import { useMemo } from 'react';
import { shortArn, type EcsContainerInstance, type EcsTask } from '../../../../shared';
import { formatRelativeTime } from '../../../common/format';
import { DataTable, type DataColumn } from '../../../common/table/DataTable';
import { useNow } from '../../../common/use-now';
import { useClusterTasks } from '../common/cluster-queries';
import { revisionName, taskHealth } from './service-view';

const stoppedShown = 10;

const healthColors = { HEALTHY: 'success', UNHEALTHY: 'error', UNKNOWN: 'default' } as const;

/** The service's tasks with their health and place; the recently stopped ones with why. */
export function ServiceTasks({
  cluster,
  serviceName,
  running,
  instances,
  onOpenTask,
}: {
  cluster: string;
  serviceName: string;
  running: readonly EcsTask[];
  instances: readonly EcsContainerInstance[];
  onOpenTask(taskArn: string): void;
}) {
  const now = useNow(30_000);
  // Only the latest few: a rollout of a thousand tasks leaves a thousand stopped for an hour.
  const latestStopped = useClusterTasks({
    cluster,
    desiredStatus: 'STOPPED',
    serviceName,
    stoppedLimit: stoppedShown,
  });
  const stopped = useMemo(
    () =>
      [...(latestStopped.data ?? [])]
        .sort((a, b) => (b.stoppedAt ?? 0) - (a.stoppedAt ?? 0))
        .slice(0, stoppedShown),
    [latestStopped.data],
  );
  const ec2Ids = useMemo(
    () =>
      new Map(
        instances.map((instance) => [instance.containerInstanceArn ?? '', instance.ec2InstanceId]),
      ),
    [instances],
  );
  const where = (task: EcsTask) =>
    `${task.launchType === 'FARGATE' ? 'Fargate' : (ec2Ids.get(task.containerInstanceArn ?? '') ?? '—')} · ${task.availabilityZone ?? ''}`;
  const columns: DataColumn<EcsTask>[] = [
    {
      id: 'task',
      header: 'Task',
      width: 150,
      identifying: true,
      monospace: true,
      cell: (task) => (
        <Link component="button" onClick={() => onOpenTask(task.taskArn ?? '')}>
          {shortArn(task.taskArn).slice(0, 12)}
        </Link>
      ),
    },
    {
      id: 'revision',
      header: 'Revision',
      width: 130,
      monospace: true,
      cell: (task) => revisionName(task.taskDefinitionArn),
    },
    { id: 'status', header: 'Status', width: 120, cell: (task) => task.lastStatus },
    {
      id: 'health',
      header: 'Health',
      width: 120,
      cell: (task) => (
        <Chip
          size="small"
          variant="outlined"
          label={taskHealth(task)}
          color={healthColors[taskHealth(task)]}
        />
      ),
    },
    { id: 'where', header: 'Instance · zone', cell: where, title: where },
    {
      id: 'started',
      header: 'Started',
      width: 170,
      cell: (task) => (task.startedAt ? formatRelativeTime(now, task.startedAt) : 'not yet'),
    },
  ];
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      {running.length === 0 ? (
        <Typography color="text.secondary" data-testid="service-tasks-empty">
          No tasks running: scale the service above 0, or see the events for why ECS cannot place
          them.
        </Typography>
      ) : (
        // Only the rows in view are drawn: a service may run thousands of tasks.
        <Box sx={{ display: 'flex', flexDirection: 'column', maxHeight: 480, flexShrink: 0 }}>
          <DataTable
            label="Tasks of the service"
            testId="service-tasks"
            rows={running}
            columns={columns}
            getRowId={(task) => task.taskArn ?? ''}
            rowHeight={41}
            rowAttributes={(task) => ({ 'data-task': task.taskArn ?? '' })}
          />
        </Box>
      )}
      {stopped.length > 0 && (
        <Box>
          <Typography variant="subtitle2" sx={{ mb: 0.5 }}>
            Recently stopped
          </Typography>
          <Table size="small" aria-label="Recently stopped tasks of the service">
            <TableBody>
              {stopped.map((task) => (
                <TableRow key={task.taskArn}>
                  <TableCell sx={{ fontFamily: 'monospace', width: 130 }}>
                    <Link component="button" onClick={() => onOpenTask(task.taskArn ?? '')}>
                      {shortArn(task.taskArn).slice(0, 12)}
                    </Link>
                  </TableCell>
                  <TableCell sx={{ width: 180 }}>
                    {task.stoppedAt ? formatRelativeTime(now, task.stoppedAt) : ''}
                  </TableCell>
                  <TableCell>{task.stoppedReason ?? task.stopCode ?? ''}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
    </Box>
  );
}
