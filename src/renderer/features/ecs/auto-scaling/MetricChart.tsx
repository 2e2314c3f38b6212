import { Box, Typography } from '@mui/material';
import { ChartsReferenceLine } from '@mui/x-charts/ChartsReferenceLine';
import { LineChart } from '@mui/x-charts/LineChart';
import type {
  AutoScalingActivity,
  MetricSeries,
} from '../../../../shared/contract/ecs-load-balancing';
import { metricLabel, predefinedMetrics } from './scaling-form';

const time = (ms: number) => new Date(ms).toLocaleTimeString();

/** "Setting desired count to 4." → "→ 4", the mark's label on the chart. */
export function activityMarkLabel(activity: AutoScalingActivity): string {
  const count = /desired count to (\d+)/i.exec(activity.Description ?? '')?.[1];
  return count === undefined ? 'scaling' : `→ ${count}`;
}

/**
 * One metric over time against its policy's target value, with each scaling activity in the
 * time shown marked where it started.
 */
export function MetricChart({
  series,
  activities,
}: {
  series: MetricSeries;
  activities: readonly AutoScalingActivity[];
}) {
  const points = series.datapoints;
  const first = points[0]?.at;
  const last = points.at(-1)?.at;
  const marks =
    first === undefined || last === undefined
      ? []
      : activities.filter(
          (activity) =>
            activity.StartTime !== undefined &&
            activity.StartTime >= first &&
            activity.StartTime <= last + series.periodSeconds * 1000,
        );
  const percent = predefinedMetrics.find((metric) => metric.type === series.metric)?.percent;
  const unit = percent ? ' %' : '';
  const highest = Math.max(series.targetValue ?? 0, ...points.map((point) => point.value));
  const latest = points.at(-1);

  return (
    <Box data-testid="metric-chart" data-metric={series.metric} sx={{ minWidth: 0 }}>
      <Typography variant="subtitle2" component="h4">
        {metricLabel(series.metric)}
        {latest && (
          <Typography component="span" variant="body2" color="text.secondary" sx={{ ml: 1 }}>
            now {latest.value.toFixed(1)}
            {unit}
            {series.targetValue !== undefined && ` · target ${series.targetValue}${unit}`}
            {` · one point per ${series.periodSeconds} s`}
          </Typography>
        )}
      </Typography>
      {points.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          No datapoints yet: the first arrives after one period ({series.periodSeconds} s).
        </Typography>
      ) : (
        <LineChart
          height={220}
          skipAnimation
          margin={{ left: 8, right: 24, top: 16, bottom: 8 }}
          xAxis={[
            { data: points.map((point) => point.at), scaleType: 'time', valueFormatter: time },
          ]}
          yAxis={[
            {
              min: 0,
              max: percent ? Math.max(100, highest) : Math.ceil(highest * 1.2) || 1,
              width: 56,
              valueFormatter: (value: number) => `${value}${unit}`,
            },
          ]}
          series={[
            {
              data: points.map((point) => point.value),
              label: metricLabel(series.metric),
              showMark: false,
              valueFormatter: (value: number | null) =>
                value === null ? '' : `${value.toFixed(1)}${unit}`,
            },
          ]}
          hideLegend
        >
          {series.targetValue !== undefined && (
            <ChartsReferenceLine
              y={series.targetValue}
              label={`target ${series.targetValue}${unit}`}
              labelAlign="end"
              lineStyle={{ strokeDasharray: '6 4' }}
            />
          )}
          {marks.map((activity) => (
            <ChartsReferenceLine
              key={activity.ActivityId}
              x={activity.StartTime ?? 0}
              label={activityMarkLabel(activity)}
              labelAlign="start"
              lineStyle={{ strokeDasharray: '2 3' }}
            />
          ))}
        </LineChart>
      )}
      {marks.length > 0 && (
        <Box
          component="ul"
          aria-label="Scaling activities on the chart"
          sx={{
            m: 0,
            pl: 2,
            display: 'flex',
            gap: 2,
            flexWrap: 'wrap',
            listStylePosition: 'inside',
          }}
        >
          {marks.map((activity) => (
            <Typography
              component="li"
              variant="caption"
              color="text.secondary"
              key={activity.ActivityId}
              data-testid="activity-mark"
            >
              {time(activity.StartTime ?? 0)} {activityMarkLabel(activity)}
            </Typography>
          ))}
        </Box>
      )}
    </Box>
  );
}
