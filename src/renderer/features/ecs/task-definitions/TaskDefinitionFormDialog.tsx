import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import {
  Autocomplete,
  Box,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Divider,
  FormControlLabel,
  FormGroup,
  IconButton,
  MenuItem,
  Paper,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useStowageQuery, useStowageMutation } from '../../../api';
import { MutationErrorAlert } from '../../../common/MutationErrorAlert';
import {
  containerNamedIn,
  emptyContainer,
  emptyTaskDefinition,
  networkModes,
  toRegisterRequest,
  type ContainerFields,
  type FieldProblems,
  type TaskDefinitionFields,
} from './task-definition-form';

/** Registers a task definition from a form; ECS's own checks and messages decide. */
export function TaskDefinitionFormDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const [fields, setFields] = useState<TaskDefinitionFields>(emptyTaskDefinition);
  const [problems, setProblems] = useState<FieldProblems>({});
  const action = useStowageMutation();
  const images = useStowageQuery('images.list', {}, { enabled: open, retry: false });
  const imageNames = (images.data ?? []).flatMap((image) => image.repoTags).sort();
  const blamed = action.error ? containerNamedIn(action.error.message, fields.containers) : -1;

  const set = (patch: Partial<TaskDefinitionFields>) => setFields((now) => ({ ...now, ...patch }));
  const setContainer = (index: number, patch: Partial<ContainerFields>) =>
    setFields((now) => ({
      ...now,
      containers: now.containers.map((container, at) =>
        at === index ? { ...container, ...patch } : container,
      ),
    }));
  const close = () => {
    setFields(emptyTaskDefinition());
    setProblems({});
    action.clear();
    onClose();
  };
  const register = async () => {
    const { request, problems: found } = toRegisterRequest(fields);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    const registered = await action.run((client) =>
      client.call('ecs.taskDefinitions.register', {
        definition: { ...request },
      }),
    );
    if (registered.ok) close();
  };

  return (
    <Dialog open={open} onClose={close} fullWidth maxWidth="md" aria-labelledby="td-form-title">
      <DialogTitle id="td-form-title">Register a task definition</DialogTitle>
      <DialogContent dividers>
        <Stack sx={{ gap: 2 }}>
          <Stack direction="row" sx={{ gap: 2, flexWrap: 'wrap' }}>
            <TextField
              autoFocus
              label="Family"
              value={fields.family}
              onChange={(event) => set({ family: event.target.value })}
              sx={{ flex: '1 1 200px' }}
            />
            <TextField
              select
              label="Network mode"
              value={fields.networkMode}
              onChange={(event) =>
                set({ networkMode: event.target.value as TaskDefinitionFields['networkMode'] })
              }
              sx={{ width: 160 }}
            >
              {networkModes.map((mode) => (
                <MenuItem key={mode} value={mode}>
                  {mode}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              label="Task CPU"
              placeholder="256 or 1 vCPU"
              value={fields.cpu}
              onChange={(event) => set({ cpu: event.target.value })}
              sx={{ width: 150 }}
            />
            <TextField
              label="Task memory"
              placeholder="512 or 2 GB"
              value={fields.memory}
              onChange={(event) => set({ memory: event.target.value })}
              sx={{ width: 150 }}
            />
          </Stack>
          <Stack direction="row" sx={{ gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
            <FormGroup row aria-label="Requires compatibilities">
              <FormControlLabel
                control={<Checkbox checked={fields.ec2} onChange={(_e, ec2) => set({ ec2 })} />}
                label="EC2"
              />
              <FormControlLabel
                control={
                  <Checkbox checked={fields.fargate} onChange={(_e, fargate) => set({ fargate })} />
                }
                label="Fargate"
              />
            </FormGroup>
            <TextField
              label="Task role ARN"
              placeholder="arn:aws:iam::000000000000:role/app"
              value={fields.taskRoleArn}
              onChange={(event) => set({ taskRoleArn: event.target.value })}
              sx={{ flex: '1 1 300px' }}
            />
          </Stack>
          <Divider />
          {fields.containers.map((container, index) => (
            <ContainerEditor
              key={index}
              index={index}
              container={container}
              imageNames={imageNames}
              problems={problems}
              blamed={blamed === index}
              canRemove={fields.containers.length > 1}
              onChange={(patch) => setContainer(index, patch)}
              onRemove={() =>
                set({ containers: fields.containers.filter((_, at) => at !== index) })
              }
            />
          ))}
          <Box>
            <Button
              startIcon={<AddIcon />}
              onClick={() => set({ containers: [...fields.containers, emptyContainer()] })}
            >
              Add container
            </Button>
          </Box>
          <MutationErrorAlert
            mutation={action}
            title="ECS refused the task definition"
            testId="td-form-error"
          />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>Cancel</Button>
        <Button variant="contained" disabled={action.busy} onClick={() => void register()}>
          Register
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function ContainerEditor({
  index,
  container,
  imageNames,
  problems,
  blamed,
  canRemove,
  onChange,
  onRemove,
}: {
  index: number;
  container: ContainerFields;
  imageNames: string[];
  problems: FieldProblems;
  blamed: boolean;
  canRemove: boolean;
  onChange(patch: Partial<ContainerFields>): void;
  onRemove(): void;
}) {
  const at = `containers.${index}`;
  const numberField = (key: 'cpu' | 'memory' | 'memoryReservation', label: string) => (
    <TextField
      label={label}
      value={container[key]}
      onChange={(event) => onChange({ [key]: event.target.value })}
      error={problems[`${at}.${key}`] !== undefined}
      helperText={problems[`${at}.${key}`] ?? (key === 'cpu' ? 'units' : 'MiB')}
      sx={{ width: key === 'memoryReservation' ? 190 : 150 }}
    />
  );
  return (
    <Paper
      variant="outlined"
      data-testid="container-editor"
      sx={{ p: 2, borderColor: blamed ? 'error.main' : undefined }}
      component="fieldset"
      aria-label={`Container ${index + 1}`}
    >
      <Stack direction="row" sx={{ alignItems: 'center', mb: 1.5 }}>
        <Typography variant="subtitle2" sx={{ flex: 1 }}>
          Container {index + 1}
        </Typography>
        <FormControlLabel
          control={
            <Checkbox
              checked={container.essential}
              onChange={(_e, essential) => onChange({ essential })}
            />
          }
          label="Essential"
        />
        {canRemove && (
          <IconButton aria-label={`Remove container ${index + 1}`} onClick={onRemove}>
            <DeleteIcon />
          </IconButton>
        )}
      </Stack>
      <Stack direction="row" sx={{ gap: 2, flexWrap: 'wrap' }}>
        <TextField
          label="Container name"
          value={container.name}
          onChange={(event) => onChange({ name: event.target.value })}
          sx={{ flex: '1 1 160px' }}
        />
        <Autocomplete
          freeSolo
          options={imageNames}
          inputValue={container.image}
          onInputChange={(_event, image) => onChange({ image })}
          sx={{ flex: '2 1 260px' }}
          renderInput={(params) => (
            <TextField {...params} label="Image" helperText="A local image, or any reference" />
          )}
        />
      </Stack>
      <Stack direction="row" sx={{ gap: 2, flexWrap: 'wrap', mt: 2 }}>
        {numberField('cpu', 'CPU')}
        {numberField('memory', 'Memory (hard)')}
        {numberField('memoryReservation', 'Memory reservation')}
      </Stack>
      <Typography variant="caption" color="text.secondary" sx={{ display: 'block', mt: 2 }}>
        Port mappings
      </Typography>
      {container.portMappings.map((mapping, portIndex) => {
        const path = `${at}.portMappings.${portIndex}`;
        const update = (patch: Partial<typeof mapping>) =>
          onChange({
            portMappings: container.portMappings.map((item, i) =>
              i === portIndex ? { ...item, ...patch } : item,
            ),
          });
        return (
          <Stack key={portIndex} direction="row" sx={{ gap: 1, mt: 1, alignItems: 'flex-start' }}>
            <TextField
              size="small"
              label="Container port"
              value={mapping.containerPort}
              onChange={(event) => update({ containerPort: event.target.value })}
              error={problems[`${path}.containerPort`] !== undefined}
              helperText={problems[`${path}.containerPort`]}
            />
            <TextField
              size="small"
              label="Host port"
              placeholder="dynamic"
              value={mapping.hostPort}
              onChange={(event) => update({ hostPort: event.target.value })}
              error={problems[`${path}.hostPort`] !== undefined}
              helperText={problems[`${path}.hostPort`]}
            />
            <TextField
              select
              size="small"
              label="Protocol"
              value={mapping.protocol}
              onChange={(event) => update({ protocol: event.target.value as 'tcp' | 'udp' })}
              sx={{ width: 100 }}
            >
              <MenuItem value="tcp">tcp</MenuItem>
              <MenuItem value="udp">udp</MenuItem>
            </TextField>
            <IconButton
              aria-label={`Remove port mapping ${portIndex + 1}`}
              onClick={() =>
                onChange({ portMappings: container.portMappings.filter((_, i) => i !== portIndex) })
              }
            >
              <DeleteIcon fontSize="small" />
            </IconButton>
          </Stack>
        );
      })}
      <Button
        size="small"
        startIcon={<AddIcon />}
        onClick={() =>
          onChange({
            portMappings: [
              ...container.portMappings,
              { containerPort: '', hostPort: '', protocol: 'tcp' },
            ],
          })
        }
      >
        Add port mapping
      </Button>
      <Typography variant="caption" color="text.secondary" sx={{ display: 'block', mt: 1 }}>
        Environment
      </Typography>
      {container.environment.map((variable, envIndex) => {
        const update = (patch: Partial<typeof variable>) =>
          onChange({
            environment: container.environment.map((item, i) =>
              i === envIndex ? { ...item, ...patch } : item,
            ),
          });
        return (
          <Stack key={envIndex} direction="row" sx={{ gap: 1, mt: 1 }}>
            <TextField
              size="small"
              label="Name"
              value={variable.name}
              onChange={(event) => update({ name: event.target.value })}
            />
            <TextField
              size="small"
              label="Value"
              value={variable.value}
              onChange={(event) => update({ value: event.target.value })}
              sx={{ flex: 1 }}
            />
            <IconButton
              aria-label={`Remove variable ${envIndex + 1}`}
              onClick={() =>
                onChange({ environment: container.environment.filter((_, i) => i !== envIndex) })
              }
            >
              <DeleteIcon fontSize="small" />
            </IconButton>
          </Stack>
        );
      })}
      <Button
        size="small"
        startIcon={<AddIcon />}
        onClick={() =>
          onChange({ environment: [...container.environment, { name: '', value: '' }] })
        }
      >
        Add variable
      </Button>
    </Paper>
  );
}
