import {
  Box,
  Chip,
  LinearProgress,
  Stack,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import { useMemo, useState } from 'react';
import type { LayerChange, LayerSummary } from '../../../shared';
import { useStowageQuery, useStowageStream } from '../../api';
import { formatBytes } from '../../common/format';
import { QueryErrorAlert } from '../../common/QueryErrorAlert';
import { SearchField } from '../../common/SearchField';
import { DataTable, type DataColumn } from '../../common/table/DataTable';
import type { Selection } from '../../common/table/selection';

type Kind = LayerChange['kind'];
const kindColours: Record<Kind, 'success' | 'warning' | 'error' | 'default'> = {
  added: 'success',
  modified: 'warning',
  removed: 'error',
  unmodified: 'default',
};

const layerColumns: DataColumn<LayerSummary>[] = [
  { id: 'index', header: '#', width: 44, numeric: true, cell: (layer) => layer.index + 1 },
  {
    id: 'instruction',
    header: 'Instruction',
    monospace: true,
    cell: (layer) => layer.instruction || '—',
    title: (layer) => layer.instruction,
  },
  {
    id: 'size',
    header: 'Size',
    width: 90,
    numeric: true,
    cell: (layer) => formatBytes(layer.tarBytes),
  },
  {
    id: 'changes',
    header: '+ ~ −',
    width: 110,
    numeric: true,
    cell: ({ counts }) => `${counts.added ?? 0} ${counts.modified ?? 0} ${counts.removed ?? 0}`,
    title: ({ counts }) =>
      `${counts.added ?? 0} added, ${counts.modified ?? 0} modified, ${counts.removed ?? 0} removed`,
  },
];

const changeColumns: DataColumn<LayerChange>[] = [
  {
    id: 'kind',
    header: 'Change',
    width: 110,
    cell: (change) => (
      <Chip size="small" label={change.kind} color={kindColours[change.kind]} variant="outlined" />
    ),
  },
  {
    id: 'path',
    header: 'Path',
    monospace: true,
    cell: (change) =>
      `/${change.path}${change.type === 'dir' ? '/' : ''}${change.linkTarget ? ` → ${change.linkTarget}` : ''}`,
    title: (change) => `/${change.path}`,
  },
  {
    id: 'size',
    header: 'Size',
    width: 90,
    numeric: true,
    cell: (change) => formatBytes(change.size),
  },
  {
    id: 'mode',
    header: 'Mode',
    width: 120,
    monospace: true,
    cell: (change) => `${change.mode.toString(8).padStart(4, '0')} ${change.uid}:${change.gid}`,
  },
];

/**
 * Inside an image: its layers in build order as they are read, and for the chosen layer what
 * it added, modified and removed. The waste figures sit on top, dive's beside Stowage's.
 */
export function LayersTab({ imageId }: { imageId: string }) {
  const analysis = useStowageStream('layers.analyze', { image: imageId });
  const [picked, setPicked] = useState<number | undefined>(undefined);
  const [kinds, setKinds] = useState<Kind[]>(['added', 'modified', 'removed']);
  const [search, setSearch] = useState('');

  const layers = useMemo(
    () => analysis.items.flatMap((item) => (item.stage === 'stacked' ? [item.layer] : [])),
    [analysis.items],
  );
  const lastRead = [...analysis.items].reverse().find((item) => item.stage === 'read');
  // Until one is picked, the newest layer is shown.
  const selectedIndex = picked ?? layers.at(-1)?.index ?? 0;
  const selection: Selection = {
    selected: new Set([String(selectedIndex)]),
    anchor: String(selectedIndex),
  };
  const done = analysis.status === 'done' && analysis.result !== undefined;
  const changes = useStowageQuery(
    'layers.changes',
    { image: analysis.result?.imageId ?? imageId, layer: selectedIndex, kinds, search },
    { enabled: done && kinds.length > 0 },
  );
  const waste = analysis.result?.waste;

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1, p: 1, minHeight: 0, flex: 1 }}>
      {analysis.status === 'running' && (
        <Box data-testid="layers-progress">
          <Typography variant="caption" color="text.secondary">
            {lastRead?.stage === 'read'
              ? `Read ${lastRead.index + 1} of ${lastRead.total} layers`
              : 'Reading the image export…'}
          </Typography>
          <LinearProgress
            variant={
              lastRead?.stage === 'read' && lastRead.total > 0 ? 'determinate' : 'indeterminate'
            }
            value={
              lastRead?.stage === 'read'
                ? ((lastRead.index + 1) / Math.max(1, lastRead.total)) * 100
                : 0
            }
          />
        </Box>
      )}
      {analysis.error && (
        <QueryErrorAlert
          error={analysis.error}
          failedTo="read the image’s layers"
          refreshes="the layers load"
          testId="layers-error"
        />
      )}
      {waste && (
        <Typography variant="body2" data-testid="layers-waste">
          Efficiency {(waste.efficiency * 100).toFixed(1)} % · wasted{' '}
          {formatBytes(waste.wastedBytes)} ({(waste.userWastedPercent * 100).toFixed(1)} % of the
          layers above the base) · reclaimable {formatBytes(waste.reclaimableBytes)}
        </Typography>
      )}
      <Box sx={{ display: 'flex', gap: 1, minHeight: 0, flex: 1 }}>
        <Box sx={{ flex: '1 1 45%', minWidth: 0, display: 'flex', flexDirection: 'column' }}>
          {layers.length > 0 && (
            <DataTable
              label="Layers"
              testId="layers-table"
              rows={layers}
              columns={layerColumns}
              getRowId={(layer) => String(layer.index)}
              rowHeight={36}
              rowAttributes={(layer) => ({
                'data-testid': 'layer-row',
                'data-index': String(layer.index),
              })}
              selection={{
                value: selection,
                // One layer at a time: the row last clicked or reached with the keyboard.
                onChange: (next) => {
                  if (next.anchor !== undefined) setPicked(Number(next.anchor));
                },
              }}
            />
          )}
        </Box>
        <Box
          sx={{ flex: '1 1 55%', minWidth: 0, display: 'flex', flexDirection: 'column', gap: 1 }}
        >
          <Stack direction="row" sx={{ gap: 1, alignItems: 'center' }}>
            <ToggleButtonGroup
              size="small"
              value={kinds}
              onChange={(_event, next: Kind[]) => setKinds(next)}
              aria-label="Kinds of change"
            >
              {(['added', 'modified', 'removed', 'unmodified'] as const).map((kind) => (
                <ToggleButton key={kind} value={kind}>
                  {kind}
                </ToggleButton>
              ))}
            </ToggleButtonGroup>
            <SearchField
              label="Search paths"
              value={search}
              onChange={setSearch}
              sx={{ flex: 1 }}
            />
          </Stack>
          {changes.data && (
            <Typography variant="caption" color="text.secondary" data-testid="changes-count">
              {changes.data.total === changes.data.changes.length
                ? `${changes.data.total} paths`
                : `first ${changes.data.changes.length} of ${changes.data.total} paths`}
            </Typography>
          )}
          {changes.data && changes.data.changes.length > 0 && (
            <DataTable
              label="Changes of the layer"
              testId="changes-table"
              rows={changes.data.changes}
              columns={changeColumns}
              getRowId={(change) => change.path}
              rowHeight={34}
              rowAttributes={(change) => ({
                'data-testid': 'change-row',
                'data-kind': change.kind,
              })}
            />
          )}
        </Box>
      </Box>
    </Box>
  );
}
