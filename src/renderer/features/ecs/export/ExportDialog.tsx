import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import DownloadIcon from '@mui/icons-material/Download';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  IconButton,
  List,
  ListItemButton,
  ListItemText,
  Stack,
  Tooltip,
} from '@mui/material';
import { useState } from 'react';
import type { EcsExportFile } from '../../../../shared/contract/ecs-services';
import { useStowageQuery } from '../../../api';
import { QueryErrorAlert } from '../../../common/QueryErrorAlert';
import { plural } from '../../../common/format';
import { ImportPicker } from './ImportPicker';

/** Saves `file` through the browser's download, as the file it names. */
function download(file: EcsExportFile): void {
  const type = file.name.endsWith('.sh') ? 'text/x-shellscript' : 'application/json';
  const url = URL.createObjectURL(new Blob([file.text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name;
  link.click();
  URL.revokeObjectURL(url);
}

/**
 * A cluster's task definitions and services as the files that deploy them on real ECS (AWS
 * CLI input files, deploy.sh, a CloudFormation template), each to read, copy or download; and
 * the way back, importing such files into this cluster.
 */
export function ExportDialog({
  cluster,
  open,
  onClose,
}: {
  cluster: string;
  open: boolean;
  onClose(): void;
}) {
  const exported = useStowageQuery('ecs.export', { cluster }, { enabled: open });
  const [chosenName, setChosenName] = useState<string | undefined>(undefined);
  const files = exported.data?.files ?? [];
  const chosen = files.find((file) => file.name === chosenName) ?? files[0];
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="lg" aria-labelledby="export-title">
      <DialogTitle id="export-title">Take {cluster} to AWS</DialogTitle>
      <DialogContent>
        <Stack sx={{ gap: 2 }}>
          <DialogContentText>
            The task definitions the cluster uses and its services, as{' '}
            <Box component="code">aws ecs … --cli-input-json</Box> files with a{' '}
            <Box component="code">deploy.sh</Box> that runs them in order, and as a CloudFormation
            template that deploys the same on Amazon ECS.
          </DialogContentText>
          {exported.error && (
            <QueryErrorAlert
              error={exported.error}
              failedTo="export the cluster"
              refreshes="the export is made again when the dialog opens"
              testId="export-error"
            />
          )}
          {exported.data && files.length <= 2 && (
            <Alert severity="info" data-testid="export-empty">
              The cluster runs no task and has no service: there is nothing to take yet.
            </Alert>
          )}
          {chosen && (
            <Stack direction="row" sx={{ gap: 2, minHeight: 320 }}>
              <List dense aria-label="Exported files" sx={{ width: 260, flexShrink: 0 }}>
                {files.map((file) => (
                  <ListItemButton
                    key={file.name}
                    selected={file.name === chosen.name}
                    onClick={() => setChosenName(file.name)}
                  >
                    <ListItemText
                      primary={file.name}
                      secondary={plural(file.text.length, 'character')}
                    />
                  </ListItemButton>
                ))}
              </List>
              <Box sx={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column' }}>
                <Stack direction="row" sx={{ alignItems: 'center', gap: 1 }}>
                  <Box component="code" sx={{ flex: 1, fontWeight: 600 }}>
                    {chosen.name}
                  </Box>
                  <Tooltip title="Copy">
                    <IconButton
                      aria-label={`Copy ${chosen.name}`}
                      onClick={() => void navigator.clipboard?.writeText(chosen.text)}
                    >
                      <ContentCopyIcon fontSize="small" />
                    </IconButton>
                  </Tooltip>
                  <Tooltip title="Download">
                    <IconButton
                      aria-label={`Download ${chosen.name}`}
                      onClick={() => download(chosen)}
                    >
                      <DownloadIcon fontSize="small" />
                    </IconButton>
                  </Tooltip>
                </Stack>
                <Box
                  component="pre"
                  data-testid="export-file-text"
                  sx={{
                    flex: 1,
                    m: 0,
                    p: 1,
                    overflow: 'auto',
                    maxHeight: 420,
                    fontSize: 12,
                    bgcolor: 'action.hover',
                    borderRadius: 1,
                  }}
                >
                  {chosen.text}
                </Box>
              </Box>
            </Stack>
          )}
          <ImportPicker cluster={cluster} />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button
          startIcon={<DownloadIcon />}
          disabled={files.length === 0}
          onClick={() => files.forEach(download)}
        >
          Download all
        </Button>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
