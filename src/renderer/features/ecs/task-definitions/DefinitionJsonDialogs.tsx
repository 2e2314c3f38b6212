import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import FileDownloadIcon from '@mui/icons-material/FileDownload';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  LinearProgress,
  Typography,
} from '@mui/material';
import { useMemo } from 'react';
import { shortArn } from '../../../../shared';
import { useStowageQuery } from '../../../api';
import { plural } from '../../../common/format';
import { diffLines, type DiffLine } from './json-diff';

const codeSx = {
  fontFamily: 'monospace',
  fontSize: 13,
  whiteSpace: 'pre',
  m: 0,
} as const;

/** The revision as `--cli-input-json` text, to copy or download. */
export function ExportDialog({
  taskDefinition,
  onClose,
}: {
  taskDefinition: string;
  onClose(): void;
}) {
  const exported = useStowageQuery('ecs.taskDefinitions.export', { taskDefinition });
  const name = shortArn(taskDefinition).replace(':', '-');
  const download = (json: string) => {
    const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `${name}.json`;
    link.click();
    URL.revokeObjectURL(url);
  };
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="md" aria-labelledby="export-title">
      <DialogTitle id="export-title">{shortArn(taskDefinition)} as CLI input JSON</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="text.secondary" gutterBottom>
          aws ecs register-task-definition --cli-input-json file://{name}.json
        </Typography>
        {exported.isPending && <LinearProgress />}
        {exported.error && <Alert severity="error">{exported.error.message}</Alert>}
        {exported.data && (
          <Box
            component="pre"
            data-testid="export-json"
            sx={{ ...codeSx, p: 1.5, bgcolor: 'action.hover', borderRadius: 1, overflow: 'auto' }}
          >
            {exported.data.json}
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        <Button
          startIcon={<ContentCopyIcon />}
          disabled={!exported.data}
          onClick={() => exported.data && void navigator.clipboard?.writeText(exported.data.json)}
        >
          Copy
        </Button>
        <Button
          startIcon={<FileDownloadIcon />}
          disabled={!exported.data}
          onClick={() => exported.data && download(exported.data.json)}
        >
          Download
        </Button>
        <Button variant="contained" onClick={onClose}>
          Close
        </Button>
      </DialogActions>
    </Dialog>
  );
}

const kindColours = {
  same: undefined,
  removed: 'rgba(244, 67, 54, 0.16)',
  added: 'rgba(76, 175, 80, 0.18)',
} as const;

/** Two revisions side by side, as their CLI input JSON, with the changed lines marked. */
export function CompareDialog({
  left,
  right,
  onClose,
}: {
  left: string;
  right: string;
  onClose(): void;
}) {
  const older = useStowageQuery('ecs.taskDefinitions.export', { taskDefinition: left });
  const newer = useStowageQuery('ecs.taskDefinitions.export', { taskDefinition: right });
  const lines = useMemo(
    () => (older.data && newer.data ? diffLines(older.data.json, newer.data.json) : []),
    [older.data, newer.data],
  );
  const changes = lines.filter((line) => line.kind !== 'same').length;
  const error = older.error ?? newer.error;
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="lg" aria-labelledby="compare-title">
      <DialogTitle id="compare-title">
        {shortArn(left)} ↔ {shortArn(right)}
      </DialogTitle>
      <DialogContent>
        {error && <Alert severity="error">{error.message}</Alert>}
        {lines.length > 0 && (
          <Typography variant="body2" color="text.secondary" gutterBottom data-testid="diff-count">
            {changes === 0
              ? 'The two revisions are the same.'
              : `${plural(changes, 'line differs', 'lines differ')}.`}
          </Typography>
        )}
        <Box
          role="table"
          aria-label="Revisions compared"
          sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 1 }}
        >
          {lines.map((line, index) => (
            <DiffRow key={index} line={line} />
          ))}
        </Box>
      </DialogContent>
      <DialogActions>
        <Button variant="contained" onClick={onClose}>
          Close
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function DiffRow({ line }: { line: DiffLine }) {
  const cell = (shown: boolean, number: number | undefined) => (
    <Box
      role="cell"
      data-kind={shown ? line.kind : 'blank'}
      sx={{
        ...codeSx,
        display: 'flex',
        gap: 1,
        px: 1,
        bgcolor: shown ? kindColours[line.kind] : 'action.hover',
        minHeight: 20,
      }}
    >
      <Box component="span" sx={{ color: 'text.disabled', width: 32, textAlign: 'right' }}>
        {shown ? number : ''}
      </Box>
      {shown ? line.text : ''}
    </Box>
  );
  return (
    <Box role="row" sx={{ display: 'contents' }}>
      {cell(line.kind !== 'added', line.left)}
      {cell(line.kind !== 'removed', line.right)}
    </Box>
  );
}
