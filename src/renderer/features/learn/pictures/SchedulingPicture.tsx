import { Link, Stack, Typography } from '@mui/material';
import type { TourStepResultOf } from '../../../../shared';
import { hashOf } from '../../../common/routes';
import { PlacementMap, type MapTask } from './PlacementMap';

type Placed = TourStepResultOf<'scheduling'>['binpack'];

const count = (tasks: Placed, key: 'ec2InstanceId' | 'availabilityZone') =>
  [...new Set(tasks.map((task) => task[key]))]
    .map((value) => `${tasks.filter((task) => task[key] === value).length} on ${value}`)
    .join(', ');

/** Where each way of placing put its tasks, on the cluster's instances by zone. */
export function SchedulingPicture({ result }: { result: TourStepResultOf<'scheduling'> }) {
  const kinds: { label: string; color: MapTask['color']; tasks: Placed; said: string }[] = [
    {
      label: 'spread',
      color: 'info',
      tasks: result.spread,
      said: `RunTask, spread over zones: ${count(result.spread, 'availabilityZone')}`,
    },
    {
      label: 'binpack',
      color: 'secondary',
      tasks: result.binpack,
      said: `RunTask, binpack on memory: ${count(result.binpack, 'ec2InstanceId')}`,
    },
    {
      label: 'StartTask',
      color: 'warning',
      tasks: result.started,
      said: `StartTask on the chosen ${result.chosenInstance}: ${count(result.started, 'ec2InstanceId')}`,
    },
    {
      label: 'service',
      color: 'success',
      tasks: result.service,
      said: `The service scheduler: ${count(result.service, 'ec2InstanceId')}`,
    },
  ];
  return (
    <Stack sx={{ gap: 1.5 }} data-testid="scheduling-picture">
      <PlacementMap
        instances={result.instances}
        tasks={kinds.flatMap((kind) =>
          kind.tasks.map((task) => ({ ...task, label: kind.label, color: kind.color })),
        )}
        testId="scheduling-map"
      />
      <Stack component="ul" sx={{ m: 0, pl: 3, gap: 0.5 }}>
        {kinds.map((kind) => (
          <Typography component="li" key={kind.label} data-testid="placement-summary">
            {kind.said}
          </Typography>
        ))}
      </Stack>
      <Link href={hashOf({ page: 'ecs', view: 'map', cluster: result.cluster })}>
        See {result.cluster} on the cluster map
      </Link>
    </Stack>
  );
}
