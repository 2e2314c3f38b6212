import { Box, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useMemo, type ReactNode } from 'react';
import type { ContainerDetail, TreeMark } from '../../../shared';
import { useStowageQuery } from '../../api';
import { FileTree } from '../../common/file-tree/FileTree';
import { localTreeLoader } from '../../common/file-tree/local-tree';
import { QueryErrorAlert } from '../../common/QueryErrorAlert';

const mono = { fontFamily: 'monospace', wordBreak: 'break-all' } as const;

function Empty({ children }: { children: ReactNode }) {
  return (
    <Typography color="text.secondary" sx={{ p: 2 }}>
      {children}
    </Typography>
  );
}

function SimpleTable({
  label,
  head,
  rows,
}: {
  label: string;
  head: readonly string[];
  rows: readonly (readonly ReactNode[])[];
}) {
  return (
    <Table size="small" stickyHeader aria-label={label}>
      <TableHead>
        <TableRow>
          {head.map((title) => (
            <TableCell key={title} sx={{ fontWeight: 600 }}>
              {title}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((cells, index) => (
          <TableRow key={index}>
            {cells.map((cell, at) => (
              <TableCell key={at} sx={mono}>
                {cell}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export function EnvironmentTab({ detail }: { detail: ContainerDetail }) {
  if (detail.env.length === 0) return <Empty>No environment variables.</Empty>;
  return (
    <SimpleTable
      label="Environment"
      head={['Name', 'Value']}
      rows={detail.env.map((variable) => [variable.name, variable.value])}
    />
  );
}

export function MountsTab({ detail }: { detail: ContainerDetail }) {
  if (detail.mounts.length === 0) return <Empty>No volumes or bind mounts.</Empty>;
  return (
    <SimpleTable
      label="Mounts"
      head={['Type', 'Source', 'Container path', 'Mode']}
      rows={detail.mounts.map((mount) => [
        mount.type,
        mount.name ?? mount.source,
        mount.destination,
        mount.readOnly ? 'read-only' : 'read-write',
      ])}
    />
  );
}

export function NetworksTab({ detail }: { detail: ContainerDetail }) {
  if (detail.networks.length === 0) return <Empty>Not attached to any network.</Empty>;
  return (
    <SimpleTable
      label="Networks"
      head={['Network', 'IP address', 'Gateway', 'MAC address', 'Aliases']}
      rows={detail.networks.map((network) => [
        network.name,
        network.ipAddress || '—',
        network.gateway || '—',
        network.macAddress || '—',
        network.aliases.join(', ') || '—',
      ])}
    />
  );
}

export function ProcessesTab({ container, running }: { container: string; running: boolean }) {
  const top = useStowageQuery(
    'containers.top',
    { container },
    { enabled: running, refetchInterval: 3_000 },
  );
  if (!running) return <Empty>The container is not running: it has no processes.</Empty>;
  if (top.error) {
    return (
      <QueryErrorAlert
        error={top.error}
        failedTo="list the processes"
        refreshes="the list refreshes"
        testId="top-error"
      />
    );
  }
  if (!top.data) return <Empty>Reading the processes…</Empty>;
  return <SimpleTable label="Processes" head={top.data.titles} rows={top.data.processes} />;
}

const changeMarks: TreeMark[] = ['added', 'modified', 'removed'];

/** The read-write layer: what the container added, changed and deleted, as a file tree. */
export function ChangesTab({ container }: { container: string }) {
  const changes = useStowageQuery('containers.changes', { container });
  const load = useMemo(
    () =>
      localTreeLoader(
        (changes.data ?? []).map(({ kind, ...change }) => ({ ...change, mark: kind })),
      ),
    [changes.data],
  );
  if (changes.error) {
    return (
      <QueryErrorAlert
        error={changes.error}
        failedTo="read the changes"
        refreshes="the list refreshes"
        testId="changes-error"
      />
    );
  }
  if (!changes.data) return <Empty>Reading the read-write layer…</Empty>;
  if (changes.data.length === 0) return <Empty>The container changed no files.</Empty>;
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 320, p: 1 }}>
      <FileTree
        sourceKey={container}
        load={load}
        available={changeMarks}
        label="Files the container changed"
        emptyText="The container changed no files."
      />
    </Box>
  );
}
