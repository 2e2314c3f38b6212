import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import DeleteIcon from '@mui/icons-material/Delete';
import EditIcon from '@mui/icons-material/Edit';
import {
  Alert,
  Box,
  Button,
  Chip,
  Paper,
  Stack,
  Tab,
  Tabs,
  Tooltip,
  Typography,
} from '@mui/material';
import { memo, useDeferredValue, useMemo, useState } from 'react';
import type {
  EcsContainerInstance,
  EcsService,
  EcsStatus,
  EcsTask,
  StowageError,
} from '../../../../shared';
import { useStowageQuery } from '../../../api';
import { QueryErrorAlert } from '../../../common/QueryErrorAlert';
import { AutoScalingPanel } from '../auto-scaling/AutoScalingPanel';
import { ServiceLoadBalancerPanel } from '../load-balancing/ServiceLoadBalancerPanel';
import { useClusterInstances, useClusterTasks } from '../common/cluster-queries';
import { ClusterMap } from '../map/ClusterMap';
import { DeleteServiceDialog } from './DeleteServiceDialog';
import { DeploymentProgress } from './DeploymentProgress';
import { DeploymentsPanel } from './DeploymentsPanel';
import { FaultPanel } from './FaultPanel';
import { ScalingControls } from './ScalingControls';
import { ServiceConfiguration } from './ServiceConfiguration';
import { ServiceEvents } from './ServiceEvents';
import { ServiceTasks } from './ServiceTasks';
import {
  daemonNote,
  healthColors,
  revisionName,
  serviceHealth,
  tasksOfService,
} from './service-view';
import { UpdateServiceDialog } from './UpdateServiceDialog';

type Section =
  'deployments' | 'tasks' | 'load-balancer' | 'auto-scaling' | 'configuration' | 'faults';

/**
 * One service: scale it and watch its tasks on the cluster map, follow its deployments and
 * events, read its tasks and configuration, update or delete it, and break it on purpose.
 */
export function ServiceView(props: ServiceViewProps) {
  const { cluster, serviceName } = props;
  const service = useStowageQuery('ecs.services.describe', { cluster, service: serviceName });
  const running = useClusterTasks({ cluster, desiredStatus: 'RUNNING' });
  const instances = useClusterInstances(cluster);
  // Answers arrive at the urgent priority of an external store; the view follows them at
  // transition priority, which React draws in slices between frames instead of in one task.
  return (
    <ServiceViewContent
      {...props}
      service={useDeferredValue(service.data)}
      serviceError={service.error}
      running={useDeferredValue(running.data)}
      instances={useDeferredValue(instances.data)}
    />
  );
}

interface ServiceViewProps {
  cluster: string;
  serviceName: string;
  status: EcsStatus;
  onBack(): void;
  onOpenTask(taskArn: string): void;
  onOpenLoadBalancer(name: string): void;
}

const ServiceViewContent = memo(function ServiceViewContent({
  cluster,
  serviceName,
  status,
  onBack,
  onOpenTask,
  onOpenLoadBalancer,
  service: data,
  serviceError,
  running,
  instances,
}: ServiceViewProps & {
  service: EcsService | undefined;
  serviceError: StowageError | null;
  running: readonly EcsTask[] | undefined;
  instances: readonly EcsContainerInstance[] | undefined;
}) {
  const [section, setSection] = useState<Section>('deployments');
  const [dialog, setDialog] = useState<'update' | 'delete' | undefined>(undefined);
  const tasks = useMemo(() => tasksOfService(running ?? [], serviceName), [running, serviceName]);
  const highlight = useMemo(() => new Set(tasks.map((task) => task.taskArn ?? '')), [tasks]);
  const health = data ? serviceHealth(data) : undefined;
  const balanced = (data?.loadBalancers ?? []).length > 0;
  const replica = data?.schedulingStrategy !== 'DAEMON';
  // Drawn again only when the choice of tabs changes: MUI's Tabs measures its tabs after every
  // render, a forced layout of the whole page. The task count keeps itself up to date.
  const tabs = useMemo(
    () => (
      <Tabs
        value={section}
        onChange={(_event, next: Section) => setSection(next)}
        aria-label="Service details"
      >
        <Tab value="deployments" label="Deployments" />
        <Tab
          value="tasks"
          label={<ServiceTaskCount cluster={cluster} serviceName={serviceName} />}
        />
        {balanced && <Tab value="load-balancer" label="Load balancer" />}
        {replica && <Tab value="auto-scaling" label="Auto scaling" />}
        <Tab value="configuration" label="Configuration" />
        <Tab value="faults" label="Fault injection" sx={{ color: 'error.main' }} />
      </Tabs>
    ),
    [section, balanced, replica, cluster, serviceName],
  );

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
      data-testid="service-view"
    >
      <Stack direction="row" sx={{ alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <Tooltip title="Back to the services">
          <Button startIcon={<ArrowBackIcon />} onClick={onBack}>
            Services
          </Button>
        </Tooltip>
        <Box
          aria-hidden
          sx={{
            width: 12,
            height: 12,
            borderRadius: '50%',
            bgcolor: health ? healthColors[health.health] : 'text.disabled',
            ml: 1,
          }}
        />
        <Typography variant="h5" component="h2" sx={{ fontWeight: 600 }}>
          {serviceName}
        </Typography>
        {data && (
          <>
            <Chip size="small" label={data.status} variant="outlined" />
            <Chip size="small" label={`${data.launchType ?? 'EC2'} · ${data.schedulingStrategy}`} />
            <Typography
              variant="body2"
              color="text.secondary"
              data-testid="service-health"
              data-health={health?.health}
            >
              {revisionName(data.taskDefinition)} · {health?.reason}
            </Typography>
          </>
        )}
        <Box sx={{ flex: 1 }} />
        <Button
          startIcon={<EditIcon />}
          variant="outlined"
          disabled={!data || data.status !== 'ACTIVE'}
          onClick={() => setDialog('update')}
        >
          Update
        </Button>
        <Button
          startIcon={<DeleteIcon />}
          color="error"
          disabled={!data || data.status !== 'ACTIVE'}
          onClick={() => setDialog('delete')}
        >
          Delete
        </Button>
      </Stack>
      {serviceError && (
        <QueryErrorAlert
          error={serviceError}
          failedTo={`read the service ${serviceName}`}
          refreshes="the view refreshes"
          testId="service-error"
        />
      )}
      {data && data.status !== 'ACTIVE' && (
        <Alert severity="info">
          The service is {data.status}: it is being deleted and can no longer be changed.
        </Alert>
      )}
      {data && data.status === 'ACTIVE' && data.schedulingStrategy !== 'DAEMON' && (
        <ScalingControls cluster={cluster} service={data} />
      )}
      {data?.schedulingStrategy === 'DAEMON' && <Alert severity="info">{daemonNote}</Alert>}
      {data && (
        <Box
          sx={{
            display: 'grid',
            // Three zone columns of the map need the width: the events go beside it only when wide.
            gridTemplateColumns: { xs: '1fr', xl: 'minmax(0, 2fr) minmax(320px, 1fr)' },
            gap: 2,
            alignItems: 'start',
          }}
        >
          <Box sx={{ minWidth: 0, display: 'flex', flexDirection: 'column' }}>
            <ClusterMap
              cluster={cluster}
              status={status}
              onOpenTask={onOpenTask}
              highlight={highlight}
            />
          </Box>
          <Paper
            variant="outlined"
            sx={{ p: 2, maxHeight: { xs: 320, xl: 480 }, overflow: 'auto' }}
          >
            <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, mb: 1 }}>
              Events
            </Typography>
            <ServiceEvents service={data} />
          </Paper>
        </Box>
      )}
      {data && (
        <>
          {tabs}
          {section === 'deployments' && <DeploymentsPanel cluster={cluster} service={data} />}
          {section === 'tasks' && (
            <ServiceTasks
              cluster={cluster}
              serviceName={serviceName}
              running={tasks}
              instances={instances ?? []}
              onOpenTask={onOpenTask}
            />
          )}
          {section === 'load-balancer' && balanced && (
            <>
              <DeploymentProgress cluster={cluster} service={data} />
              <ServiceLoadBalancerPanel
                cluster={cluster}
                service={data}
                onOpenLoadBalancer={onOpenLoadBalancer}
                onOpenTask={onOpenTask}
              />
            </>
          )}
          {section === 'auto-scaling' && replica && (
            <AutoScalingPanel cluster={cluster} service={data} />
          )}
          {section === 'configuration' && <ServiceConfiguration service={data} />}
          {section === 'faults' && (
            <FaultPanel
              cluster={cluster}
              tasks={tasks}
              instances={instances ?? []}
              zones={status.availabilityZones}
            />
          )}
        </>
      )}
      {dialog === 'update' && data && (
        <UpdateServiceDialog
          cluster={cluster}
          service={data}
          onClose={() => setDialog(undefined)}
        />
      )}
      {dialog === 'delete' && data && (
        <DeleteServiceDialog
          cluster={cluster}
          service={data}
          onClose={() => setDialog(undefined)}
          onDeleted={() => {
            setDialog(undefined);
            onBack();
          }}
        />
      )}
    </Box>
  );
});

/** "Tasks (12)": the service's tasks meant to run, counted where the label is drawn. */
function ServiceTaskCount({ cluster, serviceName }: { cluster: string; serviceName: string }) {
  const running = useClusterTasks({ cluster, desiredStatus: 'RUNNING' });
  const count = useMemo(
    () => tasksOfService(running.data ?? [], serviceName).length,
    [running.data, serviceName],
  );
  return <>Tasks ({count})</>;
}
