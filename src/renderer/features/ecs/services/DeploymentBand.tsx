import { Box, Stack, Typography } from '@mui/material';
import type { EcsService } from '../../../../shared';
import { deploymentBand } from './service-view';

type Deployment = NonNullable<EcsService['deployments']>[number];

interface Segment {
  key: string;
  count: number;
  color: string;
  pending: boolean;
  label: string;
}

/** Old deployments first, then the new one: running tasks solid, pending ones hatched. */
function segmentsOf(deployments: readonly Deployment[]): Segment[] {
  const ordered = [...deployments].sort(
    (a, b) => Number(a.status === 'PRIMARY') - Number(b.status === 'PRIMARY'),
  );
  return ordered.flatMap((deployment) => {
    const primary = deployment.status === 'PRIMARY';
    const color = primary ? 'primary.main' : 'grey.500';
    const who = primary ? 'new' : 'old';
    return [
      {
        key: `${deployment.id}-running`,
        count: deployment.runningCount ?? 0,
        color,
        pending: false,
        label: `${who} running`,
      },
      {
        key: `${deployment.id}-pending`,
        count: deployment.pendingCount ?? 0,
        color,
        pending: true,
        label: `${who} pending`,
      },
    ];
  });
}

/**
 * The tasks of every live deployment on one track, and the band the percent limits allow: at
 * least `floor` healthy, at most `ceiling` running and pending together.
 */
export function DeploymentBand({
  desired,
  minimumHealthyPercent,
  maximumPercent,
  deployments,
}: {
  desired: number;
  minimumHealthyPercent: number;
  maximumPercent: number;
  deployments: readonly Deployment[];
}) {
  const { floor, ceiling } = deploymentBand(desired, minimumHealthyPercent, maximumPercent);
  const segments = segmentsOf(deployments);
  const total = segments.reduce((sum, segment) => sum + segment.count, 0);
  const scale = Math.max(ceiling, total, desired, 1);
  const at = (count: number) => `${(count / scale) * 100}%`;
  const summary = `${total} tasks running or pending; the deployment keeps at least ${floor} healthy (${minimumHealthyPercent} %) and at most ${ceiling} (${maximumPercent} %) of ${desired} desired.`;

  return (
    <Box>
      <Stack direction="row" sx={{ justifyContent: 'space-between', mb: 1, gap: 2 }}>
        <Typography variant="subtitle2">Tasks within the deployment limits</Typography>
        <Typography variant="caption" color="text.secondary">
          min healthy {minimumHealthyPercent} % · max {maximumPercent} %
        </Typography>
      </Stack>
      <Box
        role="img"
        aria-label={summary}
        data-testid="deployment-band"
        data-floor={floor}
        data-ceiling={ceiling}
        sx={{ position: 'relative', height: 28, borderRadius: 1, bgcolor: 'action.hover' }}
      >
        <Box sx={{ display: 'flex', height: '100%', borderRadius: 1, overflow: 'hidden' }}>
          {segments
            .filter((segment) => segment.count > 0)
            .map((segment) => (
              <Box
                key={segment.key}
                title={`${segment.count} ${segment.label}`}
                sx={{
                  width: at(segment.count),
                  bgcolor: segment.color,
                  opacity: segment.pending ? 0.45 : 1,
                  backgroundImage: segment.pending
                    ? 'repeating-linear-gradient(45deg, transparent 0 4px, rgba(255,255,255,0.35) 4px 8px)'
                    : undefined,
                  transition: 'width 300ms ease',
                  borderRight: 1,
                  borderColor: 'background.paper',
                }}
              />
            ))}
        </Box>
        <Box
          sx={{
            position: 'absolute',
            top: -4,
            bottom: -4,
            left: at(floor),
            width: `calc(${at(ceiling)} - ${at(floor)})`,
            border: 2,
            borderStyle: 'dashed',
            borderColor: 'warning.main',
            borderRadius: 1,
            pointerEvents: 'none',
          }}
        />
        <Box
          sx={{
            position: 'absolute',
            top: -6,
            bottom: -6,
            left: at(desired),
            borderLeft: 2,
            borderColor: 'text.primary',
          }}
        />
      </Box>
      <Box sx={{ position: 'relative', height: 20, mt: 0.5 }}>
        <Tick left={at(floor)} text={`≥ ${floor} healthy`} align="left" />
        <Tick left={at(ceiling)} text={`≤ ${ceiling}`} align="right" />
      </Box>
      <Stack direction="row" sx={{ gap: 2, flexWrap: 'wrap', mt: 0.5 }}>
        <Legend color="grey.500" text="old deployment" />
        <Legend color="primary.main" text="new deployment" />
        <Legend color="primary.main" text="pending" hatched />
        <Legend color="text.primary" text={`desired (${desired})`} line />
        <Legend color="warning.main" text="allowed by the percent limits" dashed />
      </Stack>
    </Box>
  );
}

function Tick({ left, text, align }: { left: string; text: string; align: 'left' | 'right' }) {
  return (
    <Typography
      variant="caption"
      sx={{
        position: 'absolute',
        left,
        transform: align === 'right' ? 'translateX(-100%)' : undefined,
        color: 'warning.main',
        whiteSpace: 'nowrap',
        fontVariantNumeric: 'tabular-nums',
      }}
    >
      {text}
    </Typography>
  );
}

function Legend({
  color,
  text,
  hatched = false,
  line = false,
  dashed = false,
}: {
  color: string;
  text: string;
  hatched?: boolean;
  line?: boolean;
  dashed?: boolean;
}) {
  return (
    <Stack direction="row" sx={{ alignItems: 'center', gap: 0.75 }}>
      <Box
        sx={{
          width: line ? 2 : 12,
          height: 12,
          bgcolor: dashed ? undefined : color,
          border: dashed ? 2 : 0,
          borderStyle: 'dashed',
          borderColor: color,
          opacity: hatched ? 0.45 : 1,
          borderRadius: line ? 0 : 0.5,
        }}
      />
      <Typography variant="caption" color="text.secondary">
        {text}
      </Typography>
    </Stack>
  );
}
