import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import EditIcon from '@mui/icons-material/Edit';
import { Alert, Box, Button, Link, Paper, Stack, Tooltip, Typography } from '@mui/material';
import { useState } from 'react';
import type {
  LoadBalancerView,
  TargetGroupView,
  TrafficRun,
} from '../../../../shared/contract/ecs-load-balancing';
import { elbArnName, forwardWeights, listenerAddress } from './elb-form';
import { ForwardWeightsDialog } from './ForwardWeightsDialog';
import { TargetsTable } from './TargetsTable';
import { TrafficPanel } from './TrafficPanel';

/** One listener: where to reach it, how it forwards, the targets behind it, and traffic. */
export function ListenerCard({
  view,
  listener,
  targetGroups,
  runs,
  onOpenTask,
}: {
  view: LoadBalancerView;
  listener: LoadBalancerView['listeners'][number];
  targetGroups: readonly TargetGroupView[];
  runs: readonly TrafficRun[];
  onOpenTask?(taskArn: string): void;
}) {
  const [editing, setEditing] = useState(false);
  const [copied, setCopied] = useState(false);
  const address = listenerAddress(view, listener);
  const weights = forwardWeights(listener.listener);
  const total = weights.reduce((sum, item) => sum + item.weight, 0);
  const groupOf = (arn: string) =>
    targetGroups.find((group) => group.targetGroup.TargetGroupArn === arn);
  const unroutableIn = (arn: string | undefined) =>
    (listener.unroutable ?? [])
      .filter((count) => count.targetGroupArn === arn)
      .reduce((sum, count) => sum + count.responses, 0);
  const unpicked = unroutableIn(undefined);
  const name = `${view.loadBalancer.LoadBalancerName ?? ''} · ${listener.listener.Protocol ?? 'HTTP'}:${listener.listener.Port ?? ''}`;
  const copy = () => {
    if (!address) return;
    void navigator.clipboard?.writeText(address.curl);
    setCopied(true);
  };

  return (
    <Paper
      variant="outlined"
      sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 2 }}
      data-testid="listener"
      data-port={listener.listener.Port}
    >
      <Stack direction="row" sx={{ gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
          {listener.listener.Protocol ?? 'HTTP'} : {listener.listener.Port}
        </Typography>
        {address ? (
          <Stack direction="row" sx={{ gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
            <Link
              href={address.host ? undefined : address.url}
              target="_blank"
              rel="noreferrer"
              data-testid="listener-url"
              sx={{ fontFamily: 'monospace' }}
            >
              {address.url}
            </Link>
            {address.host && (
              <Typography variant="body2" color="text.secondary">
                with <Box component="code">Host: {address.host}</Box>
              </Typography>
            )}
          </Stack>
        ) : (
          <Typography variant="body2" color="text.secondary">
            Not reachable: the ECS endpoint is off and the port is not served directly.
          </Typography>
        )}
      </Stack>
      {listener.directProblem && (
        <Alert severity="info" data-testid="listener-direct-problem">
          {listener.directProblem}{' '}
          {address
            ? 'It is reached through the ECS endpoint with the load balancer’s DNS name as Host.'
            : 'Turn on the ECS API endpoint to reach it there, with the load balancer’s DNS name as Host.'}
        </Alert>
      )}
      {address && (
        <Stack direction="row" sx={{ gap: 1, alignItems: 'center' }}>
          <Box
            component="pre"
            data-testid="listener-curl"
            tabIndex={0}
            aria-label="curl command"
            sx={{
              m: 0,
              p: 1,
              flex: 1,
              minWidth: 0,
              overflowX: 'auto',
              bgcolor: 'action.hover',
              borderRadius: 1,
              fontSize: 13,
            }}
          >
            {address.curl}
          </Box>
          <Button size="small" startIcon={<ContentCopyIcon />} onClick={copy}>
            {copied ? 'Copied' : 'Copy curl'}
          </Button>
        </Stack>
      )}
      <Stack direction="row" sx={{ gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="body2" data-testid="listener-forward">
          Forwards to{' '}
          {weights.length === 0
            ? 'nothing'
            : weights
                .map((item) =>
                  weights.length === 1
                    ? elbArnName(item.targetGroupArn)
                    : `${elbArnName(item.targetGroupArn)} (${total > 0 ? Math.round((item.weight / total) * 100) : 0} %)`,
                )
                .join(' and ')}
        </Typography>
        <Tooltip title="Forward to one target group, or split over two by weight">
          <Button size="small" startIcon={<EditIcon />} onClick={() => setEditing(true)}>
            Edit forwarding
          </Button>
        </Tooltip>
      </Stack>
      {unpicked > 0 && (
        <Typography variant="body2" color="error" data-testid="listener-unpicked">
          {unpicked.toLocaleString()} requests answered 503 with every forward weight at 0: no
          target group to pick.
        </Typography>
      )}
      {weights.map((item) => {
        const group = groupOf(item.targetGroupArn);
        return group ? (
          <TargetsTable
            key={item.targetGroupArn}
            group={group}
            unroutable={unroutableIn(item.targetGroupArn)}
            onOpenTask={onOpenTask}
          />
        ) : null;
      })}
      <TrafficPanel
        listenerArn={listener.listener.ListenerArn ?? ''}
        listenerName={name}
        urls={address ? [address.url] : []}
        runs={runs}
      />
      {editing && (
        <ForwardWeightsDialog
          listener={listener.listener}
          targetGroups={targetGroups}
          onClose={() => setEditing(false)}
        />
      )}
    </Paper>
  );
}
