import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import DeleteSweepIcon from '@mui/icons-material/DeleteSweep';
import { Box, Button, Link, Stack, Typography } from '@mui/material';
import type { UseQueryResult } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { EcsCluster, StowageError } from '../../../../shared';
import { useStowageMutation } from '../../../api';
import { MutationErrorAlert } from '../../../common/MutationErrorAlert';
import { useConfirm } from '../../../common/ConfirmDialog';
import { QueryErrorAlert } from '../../../common/QueryErrorAlert';
import { DataTable, type DataColumn } from '../../../common/table/DataTable';
import { emptySelection, keepShown, type Selection } from '../../../common/table/selection';
import { EndpointButton } from '../endpoint/EndpointDialog';
import { CreateClusterDialog } from './CreateClusterDialog';
import { DeleteClusterDialog } from './DeleteClusterDialog';

export function ClustersTab({
  clusters,
  onOpen,
}: {
  clusters: UseQueryResult<EcsCluster[], StowageError>;
  onOpen(name: string): void;
}) {
  const [creating, setCreating] = useState(false);
  const [tearingDown, setTearingDown] = useState<string>();
  const [chosen, setChosen] = useState<Selection>(emptySelection);
  const [dialog, confirm] = useConfirm();
  const removal = useStowageMutation();
  const rows = useMemo(
    () =>
      [...(clusters.data ?? [])].sort((a, b) =>
        (a.clusterName ?? '').localeCompare(b.clusterName ?? ''),
      ),
    [clusters.data],
  );
  const selection = useMemo(
    () =>
      keepShown(
        chosen,
        rows.map((row) => row.clusterName ?? ''),
      ),
    [chosen, rows],
  );
  const selected = rows.filter((row) => selection.selected.has(row.clusterName ?? ''));

  const columns: DataColumn<EcsCluster>[] = [
    {
      id: 'name',
      header: 'Name',
      identifying: true,
      cell: (row) => (
        <Link
          component="button"
          onClick={(event) => {
            event.stopPropagation();
            onOpen(row.clusterName ?? '');
          }}
          sx={{ fontWeight: 500 }}
        >
          {row.clusterName}
        </Link>
      ),
      title: (row) => row.clusterArn ?? '',
    },
    { id: 'status', header: 'Status', width: 110, cell: (row) => row.status },
    {
      id: 'instances',
      header: 'Instances',
      width: 110,
      numeric: true,
      cell: (row) => row.registeredContainerInstancesCount ?? 0,
    },
    {
      id: 'running',
      header: 'Running tasks',
      width: 150,
      numeric: true,
      cell: (row) => row.runningTasksCount ?? 0,
    },
    {
      id: 'pending',
      header: 'Pending tasks',
      width: 150,
      numeric: true,
      cell: (row) => row.pendingTasksCount ?? 0,
    },
    {
      id: 'services',
      header: 'Services',
      width: 100,
      numeric: true,
      cell: (row) => row.activeServicesCount ?? 0,
    },
  ];

  const remove = async () => {
    const names = selected.map((row) => row.clusterName ?? '');
    const confirmed = await confirm({
      title: names.length > 1 ? `Delete ${names.length} clusters?` : 'Delete the cluster?',
      message:
        'ECS refuses while a cluster still has container instances or tasks: deregister them first.',
      items: names,
      confirmLabel: 'Delete',
    });
    if (!confirmed) return;
    await removal.run(async (client) => {
      for (const cluster of names) await client.call('ecs.clusters.delete', { cluster });
    });
  };

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2, minHeight: 0 }}>
      <Stack direction="row" sx={{ gap: 1 }}>
        <Button variant="contained" startIcon={<AddIcon />} onClick={() => setCreating(true)}>
          Create cluster
        </Button>
        <Button
          color="error"
          variant="outlined"
          startIcon={<DeleteIcon />}
          disabled={selected.length === 0 || removal.busy}
          onClick={() => void remove()}
        >
          Delete
        </Button>
        <Button
          color="error"
          variant="outlined"
          startIcon={<DeleteSweepIcon />}
          disabled={selected.length !== 1}
          onClick={() => setTearingDown(selected[0]?.clusterName)}
        >
          Delete with everything in it…
        </Button>
        <Box sx={{ flex: 1 }} />
        <EndpointButton />
      </Stack>
      <MutationErrorAlert mutation={removal} testId="cluster-delete-error" />
      {clusters.error && (
        <QueryErrorAlert
          error={clusters.error}
          failedTo="list clusters"
          refreshes="the list refreshes"
          testId="clusters-error"
        />
      )}
      {clusters.data && rows.length === 0 && (
        <Box sx={{ py: 6, textAlign: 'center' }} data-testid="clusters-empty">
          <Typography variant="h6">No clusters yet</Typography>
          <Typography color="text.secondary">
            Create a cluster to start, then add container instances to it and run tasks.
          </Typography>
        </Box>
      )}
      {rows.length > 0 && (
        <DataTable
          label="Cluster list"
          testId="clusters-table"
          rows={rows}
          columns={columns}
          getRowId={(row) => row.clusterName ?? ''}
          rowAttributes={(row) => ({ 'data-cluster': row.clusterName ?? '' })}
          selection={{ value: selection, onChange: setChosen }}
        />
      )}
      <CreateClusterDialog
        open={creating}
        onClose={(created) => {
          setCreating(false);
          if (created) onOpen(created);
        }}
      />
      {tearingDown !== undefined && (
        <DeleteClusterDialog cluster={tearingDown} onClose={() => setTearingDown(undefined)} />
      )}
      {dialog}
    </Box>
  );
}
