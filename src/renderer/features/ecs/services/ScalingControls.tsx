import AddIcon from '@mui/icons-material/Add';
import RemoveIcon from '@mui/icons-material/Remove';
import {
  Box,
  IconButton,
  Paper,
  Slider,
  Stack,
  TextField,
  Tooltip,
  Typography,
} from '@mui/material';
import { useEffect, useState } from 'react';
import type { EcsService } from '../../../../shared';
import { useStowageMutation } from '../../../api';
import { MutationErrorAlert } from '../../../common/MutationErrorAlert';
import { maxDesiredCount } from './create-service-form';

/** The slider's reach: room to double the count, in tens, at least 10. */
export function sliderMaximum(desired: number): number {
  return Math.min(maxDesiredCount, Math.max(10, Math.ceil((desired * 2) / 10) * 10));
}

const clampCount = (value: number) => Math.min(maxDesiredCount, Math.max(0, Math.round(value)));

/**
 * The desired count, changed at once: a stepper and a slider whose moves are gathered while the
 * user is still moving (`debounceMs`) into one UpdateService.
 */
export function ScalingControls({
  cluster,
  service,
  debounceMs = 400,
}: {
  cluster: string;
  service: EcsService;
  debounceMs?: number;
}) {
  const { run, busy, error, clear } = useStowageMutation();
  const [draft, setDraft] = useState<number | undefined>(undefined);
  const name = service.serviceName ?? '';
  const desired = service.desiredCount ?? 0;
  const shown = draft ?? desired;
  const [typed, setTyped] = useState<string | undefined>(undefined);
  const maximum = sliderMaximum(desired);

  const [seen, setSeen] = useState(desired);
  if (desired !== seen) {
    // The service moved: a draft it reached, or one the user had not changed, is done with.
    setSeen(desired);
    if (draft === desired || draft === seen) setDraft(undefined);
  }

  useEffect(() => {
    if (draft === undefined || draft === desired) return;
    const timer = setTimeout(() => {
      void run((client) =>
        client.call('ecs.services.update', {
          request: { cluster, service: name, desiredCount: draft },
        }),
      ).then((answer) => {
        if (!answer.ok) setDraft(undefined);
      });
    }, debounceMs);
    return () => clearTimeout(timer);
  }, [draft, desired, cluster, name, debounceMs, run]);

  const scaleTo = (value: number) => {
    setTyped(undefined);
    setDraft(clampCount(value));
  };

  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="scaling-controls">
      <Stack direction="row" sx={{ alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600, mr: 1 }}>
          Scale
        </Typography>
        <Stack direction="row" sx={{ alignItems: 'center', gap: 0.5 }}>
          <Tooltip title="One task fewer">
            <span>
              <IconButton
                aria-label="One task fewer"
                disabled={shown <= 0}
                onClick={() => scaleTo(shown - 1)}
              >
                <RemoveIcon />
              </IconButton>
            </span>
          </Tooltip>
          <TextField
            size="small"
            type="number"
            label="Desired tasks"
            value={typed ?? String(shown)}
            onChange={(event) => {
              const text = event.target.value;
              setTyped(text);
              const value = Number(text);
              if (text.trim() !== '' && Number.isInteger(value) && value >= 0) {
                setDraft(clampCount(value));
              }
            }}
            onBlur={() => setTyped(undefined)}
            slotProps={{ htmlInput: { min: 0, max: maxDesiredCount } }}
            sx={{ width: 120 }}
          />
          <Tooltip title="One task more">
            <span>
              <IconButton
                aria-label="One task more"
                disabled={shown >= maxDesiredCount}
                onClick={() => scaleTo(shown + 1)}
              >
                <AddIcon />
              </IconButton>
            </span>
          </Tooltip>
        </Stack>
        <Box sx={{ flex: '1 1 220px', px: 1, minWidth: 160 }}>
          <Slider
            aria-label="Desired tasks slider"
            value={Math.min(shown, maximum)}
            min={0}
            max={maximum}
            step={1}
            valueLabelDisplay="auto"
            marks={[
              { value: 0, label: '0' },
              { value: maximum, label: String(maximum) },
            ]}
            onChange={(_event, value) => scaleTo(value as number)}
          />
        </Box>
        <Typography
          variant="body2"
          aria-live="polite"
          data-testid="scaling-counts"
          sx={{ fontVariantNumeric: 'tabular-nums', minWidth: 220 }}
        >
          {(draft !== undefined && draft !== desired) || busy ? `Scaling to ${shown}… · ` : ''}
          {service.runningCount ?? 0} running · {service.pendingCount ?? 0} pending · {desired}{' '}
          desired
        </Typography>
      </Stack>
      <MutationErrorAlert
        mutation={{ error, clear }}
        title="The service was not scaled"
        testId="scale-error"
      />
    </Paper>
  );
}
