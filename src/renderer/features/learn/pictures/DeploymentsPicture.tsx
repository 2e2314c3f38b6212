import { Box, Chip, Link, Stack, Typography } from '@mui/material';
import type { TourStepResultOf } from '../../../../shared';
import { hashOf } from '../../../common/routes';
import { boxSx } from './picture-box';

const statusColor = (status: string) =>
  status === 'SUCCESSFUL' ? 'success' : status.startsWith('ROLLBACK') ? 'error' : 'default';

/** The service's deployments, oldest first: two that worked, one rolled back. */
export function DeploymentsPicture({ result }: { result: TourStepResultOf<'deployments'> }) {
  return (
    <Stack sx={{ gap: 1 }} data-testid="deployments-picture">
      {result.deployments.map((row, index) => (
        <Stack
          key={`${row.taskDefinition}-${index}`}
          direction="row"
          sx={{ ...boxSx, gap: 2, alignItems: 'center', flexWrap: 'wrap', py: 1 }}
          data-testid="deployment-row"
        >
          <Typography sx={{ fontFamily: 'monospace', minWidth: '16rem' }}>
            {row.taskDefinition}
          </Typography>
          <Typography sx={{ flex: '1 1 12rem' }}>{row.change}</Typography>
          {row.failedTasks > 0 && (
            <Typography variant="body2" color="error.main" data-testid="deployment-failed-tasks">
              {row.failedTasks} tasks failed
            </Typography>
          )}
          <Chip
            size="small"
            color={statusColor(row.status)}
            label={row.status}
            data-testid="deployment-status"
          />
        </Stack>
      ))}
      <Box sx={{ ...boxSx, bgcolor: 'action.hover' }} data-testid="deployment-now">
        Now: {result.runningTasks} tasks of{' '}
        <Box component="span" sx={{ fontFamily: 'monospace' }}>
          {result.runningTaskDefinition}
        </Box>{' '}
        run, as before the broken revision.
      </Box>
      {result.events.length > 0 && (
        <Box component="ul" sx={{ m: 0, pl: 3 }} aria-label="Service events">
          {result.events.map((event, index) => (
            <Typography component="li" variant="body2" key={`${index}-${event}`}>
              {event}
            </Typography>
          ))}
        </Box>
      )}
      <Link
        href={hashOf({
          page: 'ecs',
          view: 'services',
          cluster: result.cluster,
          service: result.service,
        })}
      >
        See {result.service}’s deployments on the ECS page
      </Link>
    </Stack>
  );
}
