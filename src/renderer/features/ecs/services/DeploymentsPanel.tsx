import StopCircleOutlinedIcon from '@mui/icons-material/StopCircleOutlined';
import UndoIcon from '@mui/icons-material/Undo';
import {
  Box,
  Button,
  Chip,
  LinearProgress,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useMemo, useState } from 'react';
import type { EcsService } from '../../../../shared';
import { useStowageMutation, useStowageQuery } from '../../../api';
import { formatRelativeTime } from '../../../common/format';
import { MutationErrorAlert } from '../../../common/MutationErrorAlert';
import { QueryErrorAlert } from '../../../common/QueryErrorAlert';
import { useNow } from '../../../common/use-now';
import { DeploymentBand } from './DeploymentBand';
import { DeploymentProgress } from './DeploymentProgress';
import { inProgressDeployment } from './deployment-strategy';
import { StopDeploymentDialog } from './StopDeploymentDialog';
import { circuitBreakerThreshold, primaryDeployment, revisionName } from './service-view';

const rolloutColors = {
  COMPLETED: 'success',
  IN_PROGRESS: 'info',
  FAILED: 'error',
} as const;

const historyColors: Record<string, 'success' | 'info' | 'error' | 'warning' | 'default'> = {
  SUCCESSFUL: 'success',
  IN_PROGRESS: 'info',
  PENDING: 'info',
  ROLLBACK_IN_PROGRESS: 'warning',
  ROLLBACK_REQUESTED: 'warning',
  ROLLBACK_SUCCESSFUL: 'warning',
  ROLLBACK_FAILED: 'error',
  STOPPED: 'default',
  STOP_REQUESTED: 'default',
};

/**
 * The service's deployments: the live ones with their counts inside the band the percent
 * limits draw, the circuit breaker, a way back, and the history ListServiceDeployments keeps.
 */
export function DeploymentsPanel({ cluster, service }: { cluster: string; service: EcsService }) {
  const name = service.serviceName ?? '';
  const history = useStowageQuery('ecs.services.deployments', { cluster, service: name });
  const revisionArns = useMemo(
    () => [
      ...new Set(
        (history.data ?? []).flatMap((item) => item.targetServiceRevision?.arn ?? []).slice(0, 20),
      ),
    ],
    [history.data],
  );
  const revisions = useStowageQuery(
    'ecs.services.revisions',
    { serviceRevisionArns: revisionArns },
    { enabled: revisionArns.length > 0 },
  );
  const definitionOf = useMemo(
    () =>
      new Map(
        (revisions.data ?? []).map((revision) => [
          revision.serviceRevisionArn ?? '',
          revision.taskDefinition ?? '',
        ]),
      ),
    [revisions.data],
  );
  const action = useStowageMutation();
  const now = useNow(30_000);
  const deployments = service.deployments ?? [];
  const primary = primaryDeployment(service);
  const previous = deployments.find((deployment) => deployment.status === 'ACTIVE');
  const configuration = service.deploymentConfiguration;
  const breaker = configuration?.deploymentCircuitBreaker;
  const desired = service.desiredCount ?? 0;
  const threshold = circuitBreakerThreshold(desired);
  const failed = primary?.failedTasks ?? 0;

  // The ARN of the deployment whose stop is being confirmed: a later one never inherits it.
  const [confirmingStop, setConfirmingStop] = useState<string>();
  const underWay = inProgressDeployment(history.data ?? []);
  // A rollback under way is not stopped again; ECS goes back to the last completed revision.
  const stoppable = underWay?.status === 'IN_PROGRESS' ? underWay : undefined;
  const completedBefore = history.data?.find((item) => item.status === 'SUCCESSFUL');
  const definitionOfRevision = (arn: string | undefined) =>
    revisionName(definitionOf.get(arn ?? ''));
  const stopHint = !stoppable
    ? 'No deployment in progress.'
    : !completedBefore
      ? 'No earlier revision completed: nothing to roll back to.'
      : undefined;

  const deploy = (taskDefinition: string) =>
    void action.run((client) =>
      client.call('ecs.services.update', { request: { cluster, service: name, taskDefinition } }),
    );

  return (
    <Stack sx={{ gap: 2 }} data-testid="deployments-panel">
      <DeploymentProgress cluster={cluster} service={service} />
      {/* Under the deployment it stops, above the history that can push it out of view. */}
      <Stack
        direction="row"
        sx={{ gap: 1, alignItems: 'center', justifyContent: 'flex-end', flexWrap: 'wrap' }}
      >
        {stopHint && (
          <Typography variant="caption" color="text.secondary" data-testid="stop-hint">
            {stopHint}
          </Typography>
        )}
        <Button
          variant="outlined"
          color="warning"
          startIcon={<StopCircleOutlinedIcon />}
          disabled={stopHint !== undefined}
          onClick={() => setConfirmingStop(stoppable?.serviceDeploymentArn)}
        >
          Stop deployment
        </Button>
      </Stack>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <DeploymentBand
          desired={desired}
          minimumHealthyPercent={configuration?.minimumHealthyPercent ?? 100}
          maximumPercent={configuration?.maximumPercent ?? 200}
          deployments={deployments}
        />
      </Paper>
      {deployments.map((deployment) => (
        <Paper
          key={deployment.id}
          variant="outlined"
          data-testid="deployment"
          data-status={deployment.status}
          data-rollout={deployment.rolloutState}
          sx={{ p: 2 }}
        >
          <Stack direction="row" sx={{ gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
            <Chip
              size="small"
              label={
                deployment.status === 'PRIMARY' ? 'PRIMARY (new)' : `${deployment.status} (old)`
              }
              color={deployment.status === 'PRIMARY' ? 'primary' : 'default'}
            />
            <Typography sx={{ fontFamily: 'monospace', fontWeight: 600 }}>
              {revisionName(deployment.taskDefinition)}
            </Typography>
            {deployment.rolloutState && (
              <Chip
                size="small"
                variant="outlined"
                label={deployment.rolloutState}
                color={rolloutColors[deployment.rolloutState]}
              />
            )}
            <Typography variant="body2" sx={{ ml: 'auto', fontVariantNumeric: 'tabular-nums' }}>
              {deployment.runningCount ?? 0} running · {deployment.pendingCount ?? 0} pending ·{' '}
              {deployment.desiredCount ?? 0} desired · {deployment.failedTasks ?? 0} failed
            </Typography>
          </Stack>
          {deployment.rolloutStateReason && (
            <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
              {deployment.rolloutStateReason}
            </Typography>
          )}
        </Paper>
      ))}
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Stack direction="row" sx={{ gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
          <Box sx={{ flex: '1 1 280px' }}>
            <Typography variant="subtitle2">Deployment circuit breaker</Typography>
            {breaker?.enable ? (
              <>
                <Typography variant="body2" data-testid="circuit-breaker">
                  {failed} of {threshold} failed tasks before the deployment fails
                  {breaker.rollback ? ', then rolls back' : ''}
                </Typography>
                <LinearProgress
                  variant="determinate"
                  value={Math.min(100, (failed / threshold) * 100)}
                  color={failed >= threshold ? 'error' : failed > 0 ? 'warning' : 'primary'}
                  aria-label={`Failed tasks: ${failed} of ${threshold}`}
                  sx={{ height: 6, borderRadius: 3, mt: 0.5, maxWidth: 360 }}
                />
              </>
            ) : (
              <Typography variant="body2" color="text.secondary" data-testid="circuit-breaker">
                Off: a deployment whose tasks keep failing retries without end. Turn it on in
                Update.
              </Typography>
            )}
          </Box>
          {previous?.taskDefinition && (
            <Button
              variant="outlined"
              startIcon={<UndoIcon />}
              disabled={action.busy}
              onClick={() => deploy(previous.taskDefinition ?? '')}
            >
              Roll back to {revisionName(previous.taskDefinition)}
            </Button>
          )}
        </Stack>
        <MutationErrorAlert mutation={action} title="ECS refused" testId="deploy-error" />
      </Paper>
      {stoppable && confirmingStop === stoppable.serviceDeploymentArn && (
        <StopDeploymentDialog
          deployment={stoppable}
          deploying={definitionOfRevision(stoppable.targetServiceRevision?.arn)}
          rollingBackTo={definitionOfRevision(completedBefore?.targetServiceRevision?.arn)}
          onClose={() => setConfirmingStop(undefined)}
        />
      )}
      <Box>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, mb: 1 }}>
          History
        </Typography>
        {history.error && (
          <QueryErrorAlert
            error={history.error}
            failedTo="read the deployment history"
            refreshes="it refreshes"
            testId="history-error"
          />
        )}
        {history.data?.length === 0 && (
          <Typography color="text.secondary">No deployments recorded yet.</Typography>
        )}
        {history.data && history.data.length > 0 && (
          <Table size="small" aria-label="Deployment history" data-testid="deployment-history">
            <TableHead>
              <TableRow>
                <TableCell>Started</TableCell>
                <TableCell>Status</TableCell>
                <TableCell>Revision</TableCell>
                <TableCell align="right">Tasks</TableCell>
                <TableCell>Circuit breaker</TableCell>
                <TableCell>Why</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {history.data.map((item) => {
                const target = item.targetServiceRevision;
                const taskDefinition = definitionOf.get(target?.arn ?? '');
                const current = taskDefinition === service.taskDefinition;
                return (
                  <TableRow key={item.serviceDeploymentArn} data-status={item.status}>
                    <TableCell>
                      {item.startedAt || item.createdAt
                        ? formatRelativeTime(now, item.startedAt ?? item.createdAt ?? now)
                        : '—'}
                    </TableCell>
                    <TableCell>
                      <Chip
                        size="small"
                        variant="outlined"
                        label={item.status}
                        color={historyColors[item.status ?? ''] ?? 'default'}
                      />
                    </TableCell>
                    <TableCell sx={{ fontFamily: 'monospace' }}>
                      {revisionName(taskDefinition)}
                    </TableCell>
                    <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                      {target?.runningTaskCount ?? 0} / {target?.requestedTaskCount ?? 0}
                    </TableCell>
                    <TableCell>
                      {item.deploymentCircuitBreaker?.threshold !== undefined
                        ? `${item.deploymentCircuitBreaker.failureCount ?? 0} / ${item.deploymentCircuitBreaker.threshold}`
                        : '—'}
                    </TableCell>
                    <TableCell sx={{ maxWidth: 320 }}>
                      {item.rollback?.reason ?? item.statusReason ?? ''}
                    </TableCell>
                    <TableCell>
                      {item.status === 'SUCCESSFUL' && taskDefinition && !current && (
                        <Button size="small" onClick={() => deploy(taskDefinition)}>
                          Redeploy
                        </Button>
                      )}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        )}
      </Box>
    </Stack>
  );
}
