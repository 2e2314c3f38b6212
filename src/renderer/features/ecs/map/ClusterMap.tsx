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
import {
  memo,
  useCallback,
  useDeferredValue,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import type { EcsContainerInstance, EcsStatus, EcsTask, StowageError } from '../../../../shared';
import { useStowageMutation, type StowageClient } from '../../../api';
import { MutationErrorAlert } from '../../../common/MutationErrorAlert';
import { useConfirm } from '../../../common/ConfirmDialog';
import { QueryErrorAlert } from '../../../common/QueryErrorAlert';
import {
  awsvpcBlockImdsAttribute,
  instanceRoleAttribute,
} from '../../../../shared/contract/ecs-agent';
import { useNow } from '../../../common/use-now';
import { stoppedTasksShown, useClusterInstances, useClusterTasks } from '../common/cluster-queries';
import { ExportButton } from '../export/ExportButton';
import { AddInstancesDialog } from './AddInstancesDialog';
import { BlockImdsChip, InstanceRoleChip } from './InstanceRoleChip';
import { attributeOf, gaugesOf, zoneColumns, type ResourceGauge } from './instance-view';
import {
  cardsWindowAbove,
  sameMapTasks,
  stageCounts,
  stageCountsText,
  zoneSummary,
  type ZoneSummary,
} from './map-window';
import { drainEffect, mapTasks, mapTasksByHost, type MapTask } from './task-lifecycle';
import { TaskChips, TaskLegend } from './TaskChips';
import { WindowedList } from './WindowedList';

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
  const instances = useClusterInstances(cluster);
  const tasks = useClusterTasks({ cluster, desiredStatus: 'RUNNING' });
  // The latest stopped only: after a rollout of thousands, the map shows the last of them.
  const stopped = useClusterTasks({
    cluster,
    desiredStatus: 'STOPPED',
    stoppedLimit: stoppedTasksShown,
  });
  // Answers arrive at the urgent priority of an external store; the map follows them at
  // transition priority, which React draws in slices between frames instead of in one task.
  return (
    <ClusterMapView
      cluster={cluster}
      status={status}
      onOpenTask={onOpenTask}
      highlight={useDeferredValue(highlight)}
      instances={useDeferredValue(instances.data)}
      running={useDeferredValue(tasks.data)}
      stopped={useDeferredValue(stopped.data)}
      error={instances.error ?? tasks.error ?? stopped.error}
    />
  );
}

const ClusterMapView = memo(function ClusterMapView({
  cluster,
  status,
  onOpenTask,
  highlight,
  instances,
  running,
  stopped,
  error,
}: {
  cluster: string;
  status: EcsStatus;
  onOpenTask(taskArn: string): void;
  highlight: ReadonlySet<string> | undefined;
  instances: readonly EcsContainerInstance[] | undefined;
  running: readonly EcsTask[] | undefined;
  stopped: readonly EcsTask[] | undefined;
  error: StowageError | null;
}) {
  // Often enough for stopped tasks to fade smoothly; every change refetches anyway.
  const now = useNow(5_000);
  const [adding, setAdding] = useState(false);
  const action = useStowageMutation();
  const [dialog, confirm] = useConfirm();
  const columns = useMemo(() => zoneColumns(instances ?? []), [instances]);
  const shown = useMemo(() => mapTasks(running ?? [], stopped ?? [], now), [running, stopped, now]);
  const hosts = useMemo(() => mapTasksByHost(shown), [shown]);
  const summaries = useMemo(
    () =>
      new Map(
        columns.map((column) => [
          column.zone,
          zoneSummary(
            column.instances.map((instance) => instance.containerInstanceArn ?? ''),
            hosts,
            highlight,
          ),
        ]),
      ),
    [columns, hosts, highlight],
  );
  const fargate = hosts.get('FARGATE') ?? [];
  const counts = useMemo(() => stageCounts(shown), [shown]);
  // The cards get the same callbacks on every render, so a card whose instance and tasks did
  // not change is not drawn again.
  const openTask = useSteadyCallback(onOpenTask);
  const act = useSteadyCallback((work: (client: StowageClient) => Promise<unknown>) => {
    void action.run(work);
  });
  const steadyConfirm = useSteadyCallback(confirm);
  // Made once: the map is drawn again on every change of the cluster, these parts never need it.
  const actions = useMemo(
    () => (
      <>
        <Button variant="contained" startIcon={<AddIcon />} onClick={() => setAdding(true)}>
          Add instances
        </Button>
        <ExportButton cluster={cluster} />
      </>
    ),
    [cluster],
  );
  const legend = useMemo(() => <TaskLegend />, []);
  const card = (instance: EcsContainerInstance) => (
    <InstanceCard
      key={instance.containerInstanceArn}
      instance={instance}
      entries={hosts.get(instance.containerInstanceArn ?? '') ?? noTasks}
      onOpenTask={openTask}
      highlight={highlight}
      onAction={act}
      confirm={steadyConfirm}
      cluster={cluster}
    />
  );

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2, minHeight: 0, flex: 1 }}>
      <Stack direction="row" sx={{ gap: 1, alignItems: 'center' }}>
        {actions}
        <Typography variant="body2" color="text.secondary" sx={{ ml: 1 }} data-testid="map-counts">
          {plural(
            columns.reduce((sum, column) => sum + column.instances.length, 0),
            'instance',
          )}{' '}
          · {plural((running ?? []).length, 'task')} meant to run
          {counts.stopping > 0 ? ` · ${counts.stopping} stopping` : ''}
          {counts.stopped > 0
            ? ` · ${counts.stopped}${counts.stopped >= stoppedTasksShown ? '+' : ''} stopped lately`
            : ''}
        </Typography>
        <Box sx={{ flex: 1 }} />
        {legend}
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
      {instances && columns.length === 0 && fargate.length === 0 && (
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
            <Lane
              key={column.zone}
              title={column.zone}
              testId="az-column"
              zone={column.zone}
              summary={summaries.get(column.zone)}
            >
              {column.instances.length > cardsWindowAbove ? (
                <WindowedList
                  items={column.instances}
                  itemKey={(instance) => instance.containerInstanceArn ?? ''}
                  estimatedHeight={170}
                  maxHeight={640}
                  gap={12}
                  label={`Instances in ${column.zone}`}
                  testId="zone-instances"
                  renderItem={card}
                />
              ) : (
                column.instances.map(card)
              )}
            </Lane>
          ))}
          {fargate.length > 0 && (
            <Lane title="Fargate" testId="fargate-lane" zone="FARGATE" icon={<CloudIcon />}>
              <Paper variant="outlined" sx={{ p: 1.5 }}>
                <Typography variant="caption" color="text.secondary">
                  No instances: each task gets its own address in a subnet’s zone.
                </Typography>
                <TaskChips entries={fargate} onOpenTask={openTask} highlight={highlight} showZone />
              </Paper>
            </Lane>
          )}
        </Box>
      )}
      {adding && (
        <AddInstancesDialog
          cluster={cluster}
          status={status}
          open
          onClose={() => setAdding(false)}
        />
      )}
      {dialog}
    </Box>
  );
});

const noTasks: readonly MapTask[] = [];

/** A function of the same identity on every render that calls the latest `callback`. */
function useSteadyCallback<Args extends unknown[], Result>(
  callback: (...args: Args) => Result,
): (...args: Args) => Result {
  const latest = useRef(callback);
  useLayoutEffect(() => {
    latest.current = callback;
  });
  return useCallback((...args: Args) => latest.current(...args), []);
}

function Lane({
  title,
  zone,
  testId,
  icon,
  summary,
  children,
}: {
  title: string;
  zone: string;
  testId: string;
  icon?: ReactNode;
  summary?: ZoneSummary | undefined;
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
      {summary && (
        <Typography
          variant="caption"
          color="text.secondary"
          data-testid="zone-summary"
          sx={{ mt: -1 }}
        >
          {zoneSummaryText(summary)}
        </Typography>
      )}
      {children}
    </Box>
  );
}

type Confirm = ReturnType<typeof useConfirm>[1];

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

function zoneSummaryText({ instances, counts, highlighted }: ZoneSummary): string {
  const tasks = stageCountsText(counts);
  return [
    plural(instances, 'instance'),
    tasks === '' ? 'no tasks' : tasks,
    ...(highlighted === undefined ? [] : [`${highlighted} of the service`]),
  ].join(' · ');
}

interface InstanceCardProps {
  cluster: string;
  instance: EcsContainerInstance;
  entries: readonly MapTask[];
  onOpenTask(taskArn: string): void;
  highlight: ReadonlySet<string> | undefined;
  onAction(work: (client: StowageClient) => Promise<unknown>): void;
  confirm: Confirm;
}

/**
 * Drawn again only when its instance record or the way its tasks are drawn changes: records
 * are replaced, never changed, so a scale-out redraws the instances that got a task.
 */
const InstanceCard = memo(
  InstanceCardContent,
  (previous: InstanceCardProps, next: InstanceCardProps) =>
    previous.instance === next.instance &&
    previous.cluster === next.cluster &&
    previous.onOpenTask === next.onOpenTask &&
    previous.onAction === next.onAction &&
    previous.confirm === next.confirm &&
    sameMapTasks(previous.entries, next.entries, previous.highlight, next.highlight),
);

function InstanceCardContent({
  cluster,
  instance,
  entries,
  onOpenTask,
  highlight,
  onAction,
  confirm,
}: InstanceCardProps) {
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
      <InstanceHeader
        id={id}
        arn={arn}
        instanceType={attributeOf(instance, 'ecs.instance-type') ?? 'registered'}
        roleArn={attributeOf(instance, instanceRoleAttribute)}
        blocksImds={attributeOf(instance, awsvpcBlockImdsAttribute) === 'true'}
        status={instance.status}
        connected={connected}
        onOpenMenu={setMenu}
      />
      <Gauge label="CPU" unit="units" {...cpu} />
      <Gauge label="Memory" unit="MiB" {...memory} />
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
      {/* Mounted only while open: a closed menu in every card costs more than the card. */}
      {menu !== null && (
        <Menu anchorEl={menu} open onClose={() => setMenu(null)}>
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
      )}
    </Paper>
  );
}

// One formatter for every gauge: `toLocaleString` builds a new one per call.
const numbers = new Intl.NumberFormat('en');

/** An instance's name, kind and state, and its actions button: the part of a card that rarely changes. */
const InstanceHeader = memo(function InstanceHeader({
  id,
  arn,
  instanceType,
  roleArn,
  blocksImds,
  status,
  connected,
  onOpenMenu,
}: {
  id: string;
  arn: string;
  instanceType: string;
  roleArn: string | undefined;
  blocksImds: boolean;
  status: string | undefined;
  connected: boolean;
  onOpenMenu(anchor: HTMLElement): void;
}) {
  return (
    <Stack direction="row" sx={{ alignItems: 'flex-start', gap: 1 }}>
      <Box sx={{ flex: 1, minWidth: 0 }}>
        <Typography sx={{ fontFamily: 'monospace', fontWeight: 600 }} noWrap title={arn}>
          {id}
        </Typography>
        <Stack direction="row" sx={{ gap: 0.5, mt: 0.5, flexWrap: 'wrap' }}>
          <Chip size="small" label={instanceType} />
          <InstanceRoleChip roleArn={roleArn} />
          <BlockImdsChip blocked={blocksImds} />
          <Chip
            size="small"
            variant="outlined"
            color={status === 'DRAINING' ? 'warning' : 'success'}
            label={status}
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
          onClick={(event) => onOpenMenu(event.currentTarget)}
        >
          <MoreVertIcon fontSize="small" />
        </IconButton>
      </Tooltip>
    </Stack>
  );
});

const Gauge = memo(function Gauge({
  label,
  unit,
  reserved,
  registered,
}: { label: string; unit: string } & ResourceGauge) {
  const percent = registered > 0 ? (reserved / registered) * 100 : 0;
  const text = `${numbers.format(reserved)} / ${numbers.format(registered)} ${unit}`;
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
});
