import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import RadioButtonUncheckedIcon from '@mui/icons-material/RadioButtonUnchecked';
import {
  Alert,
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  List,
  ListItem,
  ListItemIcon,
  ListItemText,
} from '@mui/material';
import { useState } from 'react';
import { useStowageClient, useStowageQuery } from '../../../api';
import { QueryErrorAlert } from '../../../common/QueryErrorAlert';
import {
  initialProgress,
  previewLines,
  stepTitles,
  tearDownCluster,
  teardownSteps,
  type StepState,
  type TeardownProgress,
} from './teardown';

type Phase = 'preview' | 'running' | 'done' | 'failed';

/** How often a step looks again at what is still going, and for how long at most. */
const pollMs = 500;
const maxPolls = 240;

const stepIcons: Record<StepState, React.ReactNode> = {
  waiting: <RadioButtonUncheckedIcon fontSize="small" color="disabled" />,
  running: <CircularProgress size={18} aria-label="in progress" />,
  done: <CheckCircleIcon fontSize="small" color="success" />,
  failed: <ErrorIcon fontSize="small" color="error" />,
};

/**
 * "Delete cluster and everything in it": what goes, then each step as it happens, so a demo is
 * torn down in one go and nothing of it stays on the engine.
 */
export function DeleteClusterDialog({ cluster, onClose }: { cluster: string; onClose(): void }) {
  const client = useStowageClient();
  const [phase, setPhase] = useState<Phase>('preview');
  const [progress, setProgress] = useState<TeardownProgress>(initialProgress);
  const contents = useStowageQuery(
    'ecs.clusters.contents',
    { cluster },
    { enabled: phase === 'preview' },
  );
  const lines = contents.data ? previewLines(contents.data) : [];

  const start = async () => {
    setPhase('running');
    try {
      await tearDownCluster({
        cluster,
        client,
        onProgress: (step, report) => setProgress((before) => ({ ...before, [step]: report })),
        pause: () => new Promise((resolve) => setTimeout(resolve, pollMs)),
        maxPolls,
      });
      setPhase('done');
    } catch {
      setPhase('failed');
    }
  };

  return (
    <Dialog
      open
      onClose={phase === 'running' ? undefined : onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby="delete-cluster-title"
      data-testid="delete-cluster-dialog"
    >
      <DialogTitle id="delete-cluster-title">Delete {cluster} and everything in it?</DialogTitle>
      <DialogContent>
        {phase === 'preview' && (
          <>
            {contents.error && (
              <QueryErrorAlert
                error={contents.error}
                failedTo="read what the cluster holds"
                refreshes="this dialog refreshes"
                testId="delete-cluster-error"
              />
            )}
            {contents.data && (
              <>
                <DialogContentText>
                  {lines.length === 0
                    ? 'The cluster is empty: only the cluster goes.'
                    : 'These go with the cluster. Services are deleted with force first; tasks are stopped as ECS stops them (SIGTERM, then SIGKILL after their stop timeout); nothing is left on the Docker engine.'}
                </DialogContentText>
                <List dense data-testid="delete-cluster-preview">
                  {lines.map((line) => (
                    <ListItem key={line} disableGutters>
                      <ListItemText primary={line} />
                    </ListItem>
                  ))}
                </List>
              </>
            )}
            {!contents.data && !contents.error && <CircularProgress size={24} />}
          </>
        )}
        {phase !== 'preview' && (
          <List dense data-testid="delete-cluster-progress" aria-live="polite">
            {teardownSteps.map((step) => (
              <ListItem
                key={step}
                disableGutters
                data-step={step}
                data-state={progress[step].state}
              >
                <ListItemIcon sx={{ minWidth: 32 }}>{stepIcons[progress[step].state]}</ListItemIcon>
                <ListItemText
                  primary={stepTitles[step]}
                  secondary={progress[step].detail}
                  slotProps={{
                    secondary: {
                      color: progress[step].state === 'failed' ? 'error' : 'textSecondary',
                    },
                  }}
                />
              </ListItem>
            ))}
          </List>
        )}
        {phase === 'done' && (
          <Alert severity="success" data-testid="delete-cluster-done">
            {cluster} is deleted, and its containers and network are gone from the engine.
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        {phase === 'preview' ? (
          <>
            <Button onClick={onClose} autoFocus>
              Cancel
            </Button>
            <Button
              color="error"
              variant="contained"
              disabled={!contents.data}
              onClick={() => void start()}
            >
              Delete everything
            </Button>
          </>
        ) : (
          <Button onClick={onClose} disabled={phase === 'running'}>
            Close
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
