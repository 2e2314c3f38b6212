import { Box, Chip, Link, Stack, Typography } from '@mui/material';
import type { TourStepResult } from '../../../../shared';
import { hashOf } from '../../../common/routes';
import { boxSx } from './picture-box';

type Result = Extract<TourStepResult, { step: 'clusters' }>;

const shortId = (arn: string) => arn.split('/').at(-1)?.slice(0, 8) ?? arn;

/** One column per zone: its container instance and its Fargate subnet, each with its tasks. */
export function ClustersPicture({ result }: { result: Result }) {
  const tasksOn = (launchType: 'EC2' | 'FARGATE', placedOn: string) =>
    result.tasks.filter((task) => task.launchType === launchType && task.placedOn === placedOn);
  return (
    <Stack sx={{ gap: 2 }} data-testid="clusters-picture">
      <Stack direction="row" sx={{ gap: 2, flexWrap: 'wrap' }}>
        {result.zones.map((zone) => (
          <Stack
            key={zone}
            sx={{ ...boxSx, flex: '1 1 16rem', gap: 1, bgcolor: 'action.hover' }}
            data-testid="zone"
          >
            <Typography variant="subtitle2">{zone}</Typography>
            {result.instances
              .filter((instance) => instance.zone === zone)
              .map((instance) => (
                <Lane
                  key={instance.id}
                  title={`EC2 instance ${instance.id}`}
                  detail={instance.instanceType}
                  tasks={tasksOn('EC2', instance.id)}
                  testId="ec2-lane"
                />
              ))}
            {result.fargate
              .filter((lane) => lane.zone === zone)
              .map((lane) => (
                <Lane
                  key={lane.subnet}
                  title="Fargate"
                  detail={`subnet ${lane.subnet}`}
                  tasks={tasksOn('FARGATE', lane.subnet)}
                  testId="fargate-lane"
                />
              ))}
          </Stack>
        ))}
      </Stack>
      <Typography>
        EC2 tasks can go only where an instance has room; Fargate tasks need no instance and go to
        any of the subnets’ zones.
      </Typography>
      <Link href={hashOf({ page: 'ecs', view: 'map', cluster: result.cluster })}>
        See {result.cluster} on the cluster map
      </Link>
    </Stack>
  );
}

function Lane({
  title,
  detail,
  tasks,
  testId,
}: {
  title: string;
  detail: string;
  tasks: Result['tasks'];
  testId: string;
}) {
  return (
    <Box sx={boxSx} data-testid={testId}>
      <Typography variant="body2">{title}</Typography>
      <Typography variant="body2" color="text.secondary" sx={{ fontFamily: 'monospace' }}>
        {detail}
      </Typography>
      <Stack direction="row" sx={{ gap: 0.5, mt: 1, flexWrap: 'wrap', minHeight: 24 }}>
        {tasks.length === 0 ? (
          <Typography variant="body2" sx={{ fontStyle: 'italic' }}>
            no task
          </Typography>
        ) : (
          tasks.map((task) => (
            <Chip
              key={task.taskArn}
              size="small"
              color={task.launchType === 'EC2' ? 'primary' : 'secondary'}
              label={`task ${shortId(task.taskArn)}`}
              data-testid="placed-task"
            />
          ))
        )}
      </Stack>
    </Box>
  );
}
