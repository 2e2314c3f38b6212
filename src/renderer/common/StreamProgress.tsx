import { Box, Button, LinearProgress, Stack, Typography } from '@mui/material';
import { formatBytes } from './format';
import { overallPercent, type ProgressPart } from './progress';

const stateLabels: Record<ProgressPart['state'], string> = {
  waiting: 'Waiting',
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
};

/**
 * Progress of a stream (pull, push, build): an overall bar, one row per part, and a Cancel
 * button that aborts the work in main through its AbortSignal.
 */
export function StreamProgress({
  title,
  parts,
  running,
  onCancel,
  unit = 'bytes',
}: {
  title: string;
  parts: readonly ProgressPart[];
  running: boolean;
  onCancel?: (() => void) | undefined;
  unit?: 'bytes' | 'steps';
}) {
  const percent = overallPercent(parts);
  const amount = (value: number) => (unit === 'bytes' ? formatBytes(value) : String(value));
  return (
    <Box data-testid="stream-progress" aria-busy={running}>
      <Stack direction="row" sx={{ alignItems: 'center', gap: 2, mb: 1 }}>
        <Typography variant="subtitle2" sx={{ flex: 1 }}>
          {title}
          {percent !== undefined && ` — ${percent}%`}
        </Typography>
        {running && onCancel && (
          <Button size="small" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </Stack>
      <LinearProgress
        variant={percent === undefined && running ? 'indeterminate' : 'determinate'}
        value={percent ?? (running ? 0 : 100)}
        aria-label={title}
      />
      <Stack sx={{ mt: 1, gap: 0.5 }}>
        {parts.map((part) => (
          <Stack key={part.id} direction="row" sx={{ alignItems: 'center', gap: 1 }}>
            <Typography
              variant="caption"
              sx={{ fontFamily: 'monospace', width: 140, flexShrink: 0 }}
              noWrap
            >
              {part.label}
            </Typography>
            <LinearProgress
              sx={{ flex: 1 }}
              color={part.state === 'failed' ? 'error' : 'primary'}
              variant={
                part.total
                  ? 'determinate'
                  : part.state === 'running'
                    ? 'indeterminate'
                    : 'determinate'
              }
              value={
                part.total
                  ? Math.min(100, (part.current / part.total) * 100)
                  : part.state === 'done'
                    ? 100
                    : 0
              }
            />
            <Typography
              variant="caption"
              color="text.secondary"
              sx={{ width: 150, textAlign: 'right' }}
              noWrap
            >
              {part.state === 'running' && part.total
                ? `${amount(part.current)} / ${amount(part.total)}`
                : stateLabels[part.state]}
            </Typography>
          </Stack>
        ))}
      </Stack>
    </Box>
  );
}
