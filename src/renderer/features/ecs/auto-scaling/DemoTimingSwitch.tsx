import { FormControlLabel, Stack, Switch, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { stowageQueryKey, useStowageMutation, useStowageQuery } from '../../../api';
import { MutationErrorAlert } from '../../../common/MutationErrorAlert';

/**
 * Demo timing for every service's auto scaling: AWS waits minutes between datapoints and 300 s
 * between scaling actions, too long to watch; the demo setting shortens both.
 */
export function DemoTimingSwitch() {
  const settings = useStowageQuery('ecs.autoScaling.settings', {});
  const action = useStowageMutation();
  const queryClient = useQueryClient();
  const on = settings.data?.demoTiming ?? false;

  const toggle = async (demoTiming: boolean) => {
    const answer = await action.run((client) =>
      client.call('ecs.autoScaling.setSettings', { demoTiming }),
    );
    if (answer.ok) {
      queryClient.setQueryData(stowageQueryKey('ecs.autoScaling.settings', {}), answer.value);
    }
  };

  return (
    <Stack sx={{ gap: 0.5 }} data-testid="demo-timing">
      <FormControlLabel
        control={
          <Switch
            checked={on}
            disabled={!settings.data || action.busy}
            onChange={(event) => void toggle(event.target.checked)}
          />
        }
        label="Demo timing"
      />
      <Typography variant="caption" color="text.secondary">
        {on
          ? 'On: metric datapoints come every few seconds and cooldowns are cut short, so scaling out and in can be watched in a few minutes. AWS itself is slower.'
          : 'Off: AWS’s own timing, one datapoint a minute, scale-out after 3 minutes above the target, scale-in after 15 below it, cooldowns as set (300 s by default).'}
      </Typography>
      <MutationErrorAlert
        mutation={action}
        title="The setting was not changed"
        testId="demo-timing-error"
      />
    </Stack>
  );
}
