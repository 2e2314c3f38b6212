import DeleteIcon from '@mui/icons-material/Delete';
import EditIcon from '@mui/icons-material/Edit';
import { Box, Chip, Stack, Tooltip, Typography } from '@mui/material';
import { useMemo, useState } from 'react';
import type { EcsService, EcsStatus } from '../../../../shared';
import { useStowageQuery } from '../../../api';
import { plural } from '../../../common/format';
import { DataTable, type DataColumn } from '../../../common/table/DataTable';
import { OpenLink, ResourceList, RowAction } from '../common/ResourceList';
import { CreateServiceWizard } from './CreateServiceWizard';
import { DeleteServiceDialog } from './DeleteServiceDialog';
import { healthColors, primaryDeployment, revisionName, serviceHealth } from './service-view';
import { ServiceView } from './ServiceView';
import { UpdateServiceDialog } from './UpdateServiceDialog';

type Dialog =
  | { kind: 'create' }
  | { kind: 'update'; service: EcsService }
  | { kind: 'delete'; service: EcsService };

/** The cluster's services, or one of them in its own view. */
export function ServicesTab({
  cluster,
  status,
  openService,
  onOpenService,
  onOpenTask,
  onOpenLoadBalancer,
}: {
  cluster: string;
  status: EcsStatus;
  openService: string | undefined;
  onOpenService(name: string | undefined): void;
  onOpenTask(taskArn: string): void;
  onOpenLoadBalancer(name: string): void;
}) {
  if (openService !== undefined) {
    return (
      <ServiceView
        key={openService}
        cluster={cluster}
        serviceName={openService}
        status={status}
        onBack={() => onOpenService(undefined)}
        onOpenTask={onOpenTask}
        onOpenLoadBalancer={onOpenLoadBalancer}
      />
    );
  }
  return <ServiceList cluster={cluster} onOpenService={onOpenService} />;
}

function ServiceList({
  cluster,
  onOpenService,
}: {
  cluster: string;
  onOpenService(name: string): void;
}) {
  const services = useStowageQuery('ecs.services.list', { cluster });
  const [dialog, setDialog] = useState<Dialog | undefined>(undefined);
  const rows = useMemo(
    () =>
      [...(services.data ?? [])].sort((a, b) =>
        (a.serviceName ?? '').localeCompare(b.serviceName ?? ''),
      ),
    [services.data],
  );
  const close = () => setDialog(undefined);

  const columns: DataColumn<EcsService>[] = [
    {
      id: 'health',
      header: 'Health',
      width: 72,
      cell: (row) => {
        const { health, reason } = serviceHealth(row);
        return (
          <Tooltip title={reason}>
            <Box
              role="img"
              aria-label={`${health}: ${reason}`}
              data-health={health}
              sx={{
                width: 12,
                height: 12,
                borderRadius: '50%',
                bgcolor: healthColors[health],
                mx: 'auto',
              }}
            />
          </Tooltip>
        );
      },
    },
    {
      id: 'name',
      header: 'Name',
      cell: (row) => (
        <OpenLink onOpen={() => onOpenService(row.serviceName ?? '')}>{row.serviceName}</OpenLink>
      ),
      title: (row) => row.serviceArn ?? '',
    },
    {
      id: 'launch',
      header: 'Launch type',
      width: 140,
      cell: (row) => `${row.launchType ?? 'EC2'} · ${row.schedulingStrategy ?? 'REPLICA'}`,
    },
    {
      id: 'revision',
      header: 'Revision',
      width: 120,
      monospace: true,
      cell: (row) => revisionName(row.taskDefinition),
    },
    {
      id: 'counts',
      header: 'Desired / running / pending',
      width: 180,
      numeric: true,
      cell: (row) =>
        `${row.desiredCount ?? 0} / ${row.runningCount ?? 0} / ${row.pendingCount ?? 0}`,
    },
    {
      id: 'deployment',
      header: 'Deployment',
      width: 160,
      cell: (row) => {
        const rollout = primaryDeployment(row)?.rolloutState;
        const count = (row.deployments ?? []).length;
        return (
          <Stack direction="row" sx={{ gap: 0.5, alignItems: 'center' }}>
            {rollout && (
              <Chip
                size="small"
                variant="outlined"
                label={rollout}
                color={
                  rollout === 'COMPLETED' ? 'success' : rollout === 'FAILED' ? 'error' : 'info'
                }
              />
            )}
            {count > 1 && (
              <Typography variant="caption" color="text.secondary">
                {plural(count, 'deployment')}
              </Typography>
            )}
          </Stack>
        );
      },
    },
    {
      id: 'actions',
      header: '',
      width: 96,
      cell: (row) => (
        <Stack direction="row">
          <RowAction
            title="Update"
            label={`Update ${row.serviceName}`}
            icon={<EditIcon fontSize="small" />}
            onClick={() => setDialog({ kind: 'update', service: row })}
          />
          <RowAction
            title="Delete"
            label={`Delete ${row.serviceName}`}
            icon={<DeleteIcon fontSize="small" />}
            onClick={() => setDialog({ kind: 'delete', service: row })}
          />
        </Stack>
      ),
    },
  ];

  return (
    <ResourceList
      createLabel="Create service"
      onCreate={() => setDialog({ kind: 'create' })}
      count={services.data && `${plural(services.data.length, 'service')} in ${cluster}`}
      error={services.error}
      failedTo="list services"
      errorTestId="services-error"
      empty={
        services.data && rows.length === 0
          ? {
              testId: 'services-empty',
              title: `No services in ${cluster}`,
              text: 'A service keeps a number of tasks running and replaces those that stop. Create service to start one from a task definition revision.',
            }
          : undefined
      }
    >
      {rows.length > 0 && (
        <DataTable
          label="Service list"
          testId="services-table"
          rows={rows}
          columns={columns}
          getRowId={(row) => row.serviceName ?? ''}
          rowAttributes={(row) => ({ 'data-service': row.serviceName ?? '' })}
        />
      )}
      {dialog?.kind === 'create' && (
        <CreateServiceWizard
          cluster={cluster}
          onClose={close}
          onCreated={(name) => {
            close();
            onOpenService(name);
          }}
        />
      )}
      {dialog?.kind === 'update' && (
        <UpdateServiceDialog cluster={cluster} service={dialog.service} onClose={close} />
      )}
      {dialog?.kind === 'delete' && (
        <DeleteServiceDialog
          cluster={cluster}
          service={dialog.service}
          onClose={close}
          onDeleted={close}
        />
      )}
    </ResourceList>
  );
}
