import {
  Alert,
  Box,
  Chip,
  MenuItem,
  Tab,
  Tabs,
  TextField,
  Tooltip,
  Typography,
} from '@mui/material';
import MemoryIcon from '@mui/icons-material/Memory';
import { useEffect } from 'react';
import { z } from 'zod';
import { shortArn } from '../../../shared';
import { useStowageQuery } from '../../api';
import { QueryErrorAlert } from '../../common/QueryErrorAlert';
import type { EcsRoute, EcsView, TaskFilter } from '../../common/routes';
import { navigate, usePageRoute } from '../../common/use-route';
import { useRemembered } from '../../common/use-remembered';
import { ClusterMap } from './map/ClusterMap';
import { ClustersTab } from './clusters/ClustersTab';
import { TaskDefinitionsTab } from './task-definitions/TaskDefinitionsTab';
import { ServicesTab } from './services/ServicesTab';
import { TasksTab } from './tasks/TasksTab';
import { LoadBalancersTab } from './load-balancing/LoadBalancersTab';

const noFilter: TaskFilter = {};
/** The tabs that show one cluster's part, chosen beside the tabs. */
const clusterViews: ReadonlySet<EcsView> = new Set(['map', 'tasks', 'services', 'load-balancers']);

const tabLabels: readonly (readonly [EcsView, string])[] = [
  ['clusters', 'Clusters'],
  ['map', 'Cluster map'],
  ['services', 'Services'],
  ['load-balancers', 'Load balancers'],
  ['task-definitions', 'Task definitions'],
  ['tasks', 'Tasks'],
];

const runtimeLabels = {
  simulated: 'Tasks are simulated: no containers start',
  docker: 'Tasks run as real containers on the Docker engine',
} as const;

/** The simulated ECS control plane: clusters, their map, task definitions and tasks. */
export function EcsPage() {
  const status = useStowageQuery('ecs.status', {});
  const clusters = useStowageQuery('ecs.clusters.list', {});
  const route = usePageRoute('ecs');
  const tab = route.view;
  const names = (clusters.data ?? []).map((cluster) => cluster.clusterName ?? '');
  const routeCluster = 'cluster' in route ? route.cluster : undefined;
  const needsCluster = clusterViews.has(tab);
  // The cluster last shown stays chosen across the tabs that show none (task definitions).
  const [lastCluster, rememberCluster] = useRemembered('ecs.cluster', z.string(), '');
  // Until the list arrives the URL's cluster is trusted; then a gone one gives way to the one
  // last shown, or the first.
  const cluster =
    routeCluster !== undefined && (!clusters.data || names.includes(routeCluster))
      ? routeCluster
      : names.includes(lastCluster)
        ? lastCluster
        : names[0];

  useEffect(() => {
    if (cluster !== undefined && cluster !== lastCluster) rememberCluster(cluster);
  }, [cluster, lastCluster, rememberCluster]);

  useEffect(() => {
    // Spell the cluster shown out in the URL, so reload and links keep it.
    if (needsCluster && clusters.data && cluster !== routeCluster) {
      navigate({ page: 'ecs', view: tab, cluster }, { replace: true });
    }
  }, [clusters.data, cluster, routeCluster, tab, needsCluster]);

  const openTask = route.view === 'tasks' ? route.task : undefined;
  const taskFilter = route.view === 'tasks' ? route.filter : undefined;
  const show = (next: EcsRoute) => navigate(next);
  const showTab = (view: EcsView) =>
    show(
      view === 'map' || view === 'tasks' || view === 'services' || view === 'load-balancers'
        ? { page: 'ecs', view, cluster }
        : { page: 'ecs', view },
    );
  // The Tasks list keeps its filter on the way back from a task.
  const showList = (view: EcsView) =>
    view === 'tasks' && taskFilter
      ? show({ page: 'ecs', view, cluster, filter: taskFilter })
      : showTab(view);
  const showCluster = (name: string) =>
    show(
      tab === 'tasks' || tab === 'services' || tab === 'load-balancers'
        ? { page: 'ecs', view: tab, cluster: name }
        : { page: 'ecs', view: 'map', cluster: name },
    );
  const openCluster = (name: string) => show({ page: 'ecs', view: 'map', cluster: name });

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0, p: 3, gap: 2 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: 2 }}>
        <Box sx={{ flex: 1, minWidth: 200 }}>
          <Typography variant="h4" component="h1">
            ECS
          </Typography>
          {status.data && (
            <Typography variant="body2" color="text.secondary">
              Simulated Amazon ECS · {status.data.region} · account {status.data.accountId}
            </Typography>
          )}
        </Box>
        {status.data && (
          <Tooltip title="What runs the containers of ECS tasks">
            <Chip
              icon={<MemoryIcon />}
              data-testid="ecs-runtime"
              variant="outlined"
              color={status.data.runtime === 'docker' ? 'success' : 'default'}
              label={runtimeLabels[status.data.runtime]}
            />
          </Tooltip>
        )}
      </Box>
      {status.error && (
        <QueryErrorAlert
          error={status.error}
          failedTo="open the ECS control plane"
          refreshes="this page refreshes"
          testId="ecs-status-error"
        />
      )}
      {status.data?.notices.map((notice) =>
        notice.kind === 'moved-aside' ? (
          <Alert key={notice.path} severity="warning" data-testid="ecs-store-notice">
            The saved ECS state could not be read ({notice.reason}). It was moved to{' '}
            <Box component="code">{notice.path}</Box> and ECS started empty.
          </Alert>
        ) : (
          <Alert key={notice.path} severity="warning" data-testid="ecs-store-notice">
            The saved ECS state was damaged ({notice.reason}). What came before the damage was kept;{' '}
            {notice.droppedRecords === undefined
              ? 'an unknown number of recent changes were'
              : `${notice.droppedRecords} change${notice.droppedRecords === 1 ? ' was' : 's were'}`}{' '}
            lost
            {notice.resources?.length ? ` (to ${notice.resources.join(', ')})` : ''}. The damaged
            data was kept in <Box component="code">{notice.path}</Box>.
          </Alert>
        ),
      )}

      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
        <Tabs
          value={tab}
          onChange={(_event, next: EcsView) => showTab(next)}
          aria-label="ECS views"
          sx={{ flex: 1 }}
        >
          {tabLabels.map(([view, label]) => (
            <Tab
              key={view}
              value={view}
              label={label}
              // Tabs report only a change: the active tab, clicked while one of its items is
              // open, goes back to its list.
              onClick={() => view === tab && showList(view)}
            />
          ))}
        </Tabs>
        {needsCluster && names.length > 0 && (
          <TextField
            select
            size="small"
            label="Cluster"
            value={cluster ?? ''}
            onChange={(event) => showCluster(event.target.value)}
            sx={{ minWidth: 200 }}
          >
            {names.map((name) => (
              <MenuItem key={name} value={name}>
                {name}
              </MenuItem>
            ))}
          </TextField>
        )}
      </Box>

      {tab === 'clusters' && <ClustersTab clusters={clusters} onOpen={openCluster} />}
      {needsCluster && clusters.data && cluster === undefined && (
        <Alert severity="info" data-testid="ecs-no-cluster">
          Create a cluster to start: the Clusters tab has a Create cluster button.
        </Alert>
      )}
      {tab === 'map' && cluster !== undefined && status.data && (
        <ClusterMap
          cluster={cluster}
          status={status.data}
          onOpenTask={(taskArn) =>
            show({ page: 'ecs', view: 'tasks', cluster, task: shortArn(taskArn) })
          }
        />
      )}
      {route.view === 'services' && cluster !== undefined && status.data && (
        <ServicesTab
          cluster={cluster}
          status={status.data}
          openService={route.service}
          onOpenService={(service) => show({ page: 'ecs', view: 'services', cluster, service })}
          onOpenTask={(taskArn) =>
            show({ page: 'ecs', view: 'tasks', cluster, task: shortArn(taskArn) })
          }
          onOpenLoadBalancer={(loadBalancer) =>
            show({ page: 'ecs', view: 'load-balancers', cluster, loadBalancer })
          }
        />
      )}
      {route.view === 'load-balancers' && cluster !== undefined && (
        <LoadBalancersTab
          cluster={cluster}
          open={route.loadBalancer}
          onOpen={(loadBalancer) =>
            show({
              page: 'ecs',
              view: 'load-balancers',
              cluster,
              ...(loadBalancer === undefined ? {} : { loadBalancer }),
            })
          }
          onOpenTask={(taskArn) =>
            show({ page: 'ecs', view: 'tasks', cluster, task: shortArn(taskArn) })
          }
        />
      )}
      {route.view === 'task-definitions' && (
        <TaskDefinitionsTab
          clusters={names}
          family={route.family}
          onFamily={(family) => show({ page: 'ecs', view: 'task-definitions', family })}
        />
      )}
      {tab === 'tasks' && cluster !== undefined && (
        <TasksTab
          cluster={cluster}
          openTask={openTask}
          chosenInUrl={route.view === 'tasks' ? route.selected : undefined}
          filter={taskFilter ?? noFilter}
          onChoose={(task, selected) => {
            const next: EcsRoute = {
              page: 'ecs',
              view: 'tasks',
              cluster,
              ...(task === undefined ? { selected } : { task }),
              ...(taskFilter ? { filter: taskFilter } : {}),
            };
            // Opening or closing a task is a place to come Back to; choosing rows is not.
            if (task === undefined && openTask === undefined) navigate(next, { replace: true });
            else show(next);
          }}
          onFilter={(filter) =>
            // Typing in the filter is not a place to come Back to; opening a task is.
            navigate(
              {
                page: 'ecs',
                view: 'tasks',
                cluster,
                ...(openTask === undefined ? { selected: route.selected } : { task: openTask }),
                filter,
              },
              { replace: true },
            )
          }
        />
      )}
    </Box>
  );
}
