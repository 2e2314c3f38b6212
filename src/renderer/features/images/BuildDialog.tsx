import {
  Alert,
  Box,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  LinearProgress,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import type { BuildProgress, ImageBuildInput } from '../../../shared';
import { useStowageStream } from '../../api';
import { emptyBuildForm, readBuildForm, type BuildForm } from './build-form';
import { builtToast, useToast } from '../../common/toast';

const keptLogLines = 5_000;

/**
 * `docker build` of a folder: the folder, Dockerfile, tags, build args, target and no-cache;
 * then the step being run and the streamed log, cancellable; the new image opens when done.
 */
export function BuildDialog({
  open,
  onClose,
  onOpenImage,
}: {
  open: boolean;
  onClose(): void;
  onOpenImage(id: string): void;
}) {
  const [form, setForm] = useState<BuildForm>(emptyBuildForm);
  const [touched, setTouched] = useState(false);
  const [started, setStarted] = useState<ImageBuildInput | undefined>(undefined);
  const toast = useToast();
  const build = useStowageStream('images.build', started ?? { context: '' }, {
    enabled: started !== undefined,
    maxItems: keptLogLines,
    onDone: (result) => toast.show(builtToast(result)),
  });
  const read = readBuildForm(form);
  const errors = touched ? (read.errors ?? {}) : {};
  const running = started !== undefined && build.status === 'running';
  const set = (field: keyof BuildForm) => (value: string | boolean) =>
    setForm((current) => ({ ...current, [field]: value }));

  const start = () => {
    setTouched(true);
    if (!read.input || running) return;
    if (JSON.stringify(read.input) === JSON.stringify(started)) build.restart();
    else setStarted(read.input);
  };
  const close = () => {
    if (running) build.cancel();
    setStarted(undefined);
    setTouched(false);
    onClose();
  };
  const field = (name: 'context' | 'dockerfile' | 'tags' | 'target', hint: string) => ({
    value: form[name],
    onChange: (event: { target: { value: string } }) => set(name)(event.target.value),
    error: errors[name] !== undefined,
    helperText: errors[name] ?? hint,
    disabled: running,
    slotProps: { htmlInput: { 'aria-invalid': errors[name] !== undefined } },
  });

  return (
    <Dialog open={open} onClose={close} fullWidth maxWidth="md" aria-labelledby="build-title">
      <DialogTitle id="build-title">Build an image</DialogTitle>
      <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
        {/* At the top: the form and the log above it would push it below the fold. */}
        {build.status === 'done' && build.result && (
          <Alert
            severity="success"
            sx={{ mt: 1 }}
            data-testid="build-done"
            action={
              <Button
                color="inherit"
                size="small"
                onClick={() => {
                  const id = build.result?.id;
                  close();
                  if (id) onOpenImage(id);
                }}
              >
                Open image
              </Button>
            }
          >
            Built {build.result.id.slice(7, 19)}
            {build.result.tags.length > 0 && ` as ${build.result.tags.join(', ')}`}.
          </Alert>
        )}
        <TextField
          autoFocus
          label="Folder"
          placeholder="/home/me/app"
          sx={{ mt: 1 }}
          {...field(
            'context',
            'The build context: an absolute path on the machine Stowage runs on.',
          )}
        />
        <Stack direction={{ xs: 'column', sm: 'row' }} sx={{ gap: 2 }}>
          <TextField
            label="Dockerfile"
            sx={{ flex: 1 }}
            {...field('dockerfile', 'Relative to the folder.')}
          />
          <TextField
            label="Target stage"
            sx={{ flex: 1 }}
            {...field('target', 'Optional: a stage of a multi-stage build.')}
          />
        </Stack>
        <TextField
          label="Tags"
          placeholder="app:1.0 localhost:5000/team/app:1.0"
          {...field('tags', 'Names for the new image, separated by spaces or commas.')}
        />
        <TextField
          label="Build arguments"
          placeholder={'VERSION=1.0\nCOMMIT=abc123'}
          multiline
          minRows={2}
          maxRows={6}
          value={form.buildArgs}
          onChange={(event) => set('buildArgs')(event.target.value)}
          error={errors.buildArgs !== undefined}
          helperText={errors.buildArgs ?? 'One NAME=value per line, as --build-arg takes them.'}
          disabled={running}
          slotProps={{ htmlInput: { 'aria-invalid': errors.buildArgs !== undefined } }}
        />
        <FormControlLabel
          control={
            <Checkbox
              checked={form.noCache}
              onChange={(event) => set('noCache')(event.target.checked)}
              disabled={running}
            />
          }
          label="Do not use the cache"
        />
        {started !== undefined && <BuildLog items={build.items} running={running} />}
        {build.status === 'error' && build.error && (
          <Alert severity="error" data-testid="build-error" sx={{ whiteSpace: 'pre-wrap' }}>
            {build.error.message}
          </Alert>
        )}
        {build.status === 'cancelled' && <Alert severity="info">The build was cancelled.</Alert>}
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>{running ? 'Cancel build' : 'Close'}</Button>
        <Button variant="contained" disabled={running} onClick={start}>
          Build
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** The step being run and the log so far, kept scrolled to the newest line while it runs. */
function BuildLog({ items, running }: { items: readonly BuildProgress[]; running: boolean }) {
  const logRef = useRef<HTMLPreElement>(null);
  const step = [...items].reverse().find((item) => item.kind === 'step');
  const lines = items.flatMap((item) => (item.kind === 'log' ? [item.text] : []));
  useEffect(() => {
    const log = logRef.current;
    if (log && running) log.scrollTop = log.scrollHeight;
  }, [lines.length, running]);
  return (
    <Box data-testid="build-progress" aria-busy={running}>
      <Typography variant="subtitle2" data-testid="build-step" noWrap>
        {step ? `Step ${step.step} of ${step.total}: ${step.instruction}` : 'Sending the folder…'}
      </Typography>
      <LinearProgress
        variant={step ? 'determinate' : 'indeterminate'}
        value={step ? ((running ? step.step - 1 : step.step) / step.total) * 100 : 0}
        sx={{ my: 1 }}
        aria-label="Build progress"
      />
      <Box
        component="pre"
        ref={logRef}
        data-testid="build-log"
        tabIndex={0}
        aria-label="Build log"
        sx={{
          m: 0,
          p: 1,
          height: 240,
          overflow: 'auto',
          bgcolor: 'action.hover',
          borderRadius: 1,
          fontFamily: 'monospace',
          fontSize: 12,
          whiteSpace: 'pre-wrap',
          wordBreak: 'break-all',
        }}
      >
        {lines.join('\n')}
      </Box>
    </Box>
  );
}
