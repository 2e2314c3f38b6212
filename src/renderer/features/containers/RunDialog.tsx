import {
  Alert,
  Autocomplete,
  Box,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useMemo, useState } from 'react';
import { restartPolicies } from '../../../shared';
import { useStowageMutation, useStowageQuery } from '../../api';
import { MutationErrorAlert } from '../../common/MutationErrorAlert';
import { useToast } from '../../common/toast';
import { EnvRows, LabelRows, PortRows, VolumeRows } from './RunDialogRows';
import { checkForm, dockerRunCommand, type RunForm } from './run-form';

/**
 * The run dialog: every field of the spec, each checked with the contract's own schema, the
 * message next to the field, nothing sent until all are valid, and the `docker run` line.
 */
export function RunDialog({
  initial,
  onClose,
}: {
  /** What it opens with (a new key per opening starts it afresh). */
  initial: RunForm;
  onClose(ranId?: string): void;
}) {
  const images = useStowageQuery('images.list', {});
  const [form, setForm] = useState<RunForm>(initial);
  const [submitted, setSubmitted] = useState(false);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const launch = useStowageMutation();
  const toast = useToast();

  const check = useMemo(() => checkForm(form), [form]);
  const imageOptions = useMemo(
    () => [...new Set((images.data ?? []).flatMap((image) => image.repoTags))].sort(),
    [images.data],
  );
  const update = (change: Partial<RunForm>) => {
    setForm({ ...form, ...change });
    setTouched(new Set([...touched, ...Object.keys(change)]));
  };
  /** The message for a field, once the user has touched it or tried to run. */
  const error = (path: string) => {
    const root = path.split('.')[0] as string;
    const key = root === 'memoryBytes' ? 'memory' : root;
    return submitted || touched.has(key) ? check.errors.get(path) : undefined;
  };
  const field = (path: string) => {
    const message = error(path);
    return { error: message !== undefined, helperText: message };
  };

  const run = async () => {
    setSubmitted(true);
    if (!check.spec) return;
    const { spec } = check;
    const result = await launch.run((client) => client.call('containers.run', { spec }));
    if (!result.ok) return;
    const { id, name } = result.value;
    toast.show({
      message: `Container ${name} started`,
      link: { label: 'Logs', route: { page: 'containers', container: id, tab: 'logs' } },
    });
    onClose(id);
  };
  const invalidCount = check.errors.size;

  return (
    <Dialog open onClose={() => onClose()} aria-labelledby="run-title" fullWidth maxWidth="md">
      <DialogTitle id="run-title">Run a container</DialogTitle>
      <DialogContent dividers>
        <Stack sx={{ gap: 2 }}>
          <Stack direction="row" sx={{ gap: 2 }}>
            <Autocomplete
              freeSolo
              options={imageOptions}
              value={form.image}
              onInputChange={(_event, value) => update({ image: value })}
              sx={{ flex: 2 }}
              renderInput={(params) => (
                <TextField {...params} label="Image" required autoFocus {...field('image')} />
              )}
            />
            <TextField
              label="Name"
              value={form.name}
              onChange={(event) => update({ name: event.target.value })}
              placeholder="chosen by the engine"
              sx={{ flex: 1 }}
              {...field('name')}
            />
          </Stack>
          <Stack direction="row" sx={{ gap: 2 }}>
            <TextField
              label="Command"
              value={form.cmd}
              onChange={(event) => update({ cmd: event.target.value })}
              placeholder="the image's command"
              sx={{ flex: 2 }}
              slotProps={{ htmlInput: { style: { fontFamily: 'monospace' } } }}
              {...field('cmd')}
            />
            <TextField
              label="Entrypoint"
              value={form.entrypoint}
              onChange={(event) => update({ entrypoint: event.target.value })}
              placeholder="the image's entrypoint"
              sx={{ flex: 1 }}
              slotProps={{ htmlInput: { style: { fontFamily: 'monospace' } } }}
              {...field('entrypoint')}
            />
          </Stack>
          <PortRows rows={form.ports} onChange={(ports) => update({ ports })} error={error} />
          <VolumeRows
            rows={form.volumes}
            onChange={(volumes) => update({ volumes })}
            error={error}
          />
          <EnvRows rows={form.env} onChange={(env) => update({ env })} error={error} />
          <Stack direction="row" sx={{ gap: 2, flexWrap: 'wrap' }}>
            <TextField
              label="Network"
              value={form.network}
              onChange={(event) => update({ network: event.target.value })}
              placeholder="bridge"
              sx={{ width: 180 }}
              {...field('network')}
            />
            <TextField
              select
              label="Restart policy"
              value={form.restartPolicy}
              onChange={(event) =>
                update({ restartPolicy: event.target.value as RunForm['restartPolicy'] })
              }
              sx={{ width: 180 }}
              {...field('restartPolicy')}
            >
              {restartPolicies.map((policy) => (
                <MenuItem key={policy} value={policy}>
                  {policy}
                </MenuItem>
              ))}
            </TextField>
            {form.restartPolicy === 'on-failure' && (
              <TextField
                label="Max retries"
                value={form.maxRetries}
                onChange={(event) => update({ maxRetries: event.target.value })}
                sx={{ width: 120 }}
                {...field('maxRetries')}
              />
            )}
            <TextField
              label="CPUs"
              value={form.cpus}
              onChange={(event) => update({ cpus: event.target.value })}
              placeholder="no limit"
              sx={{ width: 120 }}
              {...field('cpus')}
            />
            <TextField
              label="Memory"
              value={form.memory}
              onChange={(event) => update({ memory: event.target.value })}
              placeholder="e.g. 512m"
              sx={{ width: 140 }}
              {...field('memoryBytes')}
            />
          </Stack>
          <LabelRows rows={form.labels} onChange={(labels) => update({ labels })} error={error} />
          <Stack direction="row" sx={{ gap: 2 }}>
            {(
              [
                ['autoRemove', 'Remove when it stops (--rm)'],
                ['interactive', 'Keep stdin open (-i)'],
                ['tty', 'Allocate a terminal (-t)'],
              ] as const
            ).map(([key, label]) => (
              <FormControlLabel
                key={key}
                label={label}
                control={
                  <Checkbox
                    checked={form[key]}
                    onChange={(event) => update({ [key]: event.target.checked })}
                  />
                }
              />
            ))}
          </Stack>
          <Box>
            <Typography variant="caption" color="text.secondary">
              The same with the docker CLI
            </Typography>
            <Box
              component="pre"
              data-testid="docker-run-command"
              sx={{
                m: 0,
                p: 1.5,
                borderRadius: 1,
                bgcolor: 'action.hover',
                fontFamily: 'monospace',
                fontSize: 13,
                whiteSpace: 'pre-wrap',
                wordBreak: 'break-all',
              }}
            >
              {dockerRunCommand(form)}
            </Box>
          </Box>
          <MutationErrorAlert mutation={launch} testId="run-error" />
          {submitted && invalidCount > 0 && (
            <Alert severity="warning" data-testid="run-invalid">
              {invalidCount === 1 ? 'One field needs' : `${invalidCount} fields need`} fixing before
              the container can run.
            </Alert>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={() => onClose()}>Cancel</Button>
        <Button variant="contained" disabled={launch.busy} onClick={() => void run()}>
          Run
        </Button>
      </DialogActions>
    </Dialog>
  );
}
