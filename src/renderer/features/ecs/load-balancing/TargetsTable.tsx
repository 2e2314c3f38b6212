import { Box, Chip, Link, Stack, Tooltip, Typography } from '@mui/material';
import { shortArn } from '../../../../shared';
import type { TargetGroupView } from '../../../../shared/contract/ecs-load-balancing';
import { DataTable, type DataColumn } from '../../../common/table/DataTable';
import { healthColor, targetHealthCode, targetHealthWords } from './elb-form';

type Target = TargetGroupView['targets'][number];

const targetKey = (target: Target) =>
  `${target.health.Target?.Id ?? ''}:${target.health.Target?.Port ?? ''}`;

/**
 * One target group's targets: where each is, its health in words, and what it served; and the
 * 503s the load balancer answered itself while the group had no target to route to.
 */
export function TargetsTable({
  group,
  unroutable = group.unroutable ?? 0,
  onOpenTask,
}: {
  group: TargetGroupView;
  /** Those 503s to show: by default the group's through every listener. */
  unroutable?: number;
  onOpenTask?(taskArn: string): void;
}) {
  const tg = group.targetGroup;
  const rows = [...group.targets].sort((a, b) => targetKey(a).localeCompare(targetKey(b)));
  const columns: DataColumn<Target>[] = [
    {
      id: 'target',
      header: 'Target',
      identifying: true,
      monospace: true,
      cell: (row) => targetKey(row),
    },
    {
      id: 'health',
      header: 'Health',
      width: 320,
      cell: (row) => {
        const state = row.health.TargetHealth?.State;
        const reason = row.health.TargetHealth?.Reason;
        return (
          <Tooltip title={targetHealthCode(state, reason)}>
            <Stack
              direction="row"
              sx={{ gap: 1, alignItems: 'center', minWidth: 0 }}
              data-testid="target-health"
              data-state={state}
              tabIndex={0}
            >
              <Box
                aria-hidden
                sx={{
                  width: 10,
                  height: 10,
                  borderRadius: '50%',
                  flexShrink: 0,
                  bgcolor: healthColor(state),
                }}
              />
              <Typography variant="body2" noWrap>
                {targetHealthWords(state, reason)}
              </Typography>
            </Stack>
          </Tooltip>
        );
      },
    },
    {
      id: 'zone',
      header: 'Zone',
      width: 110,
      priority: 3,
      cell: (row) => row.health.Target?.AvailabilityZone ?? '',
    },
    {
      id: 'task',
      header: 'Task',
      width: 130,
      priority: 2,
      cell: (row) =>
        row.taskArn === undefined ? (
          ''
        ) : onOpenTask ? (
          <Link
            component="button"
            onClick={(event) => {
              event.stopPropagation();
              onOpenTask(row.taskArn ?? '');
            }}
          >
            {shortArn(row.taskArn).slice(0, 8)}
          </Link>
        ) : (
          shortArn(row.taskArn).slice(0, 8)
        ),
    },
    {
      id: 'requests',
      header: 'Requests',
      width: 100,
      numeric: true,
      cell: (row) => row.requests.toLocaleString(),
    },
    {
      id: 'errors',
      header: 'Errors',
      width: 90,
      numeric: true,
      cell: (row) => row.errors.toLocaleString(),
    },
  ];
  const check = [
    `GET ${tg.HealthCheckPath ?? '/'}`,
    `every ${tg.HealthCheckIntervalSeconds ?? 30} s`,
    `${tg.HealthyThresholdCount ?? 5} to pass, ${tg.UnhealthyThresholdCount ?? 2} to fail`,
    `codes ${tg.Matcher?.HttpCode ?? '200'}`,
  ].join(' · ');

  return (
    <Box data-testid="target-group" data-target-group={tg.TargetGroupName}>
      <Stack direction="row" sx={{ gap: 1, alignItems: 'center', flexWrap: 'wrap', mb: 1 }}>
        <Typography variant="subtitle2" component="h4" sx={{ fontWeight: 600 }}>
          {tg.TargetGroupName}
        </Typography>
        <Chip
          size="small"
          variant="outlined"
          label={`${tg.TargetType ?? 'instance'} · port ${tg.Port ?? ''}`}
        />
        <Typography variant="caption" color="text.secondary">
          Health check: {check}
        </Typography>
        {unroutable > 0 && (
          <Tooltip title="Answered by the load balancer itself: the group had no healthy target (nor one still in its first checks) to route them to.">
            <Chip
              size="small"
              variant="outlined"
              color="error"
              label={`503 · no routable target: ${unroutable.toLocaleString()}`}
              data-testid="unroutable"
              tabIndex={0}
            />
          </Tooltip>
        )}
      </Stack>
      {rows.length === 0 ? (
        <Typography variant="body2" color="text.secondary" data-testid="targets-empty">
          No targets yet. Create a service with this target group on the create-service wizard’s
          Load balancer step: its tasks register here as they start.
        </Typography>
      ) : (
        <DataTable
          label={`Targets of ${tg.TargetGroupName ?? ''}`}
          testId="targets-table"
          rows={rows}
          columns={columns}
          getRowId={targetKey}
          rowAttributes={(row) => ({ 'data-target': targetKey(row) })}
        />
      )}
    </Box>
  );
}
