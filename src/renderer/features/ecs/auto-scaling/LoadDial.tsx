import { Box, Paper, Slider, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useStowageMutation } from '../../../api';
import { MutationErrorAlert } from '../../../common/MutationErrorAlert';

/**
 * The simulated runtime's load dial: what the service's tasks report as their CPU and memory
 * use. A slider sends its value when let go, not at every step of the drag.
 */
export function LoadDial({
  cluster,
  service,
  load,
}: {
  cluster: string;
  service: string;
  load: { cpuPercent: number; memoryPercent: number };
}) {
  const [draft, setDraft] = useState<{ cpuPercent: number; memoryPercent: number } | undefined>(
    undefined,
  );
  const action = useStowageMutation();
  const shown = draft ?? load;

  const send = async (next: { cpuPercent: number; memoryPercent: number }) => {
    await action.run((client) =>
      client.call('ecs.autoScaling.setLoad', { cluster, service, ...next }),
    );
    setDraft(undefined);
  };

  const dial = (key: 'cpuPercent' | 'memoryPercent', label: string) => (
    <Box sx={{ flex: '1 1 220px', px: 1 }}>
      <Typography variant="body2" id={`load-${key}`}>
        {label}: {Math.round(shown[key])} %
      </Typography>
      <Slider
        aria-labelledby={`load-${key}`}
        value={shown[key]}
        min={0}
        max={100}
        step={5}
        valueLabelDisplay="auto"
        onChange={(_event, value) =>
          setDraft({ ...shown, [key]: Array.isArray(value) ? (value[0] ?? 0) : value })
        }
        onChangeCommitted={(_event, value) =>
          void send({ ...shown, [key]: Array.isArray(value) ? (value[0] ?? 0) : value })
        }
      />
    </Box>
  );

  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="load-dial">
      <Typography variant="subtitle1" component="h4" sx={{ fontWeight: 600 }}>
        Load dial
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        Tasks here are simulated and use nothing: set what they report. Raise CPU above the policy’s
        target to watch the service scale out; lower it to watch it scale back in.
      </Typography>
      <Stack direction="row" sx={{ gap: 2, flexWrap: 'wrap' }}>
        {dial('cpuPercent', 'CPU')}
        {dial('memoryPercent', 'Memory')}
      </Stack>
      <MutationErrorAlert mutation={action} title="The load was not set" testId="load-error" />
    </Paper>
  );
}
