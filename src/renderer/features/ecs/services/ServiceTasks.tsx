import {
  Box,
  Chip,
  Link,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { shortArn, type EcsContainerInstance, type EcsTask } from '../../../../shared';
import { formatRelativeTime } from '../../../common/format';
import { useNow } from '../../../common/use-now';
import { revisionName, taskHealth } from './service-view';

const healthColors = { HEALTHY: 'success', UNHEALTHY: 'error', UNKNOWN: 'default' } as const;

/** The service's tasks with their health and place; the recently stopped ones with why. */
export function ServiceTasks({
  running,
  stopped,
  instances,
  onOpenTask,
}: {
  running: readonly EcsTask[];
  stopped: readonly EcsTask[];
  instances: readonly EcsContainerInstance[];
  onOpenTask(taskArn: string): void;
}) {
  const now = useNow(30_000);
  const ec2Ids = new Map(
    instances.map((instance) => [instance.containerInstanceArn ?? '', instance.ec2InstanceId]),
  );
  const where = (task: EcsTask) =>
    `${task.launchType === 'FARGATE' ? 'Fargate' : (ec2Ids.get(task.containerInstanceArn ?? '') ?? '—')} · ${task.availabilityZone ?? ''}`;
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      {running.length === 0 ? (
        <Typography color="text.secondary" data-testid="service-tasks-empty">
          No tasks running: scale the service above 0, or see the events for why ECS cannot place
          them.
        </Typography>
      ) : (
        <Table size="small" aria-label="Tasks of the service" data-testid="service-tasks">
          <TableHead>
            <TableRow>
              <TableCell>Task</TableCell>
              <TableCell>Revision</TableCell>
              <TableCell>Status</TableCell>
              <TableCell>Health</TableCell>
              <TableCell>Instance · zone</TableCell>
              <TableCell>Started</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {running.map((task) => (
              <TableRow key={task.taskArn} data-task={task.taskArn}>
                <TableCell sx={{ fontFamily: 'monospace' }}>
                  <Link component="button" onClick={() => onOpenTask(task.taskArn ?? '')}>
                    {shortArn(task.taskArn).slice(0, 12)}
                  </Link>
                </TableCell>
                <TableCell sx={{ fontFamily: 'monospace' }}>
                  {revisionName(task.taskDefinitionArn)}
                </TableCell>
                <TableCell>{task.lastStatus}</TableCell>
                <TableCell>
                  <Chip
                    size="small"
                    variant="outlined"
                    label={taskHealth(task)}
                    color={healthColors[taskHealth(task)]}
                  />
                </TableCell>
                <TableCell>{where(task)}</TableCell>
                <TableCell>
                  {task.startedAt ? formatRelativeTime(now, task.startedAt) : 'not yet'}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
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
