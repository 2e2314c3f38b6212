import { Alert, Link, Stack, Typography } from '@mui/material';
import type { EcsService } from '../../../../shared';
import { QueryErrorAlert } from '../../../common/QueryErrorAlert';
import { elbArnName, forwardWeights } from './elb-form';
import { ListenerCard } from './ListenerCard';
import { TargetsTable } from './TargetsTable';
import { useLoadBalancing } from './use-load-balancing';

/**
 * A service behind a load balancer: the target group its tasks register in, their health and
 * requests, and the listeners in front, with traffic to send through them.
 */
export function ServiceLoadBalancerPanel({
  cluster,
  service,
  onOpenLoadBalancer,
  onOpenTask,
}: {
  cluster: string;
  service: EcsService;
  onOpenLoadBalancer(name: string): void;
  onOpenTask(taskArn: string): void;
}) {
  const { list, runs } = useLoadBalancing(cluster);
  const groups = list.data?.targetGroups ?? [];
  const balancers = list.data?.loadBalancers ?? [];

  return (
    <Stack sx={{ gap: 2 }} data-testid="service-load-balancer">
      {list.error && (
        <QueryErrorAlert
          error={list.error}
          failedTo="read the load balancers"
          refreshes="the panel refreshes"
          testId="service-load-balancer-error"
        />
      )}
      <Typography variant="body2" color="text.secondary">
        Health check grace period: {service.healthCheckGracePeriodSeconds ?? 0} s (a new task’s
        failed load balancer health checks are ignored this long).
      </Typography>
      {(service.loadBalancers ?? []).map((entry) => {
        const arn = entry.targetGroupArn ?? '';
        const group = groups.find((item) => item.targetGroup.TargetGroupArn === arn);
        const fronts = balancers.filter((view) =>
          view.listeners.some((listener) =>
            forwardWeights(listener.listener).some((weight) => weight.targetGroupArn === arn),
          ),
        );
        return (
          <Stack key={`${arn}/${entry.containerName}/${entry.containerPort}`} sx={{ gap: 2 }}>
            <Typography variant="body1">
              Container <strong>{entry.containerName}</strong> port{' '}
              <strong>{entry.containerPort}</strong> of each task is a target in{' '}
              <strong>{elbArnName(arn)}</strong>
              {fronts.length > 0 && (
                <>
                  , behind{' '}
                  {fronts.map((view, index) => (
                    <span key={view.loadBalancer.LoadBalancerArn}>
                      {index > 0 && ', '}
                      <Link
                        component="button"
                        onClick={() => onOpenLoadBalancer(view.loadBalancer.LoadBalancerName ?? '')}
                      >
                        {view.loadBalancer.LoadBalancerName}
                      </Link>
                    </span>
                  ))}
                </>
              )}
              .
            </Typography>
            {list.data && !group && (
              <Alert severity="warning">
                The target group {elbArnName(arn)} does not exist (any more): the tasks are
                registered nowhere.
              </Alert>
            )}
            {group && fronts.length === 0 && (
              <>
                <Alert severity="info">
                  No listener forwards to {elbArnName(arn)}: its targets get no traffic. Point a
                  load balancer’s listener at it with Edit forwarding.
                </Alert>
                <TargetsTable group={group} onOpenTask={onOpenTask} />
              </>
            )}
            {fronts.flatMap((view) =>
              view.listeners
                .filter((listener) =>
                  forwardWeights(listener.listener).some((weight) => weight.targetGroupArn === arn),
                )
                .map((listener) => (
                  <ListenerCard
                    key={listener.listener.ListenerArn}
                    view={view}
                    listener={listener}
                    targetGroups={groups}
                    runs={runs.data ?? []}
                    onOpenTask={onOpenTask}
                  />
                )),
            )}
          </Stack>
        );
      })}
    </Stack>
  );
}
