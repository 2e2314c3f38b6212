import { Box, Chip, Link, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import type { TourStepResultOf, TourTask } from '../../../../shared';
import { hashOf } from '../../../common/routes';
import { boxSx } from './picture-box';

type ServicesResult = TourStepResultOf<'services'>;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mono = { fontFamily: 'monospace', overflowWrap: 'anywhere' } as const;

/** One part of the step's story: a numbered heading, what happened, and its picture. */
function Part({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <Stack component="section" aria-label={title} sx={{ ...boxSx, gap: 1 }} data-testid={testId}>
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
        {title}
      </Typography>
      {children}
    </Stack>
  );
}

function TaskChip({
  task,
  cluster,
  tone,
}: {
  task: TourTask;
  cluster: string;
  tone?: 'gone' | 'new';
}) {
  return (
    <Chip
      size="small"
      component="a"
      clickable
      href={hashOf({ page: 'ecs', view: 'tasks', cluster, task: task.taskId })}
      label={`task ${task.taskId.slice(0, 8)}`}
      color={tone === 'new' ? 'secondary' : tone === 'gone' ? 'default' : 'primary'}
      variant={tone === 'gone' ? 'outlined' : 'filled'}
      sx={tone === 'gone' ? { textDecoration: 'line-through' } : undefined}
      data-testid="service-task"
      data-task={task.taskId}
    />
  );
}

/** A column per zone, its tasks as chips. */
function Zones({
  zones,
  cluster,
  tasks,
  gone = [],
  fresh = new Set(),
  unavailable,
}: {
  zones: readonly string[];
  cluster: string;
  tasks: readonly TourTask[];
  gone?: readonly TourTask[];
  fresh?: ReadonlySet<string>;
  unavailable?: string;
}) {
  return (
    <Stack direction="row" sx={{ gap: 1, flexWrap: 'wrap' }}>
      {zones.map((zone) => (
        <Box
          key={zone}
          sx={{
            flex: '1 1 10rem',
            border: 1,
            borderStyle: zone === unavailable ? 'dashed' : 'solid',
            borderColor: zone === unavailable ? 'error.main' : 'divider',
            borderRadius: 1,
            p: 1,
          }}
          data-testid="service-zone"
        >
          <Typography variant="caption" color="text.secondary" component="p">
            {zone}
            {zone === unavailable ? ' — unavailable' : ''}
          </Typography>
          <Stack direction="row" sx={{ gap: 0.5, flexWrap: 'wrap', mt: 0.5 }}>
            {gone
              .filter((task) => task.availabilityZone === zone)
              .map((task) => (
                <TaskChip key={task.taskId} task={task} cluster={cluster} tone="gone" />
              ))}
            {tasks
              .filter((task) => task.availabilityZone === zone)
              .map((task) => (
                <TaskChip
                  key={task.taskId}
                  task={task}
                  cluster={cluster}
                  {...(fresh.has(task.taskId) ? { tone: 'new' as const } : {})}
                />
              ))}
          </Stack>
        </Box>
      ))}
    </Stack>
  );
}

/** The datapoints as bars against the target, the ones over it in the alarm's colour. */
function Datapoints({ values, target }: { values: readonly number[]; target: number }) {
  const top = Math.max(target * 1.5, ...values);
  const height = 64;
  return (
    <Stack
      direction="row"
      sx={{ position: 'relative', alignItems: 'flex-end', gap: 0.5, height, pt: 1 }}
      role="img"
      aria-label={`Requests per task each 5 s: ${values.join(', ')}; target ${target}`}
    >
      <Box
        sx={{
          position: 'absolute',
          left: 0,
          right: 0,
          bottom: (target / top) * height,
          borderTop: 1,
          borderStyle: 'dashed',
          borderColor: 'text.secondary',
        }}
      />
      {values.map((value, index) => (
        <Box
          key={index}
          sx={{
            width: 14,
            height: Math.max(2, (value / top) * height),
            bgcolor: value > target ? 'warning.main' : 'primary.main',
            borderRadius: 0.5,
          }}
        />
      ))}
    </Stack>
  );
}

/** The service's story: desired count, a replaced task, a lost zone, its load balancer, scaling. */
export function ServicesPicture({ result }: { result: ServicesResult }) {
  const { cluster, replacement, zoneLoss, loadBalancer, autoScaling } = result;
  const answeredBy = new Set(loadBalancer.answers.map((answer) => answer.taskId));
  const before = new Set([...result.tasks, replacement.replacedBy].map((task) => task.taskId));
  // The tasks the service started in the zone left.
  const movedTo = new Set(
    zoneLoss.tasksAfter.map((task) => task.taskId).filter((taskId) => !before.has(taskId)),
  );
  return (
    <Stack sx={{ gap: 1.5 }} data-testid="services-picture">
      <Part title={`1. Desired count ${result.desiredCount}`} testId="service-desired">
        <Typography variant="body2">
          Service{' '}
          <Link href={hashOf({ page: 'ecs', view: 'services', cluster, service: result.service })}>
            {result.service}
          </Link>{' '}
          placed its tasks one per zone:
        </Typography>
        <Zones zones={result.zones} cluster={cluster} tasks={result.tasks} />
      </Part>
      <Part title="2. A task killed, another started" testId="service-replacement">
        <Typography variant="body2">
          Task{' '}
          <strong data-testid="killed-task" data-task={replacement.killed.taskId}>
            {replacement.killed.taskId.slice(0, 8)}
          </strong>{' '}
          stopped ({replacement.stoppedReason}); the service started{' '}
          <strong data-testid="replacement-task" data-task={replacement.replacedBy.taskId}>
            {replacement.replacedBy.taskId.slice(0, 8)}
          </strong>{' '}
          in {replacement.replacedBy.availabilityZone}, healthy {seconds(replacement.afterMs)}{' '}
          later.
        </Typography>
        <Zones
          zones={result.zones}
          cluster={cluster}
          gone={[replacement.killed]}
          tasks={[
            ...result.tasks.filter((task) => task.taskId !== replacement.killed.taskId),
            replacement.replacedBy,
          ]}
          fresh={new Set([replacement.replacedBy.taskId])}
        />
      </Part>
      <Part title={`3. Zone ${zoneLoss.zone} lost`} testId="service-zone-loss">
        <Typography variant="body2">
          {zoneLoss.stoppedReason} The service ran its {zoneLoss.tasksAfter.length} tasks in the
          zone left, {seconds(zoneLoss.afterMs)} later; then the zone came back.
        </Typography>
        <Zones
          zones={result.zones}
          cluster={cluster}
          gone={zoneLoss.lost}
          tasks={zoneLoss.tasksAfter}
          fresh={movedTo}
          unavailable={zoneLoss.zone}
        />
      </Part>
      <Part title={`4. Load balancer ${loadBalancer.name}`} testId="service-load-balancer">
        <Typography variant="body2">
          {loadBalancer.answers.length} requests to{' '}
          <Box component="span" sx={mono} data-testid="lb-url">
            {loadBalancer.url}
          </Box>
          , answered by {answeredBy.size} tasks, each with its container’s hostname:
        </Typography>
        <Box component="ol" sx={{ m: 0, pl: 3, ...mono, fontSize: '0.85rem' }}>
          {loadBalancer.answers.map((answer, index) => (
            <li key={index} data-testid="lb-answer" data-task={answer.taskId}>
              {answer.status} {answer.body} ← task {answer.taskId.slice(0, 8)}
            </li>
          ))}
        </Box>
      </Part>
      <Part title="5. Auto scaling under load" testId="service-scaling">
        <Typography variant="body2">
          {autoScaling.requestsPerSecond} requests a second against a target of{' '}
          {autoScaling.targetValue} requests per task each 5 s: desired count{' '}
          <strong data-testid="scaling-desired">
            {autoScaling.desiredBefore} → {autoScaling.desiredAfter}
          </strong>{' '}
          ({autoScaling.runningAfter} running after {seconds(autoScaling.afterMs)}).
        </Typography>
        <Datapoints values={autoScaling.datapoints} target={autoScaling.targetValue} />
        <Typography variant="caption" color="text.secondary" sx={mono}>
          {autoScaling.cause}
        </Typography>
      </Part>
    </Stack>
  );
}
