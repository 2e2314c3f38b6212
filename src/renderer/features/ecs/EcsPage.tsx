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
import { useState } from 'react';
import { useStowageQuery } from '../../api';
import { QueryErrorAlert } from '../../common/QueryErrorAlert';
import { ClusterMap } from './ClusterMap';
import { ClustersTab } from './ClustersTab';
import { TaskDefinitionsTab } from './TaskDefinitionsTab';
import { TasksTab } from './TasksTab';

type EcsTab = 'clusters' | 'map' | 'definitions' | 'tasks';

const runtimeLabels = {
  simulated: 'Tasks are simulated: no containers start',
  docker: 'Tasks run as real containers on the Docker engine',
} as const;

/** The simulated ECS control plane: clusters, their map, task definitions and tasks. */
export function EcsPage() {
  const status = useStowageQuery('ecs.status', {});
  const clusters = useStowageQuery('ecs.clusters.list', {});
  const [tab, setTab] = useState<EcsTab>('clusters');
  const [chosenCluster, setChosenCluster] = useState<string | undefined>(undefined);
  const [openTask, setOpenTask] = useState<string | undefined>(undefined);
  const names = (clusters.data ?? []).map((cluster) => cluster.clusterName ?? '');
  const cluster =
    chosenCluster !== undefined && names.includes(chosenCluster) ? chosenCluster : names[0];
  const needsCluster = tab === 'map' || tab === 'tasks';

  const openCluster = (name: string) => {
    setChosenCluster(name);
    setTab('map');
  };

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
          onChange={(_event, next: EcsTab) => setTab(next)}
          aria-label="ECS views"
          sx={{ flex: 1 }}
        >
          <Tab value="clusters" label="Clusters" />
          <Tab value="map" label="Cluster map" />
          <Tab value="definitions" label="Task definitions" />
          <Tab value="tasks" label="Tasks" />
        </Tabs>
        {needsCluster && names.length > 0 && (
          <TextField
            select
            size="small"
            label="Cluster"
            value={cluster ?? ''}
            onChange={(event) => setChosenCluster(event.target.value)}
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
          onOpenTask={(taskArn) => {
            setOpenTask(taskArn);
            setTab('tasks');
          }}
        />
      )}
      {tab === 'definitions' && <TaskDefinitionsTab clusters={names} />}
      {tab === 'tasks' && cluster !== undefined && (
        <TasksTab cluster={cluster} openTask={openTask} onOpenTask={setOpenTask} />
      )}
    </Box>
  );
}
