import { Box, Button, LinearProgress, Typography } from '@mui/material';
import { useMemo, useState } from 'react';
import { layersCompareStorageKey, type LayerProgress } from '../../../shared';
import { useStowageStream } from '../../api';
import { formatBytes, plural } from '../../common/format';
import { QueryErrorAlert } from '../../common/QueryErrorAlert';
import { layerColumns, type InspectedLayer } from '../../common/layer-inspector/layer-columns';
import { LayerFileTree } from '../../common/layer-inspector/LayerFileTree';
import { DataTable } from '../../common/table/DataTable';
import type { Selection } from '../../common/table/selection';
import { ReclaimablePaths } from './ReclaimablePaths';

/** A layer of the list: measured once stacked, from the image history until then. */
type LayerRow = InspectedLayer & { pending: boolean };

/**
 * Inside an image: its layers in build order as they are read, and for the chosen layer what
 * it added, modified and removed. The waste figures sit on top, dive's beside Stowage's.
 */
export function LayersTab({ imageId }: { imageId: string }) {
  const analysis = useStowageStream('layers.analyze', { image: imageId });
  const [picked, setPicked] = useState<number | undefined>(undefined);
  const [showCauses, setShowCauses] = useState(false);

  const layers = useMemo(() => layerRows(analysis.items), [analysis.items]);
  const stackedCount = layers.filter((layer) => !layer.pending).length;
  const lastRead = [...analysis.items].reverse().find((item) => item.stage === 'read');
  // Until one is picked, the newest layer is shown.
  const selectedIndex = picked ?? Math.max(0, stackedCount - 1);
  const selection: Selection = {
    selected: new Set([String(selectedIndex)]),
    anchor: String(selectedIndex),
  };
  const done = analysis.status === 'done' && analysis.result !== undefined;
  const waste = analysis.result?.waste;

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1, p: 1, minHeight: 0, flex: 1 }}>
      {analysis.status === 'running' && (
        <Box data-testid="layers-progress">
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
            <Typography variant="caption" color="text.secondary" sx={{ flex: 1 }}>
              {lastRead?.stage === 'read'
                ? `Read ${lastRead.index + 1} of ${plural(lastRead.total, 'layer')}, ${stackedCount} stacked`
                : 'Reading the image export…'}
            </Typography>
            <Button size="small" onClick={analysis.cancel}>
              Cancel
            </Button>
          </Box>
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
      {analysis.status === 'cancelled' && (
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }} data-testid="layers-cancelled">
          <Typography variant="body2" color="text.secondary">
            Reading the layers was cancelled.
          </Typography>
          <Button size="small" onClick={analysis.restart}>
            Read again
          </Button>
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
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
          <Typography variant="body2" data-testid="layers-waste">
            Efficiency {(waste.efficiency * 100).toFixed(1)} % · wasted{' '}
            {formatBytes(waste.wastedBytes)} ({(waste.userWastedPercent * 100).toFixed(1)} % of the
            layers above the base) · reclaimable {formatBytes(waste.reclaimableBytes)}
          </Typography>
          <Box sx={{ flex: 1 }} />
          <Button size="small" onClick={() => compareLayers(analysis.result?.imageId ?? imageId)}>
            Compare layers…
          </Button>
          {waste.causes.length > 0 && (
            <Button size="small" onClick={() => setShowCauses((open) => !open)}>
              {showCauses ? 'Hide' : 'Show'} what is reclaimable
            </Button>
          )}
        </Box>
      )}
      {waste && (
        <Typography variant="caption" color="text.secondary" data-testid="layers-size-note">
          Wasted counts every copy of a path that more than one layer holds, as dive does;
          reclaimable counts only what squashing the layers would save: the copies beyond the
          smallest and what later layers delete. A layer’s size is the bytes of the files its tar
          holds, links counting 0; History shows the engine’s figures, where a symlink also counts
          its target’s name.
        </Typography>
      )}
      {waste && showCauses && <ReclaimablePaths causes={waste.causes} />}
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
                'data-pending': String(layer.pending),
              })}
              selection={{
                mode: 'single',
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
          {done && layers.length > 0 && (
            <LayerFileTree image={analysis.result?.imageId ?? imageId} layer={selectedIndex} />
          )}
        </Box>
      </Box>
    </Box>
  );
}

/** Opens the Layers page with this image added to the images it compares. */
function compareLayers(imageId: string): void {
  let chosen: unknown;
  try {
    chosen = JSON.parse(sessionStorage.getItem(layersCompareStorageKey) ?? '[]');
  } catch {
    chosen = [];
  }
  const ids = Array.isArray(chosen) ? chosen.filter((id) => typeof id === 'string') : [];
  sessionStorage.setItem(
    layersCompareStorageKey,
    JSON.stringify(ids.includes(imageId) ? ids : [...ids, imageId]),
  );
  window.location.hash = '#/layers';
}

/** The provisional list from the history, each row replaced once its layer is stacked. */
function layerRows(items: readonly LayerProgress[]): LayerRow[] {
  const rows = new Map<number, LayerRow>();
  for (const item of items) {
    if (item.stage === 'listed') {
      for (const layer of item.layers) {
        rows.set(layer.index, {
          index: layer.index,
          diffId: '',
          instruction: layer.instruction,
          tarBytes: layer.size,
          blobBytes: 0,
          deltaBytes: 0,
          counts: { added: 0, modified: 0, removed: 0, unmodified: 0 },
          pending: true,
        });
      }
    } else if (item.stage === 'stacked') {
      rows.set(item.layer.index, { ...item.layer, pending: false });
    }
  }
  return [...rows.values()].sort((a, b) => a.index - b.index);
}
