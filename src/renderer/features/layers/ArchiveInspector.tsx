import FolderOpen from '@mui/icons-material/FolderOpen';
import { Box, Button, LinearProgress, MenuItem, TextField, Typography } from '@mui/material';
import { useRef, useState } from 'react';
import { formatBytes, plural } from '../../common/format';
import { layerColumns } from '../../common/layer-inspector/layer-columns';
import { LayerFileTree } from '../../common/layer-inspector/LayerFileTree';
import { QueryErrorAlert } from '../../common/QueryErrorAlert';
import { DataTable } from '../../common/table/DataTable';
import type { Selection } from '../../common/table/selection';
import type { ArchiveChoice } from '../../../shared';
import { useArchiveUpload } from './use-archive-upload';

/**
 * "Open archive…": a `docker save`, OCI or containerd archive file from this computer, sent
 * to Stowage a chunk at a time and read with no engine, then shown layer by layer in the
 * layer list and file tree of the common layer inspector.
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
      {upload.choice && upload.file ? (
        <ArchiveChooser
          key={upload.choice.choices.join('\n')}
          fileName={upload.fileName}
          choice={upload.choice}
          onChoose={(name) => {
            const { file, select, choice } = upload;
            if (file && choice) open(file, { ...select, [choice.what]: name });
          }}
        />
      ) : (
        upload.error && (
          <QueryErrorAlert
            error={upload.error}
            failedTo={`read ${upload.fileName}`}
            refreshes="the archive reads again when you open it"
            testId="archive-error"
          />
        )
      )}
      {result && (
        <Typography variant="body2" data-testid="archive-summary">
          {result.tags.join(', ') || result.imageId.slice(7, 19)} · {plural(result.layers, 'layer')}{' '}
          · efficiency {(result.waste.efficiency * 100).toFixed(1)} % · wasted{' '}
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
                mode: 'single',
                value: selection,
                onChange: (next) => {
                  if (next.anchor !== undefined) setPicked(Number(next.anchor));
                },
              }}
            />
          </Box>
          <Box sx={{ flex: '1 1 55%', minWidth: 0, display: 'flex', flexDirection: 'column' }}>
            <LayerFileTree image={result.imageId} layer={selectedIndex} />
          </Box>
        </Box>
      )}
    </Box>
  );
}

/**
 * An archive of several images (or an image of several platforms) read with none named: the
 * names it holds, to read it again with one of them.
 */
function ArchiveChooser({
  fileName,
  choice,
  onChoose,
}: {
  fileName: string;
  choice: ArchiveChoice;
  onChoose(name: string): void;
}) {
  const [chosen, setChosen] = useState(choice.choices[0] ?? '');
  return (
    <Box
      component="form"
      data-testid="archive-chooser"
      sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}
      onSubmit={(event) => {
        event.preventDefault();
        onChoose(chosen);
      }}
    >
      <Typography variant="body2">
        {fileName} holds {choice.choices.length} {choice.what}s. Read which one?
      </Typography>
      <TextField
        select
        size="small"
        label={choice.what === 'image' ? 'Image' : 'Platform'}
        value={chosen}
        onChange={(event) => setChosen(event.target.value)}
        sx={{ minWidth: 260 }}
      >
        {choice.choices.map((name) => (
          <MenuItem key={name} value={name}>
            {name}
          </MenuItem>
        ))}
      </TextField>
      <Button type="submit" variant="contained" size="small" disabled={chosen === ''}>
        Read this {choice.what}
      </Button>
    </Box>
  );
}
