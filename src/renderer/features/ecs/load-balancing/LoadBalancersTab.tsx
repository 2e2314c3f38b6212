import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import DeleteIcon from '@mui/icons-material/Delete';
import { Alert, Box, Button, Chip, Stack, Tooltip, Typography } from '@mui/material';
import { useMemo, useState } from 'react';
import type {
  LoadBalancerView,
  TargetGroupView,
} from '../../../../shared/contract/ecs-load-balancing';
import { plural } from '../../../common/format';
import { QueryErrorAlert } from '../../../common/QueryErrorAlert';
import { DataTable, type DataColumn } from '../../../common/table/DataTable';
import { OpenLink, ResourceList, RowAction } from '../common/ResourceList';
import { CreateLoadBalancerDialog } from './CreateLoadBalancerDialog';
import { DeleteLoadBalancerDialog } from './DeleteLoadBalancerDialog';
import { forwardWeights } from './elb-form';
import { ListenerCard } from './ListenerCard';
import { useLoadBalancing } from './use-load-balancing';

/** The target groups a load balancer's listeners forward to. */
export function groupsOf(
  view: LoadBalancerView,
  groups: readonly TargetGroupView[],
): TargetGroupView[] {
  const arns = new Set(
    view.listeners.flatMap((item) =>
      forwardWeights(item.listener).map((weight) => weight.targetGroupArn),
    ),
  );
  return groups.filter((group) => arns.has(group.targetGroup.TargetGroupArn ?? ''));
}

const healthyOf = (groups: readonly TargetGroupView[]) => {
  const targets = groups.flatMap((group) => group.targets);
  const healthy = targets.filter((target) => target.health.TargetHealth?.State === 'healthy');
  return { healthy: healthy.length, all: targets.length };
};

/** The cluster's load balancers, or one of them in detail. */
export function LoadBalancersTab({
  cluster,
  open,
  onOpen,
  onOpenTask,
}: {
  cluster: string;
  open: string | undefined;
  onOpen(name: string | undefined): void;
  onOpenTask(taskArn: string): void;
}) {
  const { list, runs, active } = useLoadBalancing(cluster);
  const [dialog, setDialog] = useState<
    { kind: 'create' } | { kind: 'delete'; view: LoadBalancerView } | undefined
  >(undefined);
  const views = useMemo(
    () =>
      [...(list.data?.loadBalancers ?? [])].sort((a, b) =>
        (a.loadBalancer.LoadBalancerName ?? '').localeCompare(
          b.loadBalancer.LoadBalancerName ?? '',
        ),
      ),
    [list.data],
  );
  const groups = list.data?.targetGroups ?? [];
  const shown =
    open === undefined
      ? undefined
      : views.find((view) => view.loadBalancer.LoadBalancerName === open);
  const close = () => setDialog(undefined);

  const columns: DataColumn<LoadBalancerView>[] = [
    {
      id: 'name',
      header: 'Name',
      identifying: true,
      cell: (row) => (
        <OpenLink onOpen={() => onOpen(row.loadBalancer.LoadBalancerName)}>
          {row.loadBalancer.LoadBalancerName}
        </OpenLink>
      ),
      title: (row) => row.loadBalancer.LoadBalancerArn ?? '',
    },
    {
      id: 'state',
      header: 'State',
      width: 120,
      cell: (row) => (
        <Chip
          size="small"
          variant="outlined"
          label={row.loadBalancer.State?.Code ?? ''}
          color={row.loadBalancer.State?.Code === 'active' ? 'success' : 'default'}
        />
      ),
    },
    {
      id: 'dns',
      header: 'DNS name',
      monospace: true,
      priority: 2,
      cell: (row) => row.loadBalancer.DNSName ?? '',
      title: (row) => row.loadBalancer.DNSName ?? '',
    },
    {
      id: 'listeners',
      header: 'Listeners',
      width: 120,
      cell: (row) => row.listeners.map((item) => item.listener.Port).join(', '),
    },
    {
      id: 'targets',
      header: 'Healthy targets',
      width: 140,
      numeric: true,
      cell: (row) => {
        const { healthy, all } = healthyOf(groupsOf(row, groups));
        return `${healthy} / ${all}`;
      },
    },
    {
      id: 'actions',
      header: '',
      width: 56,
      cell: (row) => (
        <RowAction
          title="Delete"
          label={`Delete ${row.loadBalancer.LoadBalancerName ?? ''}`}
          icon={<DeleteIcon fontSize="small" />}
          onClick={() => setDialog({ kind: 'delete', view: row })}
        />
      ),
    },
  ];

  const dialogs = (
    <>
      {dialog?.kind === 'create' && (
        <CreateLoadBalancerDialog
          cluster={cluster}
          onClose={close}
          onCreated={(name) => {
            close();
            onOpen(name);
          }}
        />
      )}
      {dialog?.kind === 'delete' && (
        <DeleteLoadBalancerDialog
          view={dialog.view}
          all={views}
          targetGroups={groups}
          onClose={close}
          onDeleted={() => {
            close();
            onOpen(undefined);
          }}
        />
      )}
    </>
  );

  if (open !== undefined) {
    return (
      <Box
        sx={{
          display: 'flex',
          flexDirection: 'column',
          gap: 2,
          minHeight: 0,
          flex: 1,
          overflow: 'auto',
        }}
        data-testid="load-balancer-view"
      >
        <Stack direction="row" sx={{ alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
          <Tooltip title="Back to the load balancers">
            <Button startIcon={<ArrowBackIcon />} onClick={() => onOpen(undefined)}>
              Load balancers
            </Button>
          </Tooltip>
          <Typography variant="h5" component="h2" sx={{ fontWeight: 600 }}>
            {open}
          </Typography>
          {shown && (
            <>
              <Chip size="small" variant="outlined" label={shown.loadBalancer.State?.Code ?? ''} />
              <Typography variant="body2" color="text.secondary" sx={{ fontFamily: 'monospace' }}>
                {shown.loadBalancer.DNSName}
              </Typography>
            </>
          )}
          <Box sx={{ flex: 1 }} />
          {active && (
            <Typography variant="caption" color="text.secondary" data-testid="live-note">
              Traffic is running: counts refresh every second
            </Typography>
          )}
          <Button
            startIcon={<DeleteIcon />}
            color="error"
            disabled={!shown}
            onClick={() => shown && setDialog({ kind: 'delete', view: shown })}
          >
            Delete
          </Button>
        </Stack>
        {list.error && (
          <QueryErrorAlert
            error={list.error}
            failedTo="read the load balancers"
            refreshes="the view refreshes"
            testId="load-balancers-error"
          />
        )}
        {list.data && !shown && (
          <Alert severity="info" data-testid="load-balancer-missing">
            There is no load balancer named {open} (any more). Go back to the list to choose one.
          </Alert>
        )}
        {shown && shown.listeners.length === 0 && (
          <Alert severity="info">
            It has no listener: nothing is served. Create a load balancer with a listener, or add
            one with <Box component="code">aws elbv2 create-listener</Box>.
          </Alert>
        )}
        {shown?.listeners.map((listener) => (
          <ListenerCard
            key={listener.listener.ListenerArn}
            view={shown}
            listener={listener}
            targetGroups={groups}
            runs={runs.data ?? []}
            onOpenTask={onOpenTask}
          />
        ))}
        {dialogs}
      </Box>
    );
  }

  return (
    <ResourceList
      createLabel="Create load balancer"
      onCreate={() => setDialog({ kind: 'create' })}
      count={list.data && `${plural(views.length, 'load balancer')} in ${cluster}`}
      error={list.error}
      failedTo="list the load balancers"
      errorTestId="load-balancers-error"
      empty={
        list.data && views.length === 0
          ? {
              testId: 'load-balancers-empty',
              title: `No load balancers for ${cluster}`,
              text: 'A load balancer spreads HTTP requests over a service’s tasks and stops sending to one that fails its health check. Create load balancer, then create a service with its target group on the Load balancer step.',
            }
          : undefined
      }
    >
      {views.length > 0 && (
        <DataTable
          label="Load balancer list"
          testId="load-balancers-table"
          rows={views}
          columns={columns}
          getRowId={(row) => row.loadBalancer.LoadBalancerArn ?? ''}
          rowAttributes={(row) => ({
            'data-load-balancer': row.loadBalancer.LoadBalancerName ?? '',
          })}
        />
      )}
      {dialogs}
    </ResourceList>
  );
}
