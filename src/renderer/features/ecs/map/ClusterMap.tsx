import AddIcon from '@mui/icons-material/Add';
import CloudIcon from '@mui/icons-material/Cloud';
import MoreVertIcon from '@mui/icons-material/MoreVert';
import {
  Alert,
  Box,
  Button,
  Chip,
  IconButton,
  LinearProgress,
  Menu,
  MenuItem,
  Paper,
  Stack,
  Tooltip,
  Typography,
} from '@mui/material';
import { useMemo, useState, type ReactNode } from 'react';
import type { EcsContainerInstance, EcsStatus } from '../../../../shared';
import { useStowageMutation, useStowageQuery, type StowageClient } from '../../../api';
import { MutationErrorAlert } from '../../../common/MutationErrorAlert';
import { useConfirm } from '../../../common/ConfirmDialog';
import { QueryErrorAlert } from '../../../common/QueryErrorAlert';
import {
  awsvpcBlockImdsAttribute,
  instanceRoleAttribute,
} from '../../../../shared/contract/ecs-agent';
import { useNow } from '../../../common/use-now';
import { ExportButton } from '../export/ExportButton';
import { AddInstancesDialog } from './AddInstancesDialog';
import { BlockImdsChip, InstanceRoleChip } from './InstanceRoleChip';
import { attributeOf, gaugesOf, zoneColumns, type ResourceGauge } from './instance-view';
import { drainEffect, mapTasks, mapTasksByHost, type MapTask } from './task-lifecycle';
import { TaskChips, TaskLegend } from './TaskChips';

/**
 * The cluster at a glance: a column per availability zone, each container instance a card
 * with its reserved resources and its tasks, and a lane for Fargate tasks. Live: every change
 * of the control plane refetches.
 */
export function ClusterMap({
  cluster,
  status,
  onOpenTask,
  highlight,
}: {
  cluster: string;
  status: EcsStatus;
  onOpenTask(taskArn: string): void;
  /** Task ARNs to pick out (a service's tasks); the others fade. */
  highlight?: ReadonlySet<string>;
}) {
  const instances = useStowageQuery('ecs.instances.list', { cluster });
  const tasks = useStowageQuery('ecs.tasks.list', { cluster, desiredStatus: 'RUNNING' });
  const stopped = useStowageQuery('ecs.tasks.list', { cluster, desiredStatus: 'STOPPED' });
  // Often enough for stopped tasks to fade smoothly; every change refetches anyway.
  const now = useNow(5_000);
  const [adding, setAdding] = useState(false);
  const action = useStowageMutation();
  const [dialog, confirm] = useConfirm();
  const columns = useMemo(() => zoneColumns(instances.data ?? []), [instances.data]);
  const shown = useMemo(
    () => mapTasks(tasks.data ?? [], stopped.data ?? [], now),
    [tasks.data, stopped.data, now],
  );
  const hosts = useMemo(() => mapTasksByHost(shown), [shown]);
  const fargate = hosts.get('FARGATE') ?? [];
  const error = instances.error ?? tasks.error ?? stopped.error;
  const count = (stage: MapTask['stage']) => shown.filter((entry) => entry.stage === stage).length;

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2, minHeight: 0, flex: 1 }}>
      <Stack direction="row" sx={{ gap: 1, alignItems: 'center' }}>
        <Button variant="contained" startIcon={<AddIcon />} onClick={() => setAdding(true)}>
          Add instances
        </Button>
        <ExportButton cluster={cluster} />
        <Typography variant="body2" color="text.secondary" sx={{ ml: 1 }} data-testid="map-counts">
          {plural(
            columns.reduce((sum, column) => sum + column.instances.length, 0),
            'instance',
          )}{' '}
          · {plural((tasks.data ?? []).length, 'task')} meant to run
          {count('stopping') > 0 ? ` · ${count('stopping')} stopping` : ''}
          {count('stopped') > 0 ? ` · ${count('stopped')} stopped lately` : ''}
        </Typography>
        <Box sx={{ flex: 1 }} />
        <TaskLegend />
      </Stack>
      <MutationErrorAlert mutation={action} testId="map-action-error" />
      {error && (
        <QueryErrorAlert
          error={error}
          failedTo="read the cluster"
          refreshes="the map refreshes"
          testId="map-error"
        />
      )}
      {instances.data && columns.length === 0 && fargate.length === 0 && (
        <Box sx={{ py: 6, textAlign: 'center' }} data-testid="map-empty">
          <Typography variant="h6">No container instances in {cluster}</Typography>
          <Typography color="text.secondary">
            Add instances to run EC2 tasks here, one availability zone per column.
          </Typography>
        </Box>
      )}
      {(columns.length > 0 || fargate.length > 0) && (
        <Box
          data-testid="cluster-map"
          sx={{
            display: 'grid',
            gridAutoFlow: 'column',
            gridAutoColumns: 'minmax(300px, 1fr)',
            gap: 2,
            overflow: 'auto',
            alignItems: 'start',
            pb: 1,
          }}
        >
          {columns.map((column) => (
            <Lane key={column.zone} title={column.zone} testId="az-column" zone={column.zone}>
              {column.instances.map((instance) => (
                <InstanceCard
                  key={instance.containerInstanceArn}
                  instance={instance}
                  entries={hosts.get(instance.containerInstanceArn ?? '') ?? []}
                  onOpenTask={onOpenTask}
                  highlight={highlight}
                  onAction={(work) => void action.run(work)}
                  confirm={confirm}
                  cluster={cluster}
                />
              ))}
            </Lane>
          ))}
          {fargate.length > 0 && (
            <Lane title="Fargate" testId="fargate-lane" zone="FARGATE" icon={<CloudIcon />}>
              <Paper variant="outlined" sx={{ p: 1.5 }}>
                <Typography variant="caption" color="text.secondary">
                  No instances: each task gets its own address in a subnet’s zone.
                </Typography>
                <TaskChips
                  entries={fargate}
                  onOpenTask={onOpenTask}
                  highlight={highlight}
                  showZone
                />
              </Paper>
            </Lane>
          )}
        </Box>
      )}
      <AddInstancesDialog
        cluster={cluster}
        status={status}
        open={adding}
        onClose={() => setAdding(false)}
      />
      {dialog}
    </Box>
  );
}

function Lane({
  title,
  zone,
  testId,
  icon,
  children,
}: {
  title: string;
  zone: string;
  testId: string;
  icon?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Box
      component="section"
      aria-label={title}
      data-testid={testId}
      data-zone={zone}
      sx={{
        bgcolor: 'action.hover',
        borderRadius: 2,
        p: 1.5,
        display: 'flex',
        flexDirection: 'column',
        gap: 1.5,
      }}
    >
      <Stack direction="row" sx={{ alignItems: 'center', gap: 1, color: 'text.secondary' }}>
        {icon}
        <Typography
          variant="overline"
          component="h2"
          sx={{ fontWeight: 600, lineHeight: 1.5, textTransform: 'none', fontSize: 13 }}
        >
          {title}
        </Typography>
      </Stack>
      {children}
    </Box>
  );
}

type Confirm = ReturnType<typeof useConfirm>[1];

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

function InstanceCard({
  cluster,
  instance,
  entries,
  onOpenTask,
  highlight,
  onAction,
  confirm,
}: {
  cluster: string;
  instance: EcsContainerInstance;
  entries: MapTask[];
  onOpenTask(taskArn: string): void;
  highlight: ReadonlySet<string> | undefined;
  onAction(work: (client: StowageClient) => Promise<unknown>): void;
  confirm: Confirm;
}) {
  const [menu, setMenu] = useState<HTMLElement | null>(null);
  const tasks = entries.filter((entry) => entry.stage !== 'stopped').map((entry) => entry.task);
  const { cpu, memory } = gaugesOf(instance);
  const id = instance.ec2InstanceId ?? '';
  const arn = instance.containerInstanceArn ?? '';
  const draining = instance.status === 'DRAINING';
  const connected = instance.agentConnected !== false;
  const accent = !connected ? 'error.main' : draining ? 'warning.main' : 'success.main';
  const act = (work: (client: StowageClient) => Promise<unknown>) => {
    setMenu(null);
    onAction(work);
  };
  const drain = async () => {
    setMenu(null);
    const confirmed = await confirm({
      title: 'Drain the instance?',
      message: drainEffect(tasks),
      items: [id],
      confirmLabel: 'Drain',
    });
    if (confirmed) {
      onAction((client) =>
        client.call('ecs.instances.drain', { cluster, containerInstances: [arn] }),
      );
    }
  };
  const deregister = async () => {
    setMenu(null);
    const force = tasks.length > 0;
    const confirmed = await confirm({
      title: 'Deregister the instance?',
      message: force
        ? `It still has ${tasks.length} task${tasks.length === 1 ? '' : 's'}: deregistering forces them off, and they stop.`
        : 'It leaves the cluster and can no longer run tasks.',
      items: [id],
      confirmLabel: force ? 'Force deregister' : 'Deregister',
    });
    if (confirmed) {
      onAction((client) =>
        client.call('ecs.instances.deregister', { cluster, containerInstance: arn, force }),
      );
    }
  };

  return (
    <Paper
      variant="outlined"
      data-testid="instance-card"
      data-instance={id}
      sx={{ p: 1.5, borderLeft: 4, borderLeftColor: accent }}
    >
      <Stack direction="row" sx={{ alignItems: 'flex-start', gap: 1 }}>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Typography sx={{ fontFamily: 'monospace', fontWeight: 600 }} noWrap title={arn}>
            {id}
          </Typography>
          <Stack direction="row" sx={{ gap: 0.5, mt: 0.5, flexWrap: 'wrap' }}>
            <Chip size="small" label={attributeOf(instance, 'ecs.instance-type') ?? 'registered'} />
            <InstanceRoleChip roleArn={attributeOf(instance, instanceRoleAttribute)} />
            <BlockImdsChip blocked={attributeOf(instance, awsvpcBlockImdsAttribute) === 'true'} />
            <Chip
              size="small"
              variant="outlined"
              color={draining ? 'warning' : 'success'}
              label={instance.status}
            />
            <Chip
              size="small"
              variant="outlined"
              color={connected ? 'default' : 'error'}
              label={connected ? 'agent connected' : 'agent disconnected'}
            />
          </Stack>
        </Box>
        <Tooltip title="Instance actions">
          <IconButton
            size="small"
            aria-label={`Actions for ${id}`}
            onClick={(event) => setMenu(event.currentTarget)}
          >
            <MoreVertIcon fontSize="small" />
          </IconButton>
        </Tooltip>
      </Stack>
      <Gauge label="CPU" unit="units" gauge={cpu} />
      <Gauge label="Memory" unit="MiB" gauge={memory} />
      {draining && (
        <Alert severity="info" icon={false} sx={{ mt: 1, py: 0 }} data-testid="drain-note">
          <Typography variant="caption" component="p">
            {drainEffect(tasks)}
          </Typography>
        </Alert>
      )}
      {entries.length === 0 ? (
        <Typography variant="caption" color="text.secondary" sx={{ display: 'block', mt: 1 }}>
          No tasks
        </Typography>
      ) : (
        <TaskChips entries={entries} onOpenTask={onOpenTask} highlight={highlight} />
      )}
      <Menu anchorEl={menu} open={menu !== null} onClose={() => setMenu(null)}>
        {draining ? (
          <MenuItem
            onClick={() =>
              act((client) =>
                client.call('ecs.instances.activate', { cluster, containerInstances: [arn] }),
              )
            }
          >
            Activate
          </MenuItem>
        ) : (
          <MenuItem onClick={() => void drain()}>Drain…</MenuItem>
        )}
        <MenuItem
          onClick={() =>
            act((client) =>
              client.call('ecs.instances.setAgent', {
                cluster,
                containerInstance: arn,
                connected: !connected,
              }),
            )
          }
        >
          {connected ? 'Disconnect agent (its tasks are lost)' : 'Reconnect agent'}
        </MenuItem>
        <MenuItem onClick={() => void deregister()} sx={{ color: 'error.main' }}>
          Deregister…
        </MenuItem>
      </Menu>
    </Paper>
  );
}

function Gauge({ label, unit, gauge }: { label: string; unit: string; gauge: ResourceGauge }) {
  const percent = gauge.registered > 0 ? (gauge.reserved / gauge.registered) * 100 : 0;
  const text = `${gauge.reserved.toLocaleString('en')} / ${gauge.registered.toLocaleString('en')} ${unit}`;
  return (
    <Box sx={{ mt: 1 }}>
      <Stack direction="row" sx={{ justifyContent: 'space-between' }}>
        <Typography variant="caption" color="text.secondary">
          {label} reserved
        </Typography>
        <Typography variant="caption" sx={{ fontVariantNumeric: 'tabular-nums' }}>
          {text}
        </Typography>
      </Stack>
      <LinearProgress
        variant="determinate"
        value={Math.min(100, percent)}
        color={percent > 90 ? 'error' : percent > 70 ? 'warning' : 'primary'}
        aria-label={`${label} reserved: ${text}`}
        sx={{ height: 6, borderRadius: 3 }}
      />
    </Box>
  );
}
