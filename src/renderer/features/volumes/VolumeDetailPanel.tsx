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
import type { VolumeDetail } from '../../../shared';
import { useStowageQuery } from '../../api';
import { formatBytes } from '../../common/format';
import { JsonViewer } from '../../common/json/JsonViewer';
import { QueryErrorAlert } from '../../common/QueryErrorAlert';
import { FileBrowser } from './FileBrowser';

const lines = (record: Record<string, string>) =>
  Object.entries(record)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n') || '—';

function Overview({ detail }: { detail: VolumeDetail }) {
  const facts: [string, string][] = [
    ['Name', detail.name],
    ['Driver', detail.driver],
    ['Scope', detail.scope],
    ['Mountpoint', detail.mountpoint],
    ['Size', detail.size === null ? 'Unknown to the engine' : formatBytes(detail.size)],
    ['Created', detail.created ? new Date(detail.created).toLocaleString() : '—'],
    ['Used by', detail.containers.map((container) => container.name).join('\n') || '—'],
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

/** One volume in depth: its files (read-only), an overview and the raw inspect JSON. */
export function VolumeDetailPanel({ name, onClose }: { name: string; onClose(): void }) {
  const [tab, setTab] = useState(0);
  const detail = useStowageQuery('volumes.inspect', { name });
  return (
    <Paper
      variant="outlined"
      data-testid="volume-detail"
      sx={{ height: 420, flexShrink: 0, display: 'flex', flexDirection: 'column', minHeight: 0 }}
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
          aria-label="Volume details"
        >
          <Tab label="Files" />
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
        {tab === 0 && <FileBrowser volume={name} />}
        {tab > 0 && detail.error && (
          <QueryErrorAlert
            error={detail.error}
            failedTo="inspect the volume"
            refreshes="the details refresh"
            testId="volume-detail-error"
          />
        )}
        {tab === 1 && detail.data && <Overview detail={detail.data} />}
        {tab === 2 && detail.data && (
          <Box sx={{ p: 1, display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }}>
            <JsonViewer value={detail.data.raw} label="volume inspect" />
          </Box>
        )}
      </Box>
    </Paper>
  );
}
