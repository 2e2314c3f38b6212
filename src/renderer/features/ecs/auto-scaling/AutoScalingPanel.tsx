import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import EditIcon from '@mui/icons-material/Edit';
import { Box, Button, Chip, IconButton, Paper, Stack, Tooltip, Typography } from '@mui/material';
import { useState } from 'react';
import type { EcsService } from '../../../../shared';
import type { AutoScalingPolicy } from '../../../../shared/contract/ecs-load-balancing';
import { useStowageMutation, useStowageQuery } from '../../../api';
import { ConfirmDialog } from '../../../common/ConfirmDialog';
import { MutationErrorAlert } from '../../../common/MutationErrorAlert';
import { QueryErrorAlert } from '../../../common/QueryErrorAlert';
import { formatRelativeTime } from '../../../common/format';
import { useNow } from '../../../common/use-now';
import { forwardWeights } from '../load-balancing/elb-form';
import { CapacityDialog } from './CapacityDialog';
import { DemoTimingSwitch } from './DemoTimingSwitch';
import { LoadDial } from './LoadDial';
import { MetricChart } from './MetricChart';
import {
  initialStepScaling,
  initialTargetTracking,
  policySummary,
  resourceLabelOf,
  stepScalingFormOf,
  targetTrackingFormOf,
} from './scaling-form';
import { StepScalingDialog } from './StepScalingDialog';
import { TargetTrackingDialog } from './TargetTrackingDialog';
import { useAutoScaling, useKeepAutoScaling } from './use-auto-scaling';

type Dialog =
  | { kind: 'capacity' }
  | { kind: 'tracking'; policy?: AutoScalingPolicy }
  | { kind: 'step'; policy?: AutoScalingPolicy }
  | { kind: 'deregister' };

const statusColor = (status: string | undefined) =>
  status === 'Successful'
    ? 'success'
    : status === 'Failed'
      ? 'error'
      : status === 'InProgress' || status === 'Pending'
        ? 'info'
        : 'default';

/**
 * A service's Application Auto Scaling: its capacity bounds, its policies, the metric they follow
 * with every scaling activity marked, the activities with their causes, and (simulated runtime)
 * the load its tasks report.
 */
export function AutoScalingPanel({ cluster, service }: { cluster: string; service: EcsService }) {
  const name = service.serviceName ?? '';
  const view = useAutoScaling(cluster, name);
  const settings = useStowageQuery('ecs.autoScaling.settings', {});
  const behind = (service.loadBalancers ?? []).find((item) => item.targetGroupArn);
  const balancers = useStowageQuery('ecs.loadBalancers.list', { cluster }, { enabled: !!behind });
  const [dialog, setDialog] = useState<Dialog | undefined>(undefined);
  const action = useStowageMutation();
  const keep = useKeepAutoScaling(cluster, name);
  const close = () => setDialog(undefined);
  const data = view.data;
  const target = data?.scalableTarget;
  const demoTiming = settings.data?.demoTiming ?? false;
  const now = useNow(5000, (data?.activities.length ?? 0) > 0);

  const groupArn = behind?.targetGroupArn ?? '';
  const balancer = balancers.data?.loadBalancers.find((item) =>
    item.listeners.some((listener) =>
      forwardWeights(listener.listener).some((weight) => weight.targetGroupArn === groupArn),
    ),
  );
  const resourceLabel = balancer
    ? resourceLabelOf(balancer.loadBalancer.LoadBalancerArn ?? '', groupArn)
    : undefined;

  const removePolicy = (policyName: string) =>
    void action
      .run((client) =>
        client.call('ecs.autoScaling.deletePolicy', { cluster, service: name, policyName }),
      )
      .then((answer) => answer.ok && keep(answer.value));

  return (
    <Stack sx={{ gap: 2 }} data-testid="auto-scaling-panel">
      {view.error && (
        <QueryErrorAlert
          error={view.error}
          failedTo="read the service’s auto scaling"
          refreshes="the panel refreshes"
          testId="auto-scaling-error"
        />
      )}
      {data && !target && (
        <Box sx={{ py: 4, textAlign: 'center' }} data-testid="auto-scaling-off">
          <Typography variant="h6">Auto scaling is off</Typography>
          <Typography color="text.secondary" sx={{ mb: 2 }}>
            The service keeps the count you set. Turn auto scaling on with a minimum and a maximum
            number of tasks, then add a policy that says when to scale.
          </Typography>
          <Button variant="contained" onClick={() => setDialog({ kind: 'capacity' })}>
            Turn on auto scaling
          </Button>
        </Box>
      )}
      {target && data && (
        <>
          <Stack direction="row" sx={{ gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
            <Typography variant="body1" data-testid="capacity">
              Between <strong>{target.MinCapacity}</strong> and{' '}
              <strong>{target.MaxCapacity}</strong> tasks · now {service.desiredCount ?? 0}
            </Typography>
            <Button
              size="small"
              startIcon={<EditIcon />}
              onClick={() => setDialog({ kind: 'capacity' })}
            >
              Change capacity
            </Button>
            <Box sx={{ flex: 1 }} />
            <Button size="small" color="error" onClick={() => setDialog({ kind: 'deregister' })}>
              Turn off auto scaling
            </Button>
          </Stack>
          <Paper variant="outlined" sx={{ p: 2 }}>
            <Stack direction="row" sx={{ gap: 1, alignItems: 'center', flexWrap: 'wrap', mb: 1 }}>
              <Typography variant="subtitle1" component="h4" sx={{ fontWeight: 600, flex: 1 }}>
                Policies
              </Typography>
              <Button
                size="small"
                startIcon={<AddIcon />}
                onClick={() => setDialog({ kind: 'tracking' })}
              >
                Target tracking
              </Button>
              <Button
                size="small"
                startIcon={<AddIcon />}
                onClick={() => setDialog({ kind: 'step' })}
              >
                Step scaling
              </Button>
            </Stack>
            {data.policies.length === 0 ? (
              <Typography variant="body2" color="text.secondary" data-testid="policies-empty">
                No policy: the count stays where it is. Add a target-tracking policy to keep CPU,
                memory or requests per task at a value.
              </Typography>
            ) : (
              <Stack component="ul" sx={{ m: 0, p: 0, listStyle: 'none', gap: 1 }}>
                {data.policies.map((policy) => (
                  <Stack
                    component="li"
                    key={policy.PolicyName}
                    direction="row"
                    sx={{ gap: 1, alignItems: 'center' }}
                    data-testid="policy"
                    data-policy={policy.PolicyName}
                  >
                    <Chip
                      size="small"
                      variant="outlined"
                      label={policy.PolicyType === 'StepScaling' ? 'Step' : 'Target tracking'}
                    />
                    <Box sx={{ flex: 1, minWidth: 0 }}>
                      <Typography variant="body2" sx={{ fontWeight: 500 }}>
                        {policy.PolicyName}
                      </Typography>
                      <Typography variant="caption" color="text.secondary">
                        {policySummary(policy)}
                      </Typography>
                    </Box>
                    <Tooltip title="Edit">
                      <IconButton
                        size="small"
                        aria-label={`Edit ${policy.PolicyName ?? ''}`}
                        onClick={() =>
                          setDialog({
                            kind: policy.PolicyType === 'StepScaling' ? 'step' : 'tracking',
                            policy,
                          })
                        }
                      >
                        <EditIcon fontSize="small" />
                      </IconButton>
                    </Tooltip>
                    <Tooltip title="Delete">
                      <IconButton
                        size="small"
                        aria-label={`Delete ${policy.PolicyName ?? ''}`}
                        disabled={action.busy}
                        onClick={() => removePolicy(policy.PolicyName ?? '')}
                      >
                        <DeleteIcon fontSize="small" />
                      </IconButton>
                    </Tooltip>
                  </Stack>
                ))}
              </Stack>
            )}
            <MutationErrorAlert
              mutation={action}
              title="The change was refused"
              testId="policy-error"
            />
          </Paper>
          {data.metrics.map((series) => (
            <Paper key={series.metric} variant="outlined" sx={{ p: 2 }}>
              <MetricChart series={series} activities={data.activities} />
            </Paper>
          ))}
        </>
      )}
      {data?.load && <LoadDial cluster={cluster} service={name} load={data.load} />}
      {data && (
        <Paper variant="outlined" sx={{ p: 2 }}>
          <DemoTimingSwitch />
        </Paper>
      )}
      {target && data && (
        <Paper variant="outlined" sx={{ p: 2 }}>
          <Typography variant="subtitle1" component="h4" sx={{ fontWeight: 600, mb: 1 }}>
            Scaling activities
          </Typography>
          {data.activities.length === 0 ? (
            <Typography variant="body2" color="text.secondary">
              None yet: each change auto scaling makes to the desired count shows here, with its
              cause.
            </Typography>
          ) : (
            <Stack component="ol" sx={{ m: 0, p: 0, listStyle: 'none', gap: 1.5 }}>
              {data.activities.map((activity) => (
                <Box component="li" key={activity.ActivityId} data-testid="scaling-activity">
                  <Stack direction="row" sx={{ gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
                    <Chip
                      size="small"
                      variant="outlined"
                      color={statusColor(activity.StatusCode)}
                      label={activity.StatusCode ?? ''}
                    />
                    <Typography variant="body2" sx={{ fontWeight: 500 }}>
                      {activity.Description}
                    </Typography>
                    {activity.StartTime !== undefined && (
                      <Tooltip title={new Date(activity.StartTime).toLocaleString()}>
                        <Typography variant="caption" color="text.secondary">
                          {formatRelativeTime(now, activity.StartTime)}
                        </Typography>
                      </Tooltip>
                    )}
                  </Stack>
                  <Typography variant="caption" color="text.secondary" sx={{ display: 'block' }}>
                    {activity.Cause}
                  </Typography>
                  {activity.StatusMessage && (
                    <Typography variant="caption" color="error" sx={{ display: 'block' }}>
                      {activity.StatusMessage}
                    </Typography>
                  )}
                </Box>
              ))}
            </Stack>
          )}
        </Paper>
      )}
      {dialog?.kind === 'capacity' && (
        <CapacityDialog
          cluster={cluster}
          service={name}
          registered={target !== undefined}
          initial={{
            min: String(target?.MinCapacity ?? Math.max(1, service.desiredCount ?? 1)),
            max: String(target?.MaxCapacity ?? Math.max(4, (service.desiredCount ?? 1) * 2)),
          }}
          onClose={close}
        />
      )}
      {dialog?.kind === 'tracking' && (
        <TargetTrackingDialog
          cluster={cluster}
          service={name}
          editing={dialog.policy !== undefined}
          initial={
            dialog.policy ? targetTrackingFormOf(dialog.policy) : initialTargetTracking(name)
          }
          resourceLabel={resourceLabel}
          demoTiming={demoTiming}
          onClose={close}
        />
      )}
      {dialog?.kind === 'step' && (
        <StepScalingDialog
          cluster={cluster}
          service={name}
          editing={dialog.policy !== undefined}
          initial={dialog.policy ? stepScalingFormOf(dialog.policy) : initialStepScaling(name)}
          onClose={close}
        />
      )}
      <ConfirmDialog
        request={
          dialog?.kind === 'deregister'
            ? {
                title: 'Turn off auto scaling?',
                message:
                  'The service stops being a scalable target and its policies are deleted with it. Its desired count stays where it is now.',
                items: [`service/${cluster}/${name}`],
                confirmLabel: 'Turn off',
              }
            : undefined
        }
        onClose={(answer) => {
          close();
          if (answer) {
            void action.run((client) =>
              client.call('ecs.autoScaling.deregister', { cluster, service: name }),
            );
          }
        }}
      />
    </Stack>
  );
}
