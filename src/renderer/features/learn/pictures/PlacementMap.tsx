import { Box, Chip, Stack, Typography } from '@mui/material';
import { boxSx, shortTaskId } from './picture-box';

export interface MapInstance {
  ec2InstanceId: string;
  availabilityZone: string;
  /** Said under the instance's id (e.g. that its agent is gone). */
  note?: string;
}

export interface MapTask {
  taskArn: string;
  ec2InstanceId: string;
  /** How it got there (binpack, spread, StartTask, service). */
  label: string;
  color: 'primary' | 'secondary' | 'success' | 'warning' | 'info' | 'default';
}

/** Instances by availability zone, each with the tasks placed on it. */
export function PlacementMap({
  instances,
  tasks,
  testId,
}: {
  instances: readonly MapInstance[];
  tasks: readonly MapTask[];
  testId: string;
}) {
  const zones = [...new Set(instances.map((instance) => instance.availabilityZone))].sort();
  return (
    <Stack direction="row" sx={{ gap: 2, flexWrap: 'wrap' }} data-testid={testId}>
      {zones.map((zone) => (
        <Stack key={zone} sx={{ gap: 1, flex: '1 1 14rem' }} data-testid="map-zone">
          <Typography variant="overline" color="text.secondary">
            {zone}
          </Typography>
          {instances
            .filter((instance) => instance.availabilityZone === zone)
            .map((instance) => {
              const placed = tasks.filter((task) => task.ec2InstanceId === instance.ec2InstanceId);
              return (
                <Box
                  key={instance.ec2InstanceId}
                  sx={{ ...boxSx, opacity: instance.note ? 0.75 : 1 }}
                  data-testid="map-instance"
                  data-instance={instance.ec2InstanceId}
                >
                  <Typography sx={{ fontFamily: 'monospace' }}>{instance.ec2InstanceId}</Typography>
                  {instance.note && (
                    <Typography variant="body2" color="warning.main">
                      {instance.note}
                    </Typography>
                  )}
                  <Stack direction="row" sx={{ gap: 0.5, flexWrap: 'wrap', mt: 1 }}>
                    {placed.length === 0 ? (
                      <Typography variant="body2" sx={{ fontStyle: 'italic' }}>
                        no tasks
                      </Typography>
                    ) : (
                      placed.map((task) => (
                        <Chip
                          key={task.taskArn}
                          size="small"
                          color={task.color}
                          label={`${task.label} ${shortTaskId(task.taskArn)}`}
                          data-testid="map-task"
                          data-kind={task.label}
                        />
                      ))
                    )}
                  </Stack>
                </Box>
              );
            })}
        </Stack>
      ))}
    </Stack>
  );
}
