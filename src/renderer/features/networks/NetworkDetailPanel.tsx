import CloseIcon from '@mui/icons-material/Close';
import {
  Box,
  IconButton,
  Paper,
  Tab,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Tabs,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import type { NetworkDetail } from '../../../shared';
import { useStowageQuery } from '../../api';
import { JsonViewer } from '../../common/json/JsonViewer';
import { QueryErrorAlert } from '../../common/QueryErrorAlert';
import { AttachedContainers } from './AttachedContainers';

const lines = (record: Record<string, string>) =>
  Object.entries(record)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n') || '—';

function Overview({ detail }: { detail: NetworkDetail }) {
  const facts: [string, string][] = [
    ['Id', detail.id],
    ['Driver', detail.driver],
    ['Scope', detail.scope],
    [
      'Subnets',
      detail.subnets
        .map(({ subnet, gateway }) => (gateway ? `${subnet} (gateway ${gateway})` : subnet))
        .join('\n') || '—',
    ],
    ['Internal', detail.internal ? 'Yes: no traffic leaves it' : 'No'],
    ['Attachable', detail.attachable ? 'Yes' : 'No'],
    ['IPv6', detail.ipv6 ? 'Enabled' : 'Off'],
    ['Created', detail.created ? new Date(detail.created).toLocaleString() : '—'],
    ['Labels', lines(detail.labels)],
    ['Options', lines(detail.options)],
  ];
  return (
    <Table size="small">
      <TableBody>
        {facts.map(([name, value]) => (
          <TableRow key={name}>
            <TableCell component="th" sx={{ width: 140, fontWeight: 600, verticalAlign: 'top' }}>
              {name}
            </TableCell>
            <TableCell
              sx={{ fontFamily: 'monospace', whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}
            >
              {value}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** One network in depth: the containers attached (connect, disconnect), overview, inspect. */
export function NetworkDetailPanel({
  id,
  name,
  candidates,
  onClose,
}: {
  id: string;
  name: string;
  candidates: readonly string[];
  onClose(): void;
}) {
  const [tab, setTab] = useState(0);
  const detail = useStowageQuery('networks.inspect', { network: id });
  return (
    <Paper
      variant="outlined"
      data-testid="network-detail"
      sx={{ height: 360, flexShrink: 0, display: 'flex', flexDirection: 'column', minHeight: 0 }}
    >
      <Box
        sx={{
          display: 'flex',
          alignItems: 'center',
          px: 2,
          borderBottom: 1,
          borderColor: 'divider',
        }}
      >
        <Typography variant="subtitle1" component="h2" sx={{ flex: 1, fontWeight: 600 }} noWrap>
          {name}
        </Typography>
        <Tabs
          value={tab}
          onChange={(_event, next: number) => setTab(next)}
          aria-label="Network details"
        >
          <Tab label="Containers" />
          <Tab label="Overview" />
          <Tab label="Inspect" />
        </Tabs>
        <IconButton aria-label="Close details" onClick={onClose}>
          <CloseIcon fontSize="small" />
        </IconButton>
      </Box>
      <Box
        sx={{ flex: 1, overflow: 'auto', display: 'flex', flexDirection: 'column', minHeight: 0 }}
      >
        {detail.error && (
          <QueryErrorAlert
            error={detail.error}
            failedTo="inspect the network"
            refreshes="the details refresh"
            testId="network-detail-error"
          />
        )}
        {tab === 0 && detail.data && (
          <AttachedContainers
            detail={detail.data}
            candidates={candidates}
            onChanged={() => void detail.refetch()}
          />
        )}
        {tab === 1 && detail.data && <Overview detail={detail.data} />}
        {tab === 2 && detail.data && (
          <Box sx={{ p: 1, display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }}>
            <JsonViewer value={detail.data.raw} label="network inspect" />
          </Box>
        )}
      </Box>
    </Paper>
  );
}
