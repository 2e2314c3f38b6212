import { Alert, Box, Typography } from '@mui/material';
import { LineChart } from '@mui/x-charts/LineChart';
import { useMemo } from 'react';
import { useStowageStream } from '../../api';
import { formatBytes, formatMemory } from '../../common/format';
import { toStatsPoints, type StatsPoint } from './stats-series';

const windowMs = 5 * 60_000;
const time = (ms: number) => new Date(ms).toLocaleTimeString();

function Chart({
  title,
  points,
  series,
  format,
  testId,
}: {
  title: string;
  points: readonly StatsPoint[];
  series: { key: keyof StatsPoint; label: string }[];
  format(value: number): string;
  testId: string;
}) {
  const latest = points.at(-1);
  return (
    <Box sx={{ minWidth: 0 }} data-testid={testId}>
      <Typography variant="subtitle2" sx={{ px: 1 }}>
        {title}
        {latest && (
          <Box
            component="span"
            sx={{ color: 'text.secondary', ml: 1, fontWeight: 400 }}
            data-testid={`${testId}-latest`}
          >
            {series.map((entry) => format(latest[entry.key])).join(' / ')}
          </Box>
        )}
      </Typography>
      <LineChart
        height={150}
        skipAnimation
        margin={{ left: 8, right: 16, top: 8, bottom: 8 }}
        xAxis={[
          { data: points.map((point) => point.time), scaleType: 'time', valueFormatter: time },
        ]}
        yAxis={[{ valueFormatter: (value: number) => format(value), width: 72, min: 0 }]}
        series={series.map((entry) => ({
          data: points.map((point) => point[entry.key]),
          label: entry.label,
          showMark: false,
          valueFormatter: (value: number | null) => (value === null ? '' : format(value)),
        }))}
      />
    </Box>
  );
}

const rate = (value: number) => `${formatBytes(value)}/s`;

/** CPU, memory against its limit, network and block I/O over the last minutes. */
export function StatsTab({
  container,
  running,
  memoryLimited,
}: {
  container: string;
  running: boolean;
  /** Without a limit the engine reports the host's memory: not worth a line. */
  memoryLimited: boolean;
}) {
  const stats = useStowageStream(
    'containers.stats',
    { container },
    { enabled: running, maxItems: 400 },
  );
  const points = useMemo(() => toStatsPoints(stats.items, windowMs), [stats.items]);
  if (!running) {
    return (
      <Typography color="text.secondary" sx={{ p: 2 }}>
        The container is not running: start it to see its resource use.
      </Typography>
    );
  }
  return (
    <Box sx={{ p: 1 }}>
      {stats.error && <Alert severity="error">{stats.error.message}</Alert>}
      {points.length === 0 && !stats.error && (
        <Typography color="text.secondary" sx={{ p: 1 }}>
          Waiting for the first samples…
        </Typography>
      )}
      <Box
        sx={{
          display: 'grid',
          gridTemplateColumns: 'repeat(auto-fit, minmax(320px, 1fr))',
          gap: 1,
        }}
      >
        <Chart
          title="CPU"
          testId="stats-cpu"
          points={points}
          series={[{ key: 'cpuPercent', label: 'CPU %' }]}
          format={(value) => `${value.toFixed(1)} %`}
        />
        <Chart
          title="Memory"
          testId="stats-memory"
          points={points}
          series={[
            { key: 'memoryUsage', label: 'Used' },
            ...(memoryLimited ? [{ key: 'memoryLimit' as const, label: 'Limit' }] : []),
          ]}
          format={formatMemory}
        />
        <Chart
          title="Network"
          testId="stats-network"
          points={points}
          series={[
            { key: 'netRxPerSecond', label: 'Received' },
            { key: 'netTxPerSecond', label: 'Sent' },
          ]}
          format={rate}
        />
        <Chart
          title="Block I/O"
          testId="stats-block"
          points={points}
          series={[
            { key: 'blockReadPerSecond', label: 'Read' },
            { key: 'blockWritePerSecond', label: 'Written' },
          ]}
          format={rate}
        />
      </Box>
    </Box>
  );
}
