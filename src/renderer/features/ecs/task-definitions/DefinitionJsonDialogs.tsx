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
import { diffDefinitions, shownValue, type ChangeKind, type ValueChange } from './definition-diff';

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
  removed: 'rgba(244, 67, 54, 0.16)',
  added: 'rgba(76, 175, 80, 0.18)',
  changed: 'rgba(255, 152, 0, 0.18)',
} as const;

const kindWords: Record<ChangeKind, string> = {
  added: 'added',
  removed: 'removed',
  changed: 'changed',
};

/** Parsed CLI input JSON, or undefined while it is not there. */
function parsed(json: string | undefined): unknown {
  return json === undefined ? undefined : JSON.parse(json);
}

/**
 * Two revisions compared as data (their CLI input JSON parsed): keys in another order are no
 * change, named list members are matched by name, and each change is a path with both values.
 */
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
  const changes = useMemo(
    () =>
      older.data && newer.data
        ? diffDefinitions(parsed(older.data.json), parsed(newer.data.json))
        : undefined,
    [older.data, newer.data],
  );
  const error = older.error ?? newer.error;
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="lg" aria-labelledby="compare-title">
      <DialogTitle id="compare-title">
        {shortArn(left)} ↔ {shortArn(right)}
      </DialogTitle>
      <DialogContent>
        {error && <Alert severity="error">{error.message}</Alert>}
        {!changes && !error && <LinearProgress />}
        {changes && (
          <Typography variant="body2" color="text.secondary" gutterBottom data-testid="diff-count">
            {changes.length === 0
              ? 'The two revisions are the same (the order of keys and of named entries aside).'
              : `${plural(changes.length, 'difference', 'differences')}, the order of keys and of named entries aside.`}
          </Typography>
        )}
        {changes && changes.length > 0 && (
          <Box
            role="table"
            aria-label="Revisions compared"
            sx={{
              display: 'grid',
              gridTemplateColumns: 'auto minmax(160px, 1.2fr) 1fr 1fr',
              columnGap: 1,
              rowGap: 0.25,
            }}
          >
            <Box role="row" sx={{ display: 'contents', color: 'text.secondary' }}>
              {['', 'Path', shortArn(left), shortArn(right)].map((header, index) => (
                <Box role="columnheader" key={index} sx={{ px: 1, fontSize: 13, fontWeight: 600 }}>
                  {header}
                </Box>
              ))}
            </Box>
            {changes.map((change) => (
              <ChangeRow key={change.path} change={change} />
            ))}
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        <Button variant="contained" onClick={onClose}>
          Close
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function ChangeRow({ change }: { change: ValueChange }) {
  const cell = (text: string, sx: object = {}) => (
    <Box
      role="cell"
      title={text}
      sx={{ ...codeSx, px: 1, overflow: 'hidden', textOverflow: 'ellipsis', ...sx }}
    >
      {text}
    </Box>
  );
  return (
    <Box role="row" data-kind={change.kind} data-path={change.path} sx={{ display: 'contents' }}>
      <Box
        role="cell"
        sx={{
          px: 1,
          fontSize: 12,
          fontWeight: 600,
          bgcolor: kindColours[change.kind],
          borderRadius: 1,
        }}
      >
        {kindWords[change.kind]}
      </Box>
      {cell(change.path, { fontWeight: 600 })}
      {cell(
        shownValue(change.before),
        change.before === undefined ? {} : { bgcolor: kindColours.removed },
      )}
      {cell(
        shownValue(change.after),
        change.after === undefined ? {} : { bgcolor: kindColours.added },
      )}
    </Box>
  );
}
