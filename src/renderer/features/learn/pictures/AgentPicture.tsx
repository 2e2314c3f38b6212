import { Link, Stack, Typography } from '@mui/material';
import type { TourStepResultOf } from '../../../../shared';
import { hashOf } from '../../../common/routes';
import { PlacementMap } from './PlacementMap';

/** The service's tasks before and after one instance's agent went away. */
export function AgentPicture({ result }: { result: TourStepResultOf<'agent'> }) {
  const gone = result.disconnected.ec2InstanceId;
  const afterInstances = result.instances.map((instance) =>
    instance.ec2InstanceId === gone ? { ...instance, note: 'agent disconnected' } : instance,
  );
  const taskOf = (task: (typeof result.before)[number]) => ({
    ...task,
    label: 'task',
    color: 'primary' as const,
  });
  return (
    <Stack sx={{ gap: 2 }} data-testid="agent-picture">
      <Typography variant="subtitle2">Before: the service spreads its tasks</Typography>
      <PlacementMap
        instances={result.instances}
        tasks={result.before.map(taskOf)}
        testId="agent-before"
      />
      <Typography variant="subtitle2">After the agent on {gone} disconnected</Typography>
      <PlacementMap
        instances={afterInstances}
        tasks={result.after.map(taskOf)}
        testId="agent-after"
      />
      {result.stoppedReasons.map((reason) => (
        <Typography key={reason} variant="body2" data-testid="agent-stopped-reason">
          {reason}
        </Typography>
      ))}
      <Link href={hashOf({ page: 'ecs', view: 'map', cluster: result.cluster })}>
        See {result.cluster} on the cluster map
      </Link>
    </Stack>
  );
}
