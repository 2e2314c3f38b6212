import { Box, Chip, Paper, Stack, Step, StepLabel, Stepper, Typography } from '@mui/material';
import type { EcsService } from '../../../../shared';
import type { ElbListener } from '../../../../shared/contract/ecs-load-balancing';
import { useStowageQuery } from '../../../api';
import { QueryErrorAlert } from '../../../common/QueryErrorAlert';
import { elbArnName } from '../load-balancing/elb-form';
import {
  inProgressDeployment,
  lifecycleStages,
  listenerOfRule,
  strategyLabels,
  strategySummary,
  trafficColors,
  trafficRoles,
  trafficSplit,
} from './deployment-strategy';
import { revisionName } from './service-view';

/**
 * The deployment in progress: its strategy, the lifecycle stage ECS reports for it, and, for
 * a strategy that shifts traffic, the production listener's split between blue and green (the
 * target group the deployment's tasks serve in, as the control plane says: the groups swap
 * roles with each such deployment). Everything follows change events: nothing polls.
 */
export function DeploymentProgress({ cluster, service }: { cluster: string; service: EcsService }) {
  const history = useStowageQuery('ecs.services.deployments', {
    cluster,
    service: service.serviceName ?? '',
  });
  const deployment = inProgressDeployment(history.data ?? []);
  const sourceArn = deployment?.sourceServiceRevisions?.[0]?.arn;
  const targetArn = deployment?.targetServiceRevision?.arn;
  const revisionArns = [sourceArn, targetArn].flatMap((arn) => (arn ? [arn] : []));
  const revisions = useStowageQuery(
    'ecs.services.revisions',
    { serviceRevisionArns: revisionArns },
    { enabled: revisionArns.length > 0 },
  );
  const balanced = (service.loadBalancers ?? []).length > 0;
  const balancing = useStowageQuery(
    'ecs.loadBalancers.list',
    { cluster },
    { enabled: balanced && deployment !== undefined },
  );
  const source = revisions.data?.find((item) => item.serviceRevisionArn === sourceArn);
  const target = revisions.data?.find((item) => item.serviceRevisionArn === targetArn);
  const strategy =
    deployment?.deploymentConfiguration?.strategy ??
    service.deploymentConfiguration?.strategy ??
    'ROLLING';
  const entry = target?.loadBalancers?.[0] ?? service.loadBalancers?.[0];
  const advanced = entry?.advancedConfiguration;
  const { blue, green } = trafficRoles(entry, deployment?.servedTargetGroupArns[0]);
  const production = listenerOfRule(
    balancing.data?.loadBalancers ?? [],
    advanced?.productionListenerRule,
  );

  if (!deployment) return null;
  const stageIndex = lifecycleStages.findIndex((item) => item.stage === deployment.lifecycleStage);
  return (
    <Paper
      variant="outlined"
      sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 2 }}
      data-testid="deployment-progress"
      data-stage={deployment.lifecycleStage}
    >
      <Stack direction="row" sx={{ gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
          {strategyLabels[strategy]} deployment
        </Typography>
        <Chip size="small" variant="outlined" color="info" label={deployment.status} />
        <Typography variant="body2" sx={{ fontFamily: 'monospace' }}>
          {revisionName(source?.taskDefinition)} → {revisionName(target?.taskDefinition)}
        </Typography>
        <Typography
          variant="body2"
          color="text.secondary"
          data-testid="deployment-strategy-summary"
        >
          {strategySummary(deployment.deploymentConfiguration ?? service.deploymentConfiguration)}
        </Typography>
      </Stack>
      {revisions.error && (
        <QueryErrorAlert
          error={revisions.error}
          failedTo="read the service revisions"
          refreshes="it refreshes"
          testId="deployment-progress-revisions-error"
        />
      )}
      {deployment.lifecycleStage && (
        <Box sx={{ overflowX: 'auto' }}>
          <Stepper
            activeStep={stageIndex}
            alternativeLabel
            aria-label="Lifecycle stages"
            sx={{ minWidth: 720 }}
          >
            {lifecycleStages.map((item, index) => (
              <Step
                key={item.stage}
                completed={index < stageIndex}
                aria-current={index === stageIndex ? 'step' : undefined}
                title={item.stage}
              >
                <StepLabel>
                  <Typography
                    variant="caption"
                    sx={{ fontWeight: index === stageIndex ? 700 : undefined }}
                  >
                    {item.label}
                  </Typography>
                </StepLabel>
              </Step>
            ))}
          </Stepper>
        </Box>
      )}
      {balancing.error && (
        <QueryErrorAlert
          error={balancing.error}
          failedTo="read the load balancers"
          refreshes="it refreshes"
          testId="deployment-progress-balancers-error"
        />
      )}
      {strategy !== 'ROLLING' && production && blue && green && (
        <TrafficSplit
          listener={production.listener}
          listenerName={`${production.view.loadBalancer.LoadBalancerName ?? ''} · ${production.listener.Protocol ?? 'HTTP'}:${production.listener.Port ?? ''}`}
          blue={{ targetGroupArn: blue, revision: revisionName(source?.taskDefinition) }}
          green={{ targetGroupArn: green, revision: revisionName(target?.taskDefinition) }}
        />
      )}
    </Paper>
  );
}

/** The production listener's weights as one bar: blue on the left, green on the right. */
function TrafficSplit({
  listener,
  listenerName,
  blue,
  green,
}: {
  listener: ElbListener;
  listenerName: string;
  blue: { targetGroupArn: string; revision: string };
  green: { targetGroupArn: string; revision: string };
}) {
  const split = trafficSplit(listener, blue.targetGroupArn, green.targetGroupArn);
  const sides = [
    { key: 'blue', label: 'Blue', percent: split.blue, ...blue },
    { key: 'green', label: 'Green', percent: split.green, ...green },
  ] as const;
  const summary = `Production traffic on ${listenerName}: blue ${split.blue} %, green ${split.green} %`;
  return (
    <Stack
      sx={{ gap: 1 }}
      data-testid="traffic-split"
      data-blue={split.blue}
      data-green={split.green}
    >
      <Typography variant="body2">
        Production traffic on <strong>{listenerName}</strong>
      </Typography>
      <Box
        role="img"
        aria-label={summary}
        sx={{
          display: 'flex',
          height: 20,
          borderRadius: 1,
          overflow: 'hidden',
          bgcolor: 'action.hover',
        }}
      >
        {sides.map((side) => (
          <Box
            key={side.key}
            sx={{
              width: `${side.percent}%`,
              bgcolor: trafficColors[side.key],
              transition: 'width 0.6s ease',
            }}
          />
        ))}
      </Box>
      <Stack direction="row" sx={{ gap: 3, flexWrap: 'wrap' }}>
        {sides.map((side) => (
          <Stack
            key={side.key}
            direction="row"
            sx={{ gap: 1, alignItems: 'center' }}
            data-testid={`traffic-${side.key}`}
          >
            <Box
              aria-hidden
              sx={{ width: 12, height: 12, borderRadius: 0.5, bgcolor: trafficColors[side.key] }}
            />
            <Typography variant="body2" sx={{ fontVariantNumeric: 'tabular-nums' }}>
              <strong>
                {side.label} {side.percent} %
              </strong>{' '}
              · {elbArnName(side.targetGroupArn)} ({side.revision})
            </Typography>
          </Stack>
        ))}
      </Stack>
    </Stack>
  );
}
