import ArrowForwardIcon from '@mui/icons-material/ArrowForward';
import { Box, Link, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import type { TourStepResultOf } from '../../../../shared';
import { hashOf } from '../../../common/routes';
import { boxSx } from './picture-box';

/** One stage of a task's life, as a box in a row. */
function Stage({
  label,
  testId,
  children,
}: {
  label: string;
  testId: string;
  children: ReactNode;
}) {
  return (
    <Box sx={{ ...boxSx, flex: '1 1 12rem', minWidth: 0 }} data-testid={testId}>
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
      {children}
    </Box>
  );
}

const Arrow = () => (
  <ArrowForwardIcon color="action" sx={{ alignSelf: 'center', flex: 'none' }} aria-hidden />
);

const mono = { fontFamily: 'monospace', overflowWrap: 'anywhere' } as const;

/** The task, the container it became, the kill on the engine, and the stop ECS recorded. */
export function TasksPicture({ result }: { result: TourStepResultOf<'tasks'> }) {
  const { task } = result;
  return (
    <Stack direction="row" sx={{ gap: 1, flexWrap: 'wrap' }} data-testid="tasks-picture">
      <Stage label={`RunTask ${result.taskDefinition}`} testId="task-stage">
        <Link
          href={hashOf({ page: 'ecs', view: 'tasks', cluster: result.cluster, task: task.taskId })}
          sx={mono}
        >
          Task {task.taskId.slice(0, 8)}
        </Link>
        <Typography variant="body2">
          RUNNING after {(result.runningAfterMs / 1000).toFixed(1)} s in {task.availabilityZone}
        </Typography>
      </Stage>
      <Arrow />
      <Stage label="Its Docker container" testId="task-container">
        <Link href={hashOf({ page: 'containers', container: task.containerId })} sx={mono}>
          {task.containerName}
        </Link>
        <Typography variant="body2" sx={mono}>
          {task.containerId.slice(0, 12)}
        </Typography>
      </Stage>
      <Arrow />
      <Stage label="Killed outside the app" testId="task-kill">
        <Typography sx={mono}>{result.killedWith}</Typography>
        <Typography variant="body2">
          The container is {result.containerState}
          {result.containerExitCode === undefined ? '' : `, exit code ${result.containerExitCode}`}
        </Typography>
      </Stage>
      <Arrow />
      <Stage label={`The task is ${result.lastStatus}`} testId="task-stopped">
        <Typography sx={{ fontWeight: 500 }} data-testid="task-stopped-reason">
          {result.stoppedReason}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          stopCode {result.stopCode}
        </Typography>
      </Stage>
    </Stack>
  );
}
