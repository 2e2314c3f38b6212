import FolderOpen from '@mui/icons-material/FolderOpen';
import { Box, Button, FormControlLabel, LinearProgress, Switch, Typography } from '@mui/material';
import { useCallback, useRef, useState } from 'react';
import type { LayerSummary, TreeMark } from '../../../shared';
import { useStowageClient } from '../../api';
import { FileTree } from '../../common/file-tree/FileTree';
import type { FileTreeLoader } from '../../common/file-tree/tree-pages';
import { formatBytes } from '../../common/format';
import { QueryErrorAlert } from '../../common/QueryErrorAlert';
import { DataTable, type DataColumn } from '../../common/table/DataTable';
import type { Selection } from '../../common/table/selection';
import { useArchiveUpload } from './use-archive-upload';

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
    width: 136,
    numeric: true,
    cell: ({ counts }) => (
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

const ownMarks: TreeMark[] = ['added', 'modified', 'removed', 'unmodified'];
const aggregatedMarks: TreeMark[] = [...ownMarks, 'lower'];

/** The chosen layer's files in the file tree the image layer view uses. */
function ArchiveLayerFiles({ image, layer }: { image: string; layer: number }) {
  const [aggregated, setAggregated] = useState(false);
  const client = useStowageClient();
  const load = useCallback<FileTreeLoader>(
    (query, signal) =>
      client.call(
        'layers.tree',
        { image, layer, aggregated, ...query, marks: [...query.marks] },
        { signal },
      ),
    [client, image, layer, aggregated],
  );
  return (
    <FileTree
      sourceKey={`${image} ${layer} ${aggregated}`}
      load={load}
      available={aggregated ? aggregatedMarks : ownMarks}
      label="Files of the layer"
      emptyText="This layer changes no files (it only sets metadata)."
      toolbar={
        <FormControlLabel
          control={
            <Switch size="small" checked={aggregated} onChange={(_e, on) => setAggregated(on)} />
          }
          label="Aggregated"
          title="The whole filesystem up to this layer"
        />
      }
    />
  );
}

/**
 * "Open archive…": a `docker save`, OCI or containerd archive file from this computer, sent
 * to Stowage a chunk at a time and read with no engine, then shown layer by layer.
 */
export function ArchiveInspector() {
  const input = useRef<HTMLInputElement>(null);
  const { upload, open, cancel } = useArchiveUpload();
  const [picked, setPicked] = useState<number | undefined>(undefined);
  const selectedIndex = picked ?? Math.max(0, upload.layers.length - 1);
  const selection: Selection = {
    selected: new Set([String(selectedIndex)]),
    anchor: String(selectedIndex),
  };
  const { result } = upload;

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }} data-testid="archive-inspector">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <Button
          variant="outlined"
          startIcon={<FolderOpen />}
          onClick={() => input.current?.click()}
          disabled={upload.status === 'sending'}
        >
          Open archive…
        </Button>
        <input
          ref={input}
          type="file"
          hidden
          accept=".tar,.tar.gz,.tgz,.oci,application/x-tar"
          aria-label="Image archive file"
          data-testid="archive-file-input"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (!file) return;
            setPicked(undefined);
            open(file);
          }}
        />
        <Typography variant="body2" color="text.secondary">
          {upload.status === 'idle'
            ? 'Read an image archive (docker save, OCI layout or containerd export) with no engine.'
            : upload.fileName}
        </Typography>
      </Box>
      {upload.status === 'sending' && (
        <Box data-testid="archive-progress">
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
            <Typography variant="caption" color="text.secondary" sx={{ flex: 1 }}>
              Read {formatBytes(upload.sent)} of {formatBytes(upload.size)}, {upload.layersRead}{' '}
              layers
            </Typography>
            <Button size="small" onClick={cancel}>
              Cancel
            </Button>
          </Box>
          <LinearProgress
            variant="determinate"
            value={(upload.sent / Math.max(1, upload.size)) * 100}
          />
        </Box>
      )}
      {upload.status === 'cancelled' && (
        <Typography variant="body2" color="text.secondary" data-testid="archive-cancelled">
          Reading {upload.fileName} was cancelled. Open it again to read it.
        </Typography>
      )}
      {upload.error && (
        <QueryErrorAlert
          error={upload.error}
          failedTo={`read ${upload.fileName}`}
          refreshes="the archive reads again when you open it"
          testId="archive-error"
        />
      )}
      {result && (
        <Typography variant="body2" data-testid="archive-summary">
          {result.tags.join(', ') || result.imageId.slice(7, 19)} · {result.layers} layers ·
          efficiency {(result.waste.efficiency * 100).toFixed(1)} % · wasted{' '}
          {formatBytes(result.waste.wastedBytes)}
        </Typography>
      )}
      {result && upload.layers.length > 0 && (
        <Box sx={{ display: 'flex', gap: 1, height: 480 }}>
          <Box sx={{ flex: '1 1 45%', minWidth: 0, display: 'flex', flexDirection: 'column' }}>
            <DataTable
              label="Layers of the archive"
              testId="archive-layers-table"
              rows={upload.layers}
              columns={layerColumns}
              getRowId={(layer) => String(layer.index)}
              rowHeight={36}
              rowAttributes={(layer) => ({
                'data-testid': 'layer-row',
                'data-index': String(layer.index),
              })}
              selection={{
                value: selection,
                onChange: (next) => {
                  if (next.anchor !== undefined) setPicked(Number(next.anchor));
                },
              }}
            />
          </Box>
          <Box sx={{ flex: '1 1 55%', minWidth: 0, display: 'flex', flexDirection: 'column' }}>
            <ArchiveLayerFiles image={result.imageId} layer={selectedIndex} />
          </Box>
        </Box>
      )}
    </Box>
  );
}
