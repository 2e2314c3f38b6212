import { Box, Typography } from '@mui/material';
import type { LayerSummary } from '../../../shared';
import { formatBytes } from '../format';
import type { DataColumn } from '../table/DataTable';

/** A layer of the inspector's list: `pending` until it is measured (from the history until then). */
export type InspectedLayer = LayerSummary & { pending?: boolean };

/** The columns of a layer list: build order, instruction, size and what the layer changed. */
export const layerColumns: DataColumn<InspectedLayer>[] = [
  { id: 'index', header: '#', width: 44, numeric: true, cell: (layer) => layer.index + 1 },
  {
    id: 'instruction',
    header: 'Instruction',
    identifying: true,
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
    width: 136,
    numeric: true,
    cell: ({ counts, pending }) =>
      pending ? (
        <Typography component="span" variant="caption" color="text.secondary">
          reading…
        </Typography>
      ) : (
        <Box component="span" sx={{ display: 'inline-flex', gap: 1, fontFamily: 'monospace' }}>
          <Box component="span" sx={{ color: 'success.main' }}>
            +{counts.added ?? 0}
          </Box>
          <Box component="span" sx={{ color: 'warning.main' }}>
            ~{counts.modified ?? 0}
          </Box>
          <Box component="span" sx={{ color: 'error.main' }}>
            −{counts.removed ?? 0}
          </Box>
        </Box>
      ),
    title: ({ counts }) =>
      `${counts.added ?? 0} added, ${counts.modified ?? 0} modified, ${counts.removed ?? 0} removed`,
  },
];
