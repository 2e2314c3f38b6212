import DeleteIcon from '@mui/icons-material/Delete';
import {
  Autocomplete,
  Checkbox,
  FormControlLabel,
  IconButton,
  MenuItem,
  Paper,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { RepeatableRows } from '../../../common/form/RepeatableRows';
import type {
  ContainerFields,
  EnvironmentFields,
  FieldProblems,
  PortMappingFields,
} from './task-definition-form';

/** One container definition of the form: name, image, sizes, command, ports, environment. */
export function ContainerEditor({
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
  /** ECS named this container in its refusal. */
  blamed: boolean;
  canRemove: boolean;
  onChange(patch: Partial<ContainerFields>): void;
  onRemove(): void;
}) {
  const at = `containers.${index}`;
  /** error and helperText for the field at `key`, or its hint when nothing is wrong. */
  const shown = (key: string, hint?: string) => ({
    error: problems[`${at}.${key}`] !== undefined,
    helperText: problems[`${at}.${key}`] ?? hint,
  });
  const numberField = (key: 'cpu' | 'memory' | 'memoryReservation', label: string) => (
    <TextField
      label={label}
      value={container[key]}
      onChange={(event) => onChange({ [key]: event.target.value })}
      {...shown(key, key === 'cpu' ? 'units' : 'MiB')}
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
          {...shown('name')}
          sx={{ flex: '1 1 160px' }}
        />
        <Autocomplete
          freeSolo
          options={imageNames}
          inputValue={container.image}
          onInputChange={(_event, image) => onChange({ image })}
          sx={{ flex: '2 1 260px' }}
          renderInput={(params) => (
            <TextField
              {...params}
              label="Image"
              {...shown('image', 'A local image, or any reference')}
            />
          )}
        />
      </Stack>
      <Stack direction="row" sx={{ gap: 2, flexWrap: 'wrap', mt: 2 }}>
        {numberField('cpu', 'CPU')}
        {numberField('memory', 'Memory (hard)')}
        {numberField('memoryReservation', 'Memory reservation')}
      </Stack>
      <Stack direction="row" sx={{ gap: 2, flexWrap: 'wrap', mt: 2 }}>
        <TextField
          label="Entry point"
          placeholder="the image's"
          value={container.entryPoint}
          onChange={(event) => onChange({ entryPoint: event.target.value })}
          {...shown('entryPoint', 'Words as a shell splits them')}
          slotProps={{ htmlInput: { spellCheck: false } }}
          sx={{ flex: '1 1 200px', '& input': { fontFamily: 'monospace' } }}
        />
        <TextField
          label="Command"
          placeholder="the image's"
          value={container.command}
          onChange={(event) => onChange({ command: event.target.value })}
          {...shown('command', 'sh -c "echo hello" gives three words')}
          slotProps={{ htmlInput: { spellCheck: false } }}
          sx={{ flex: '2 1 260px', '& input': { fontFamily: 'monospace' } }}
        />
      </Stack>
      <RepeatableRows
        title="Port mappings"
        rows={container.portMappings}
        onChange={(portMappings) => onChange({ portMappings })}
        newRow={(): PortMappingFields => ({ containerPort: '', hostPort: '', protocol: 'tcp' })}
        addLabel="Add port mapping"
        rowLabel={(row) => `port mapping ${row + 1}`}
      >
        {(mapping, update, row) => {
          const port = (key: 'containerPort' | 'hostPort') => shown(`portMappings.${row}.${key}`);
          return (
            <>
              <TextField
                size="small"
                label="Container port"
                value={mapping.containerPort}
                onChange={(event) => update({ ...mapping, containerPort: event.target.value })}
                {...port('containerPort')}
              />
              <TextField
                size="small"
                label="Host port"
                placeholder="dynamic"
                value={mapping.hostPort}
                onChange={(event) => update({ ...mapping, hostPort: event.target.value })}
                {...port('hostPort')}
              />
              <TextField
                select
                size="small"
                label="Protocol"
                value={mapping.protocol}
                onChange={(event) =>
                  update({ ...mapping, protocol: event.target.value as 'tcp' | 'udp' })
                }
                sx={{ width: 100 }}
              >
                <MenuItem value="tcp">tcp</MenuItem>
                <MenuItem value="udp">udp</MenuItem>
              </TextField>
            </>
          );
        }}
      </RepeatableRows>
      <RepeatableRows
        title="Environment"
        rows={container.environment}
        onChange={(environment) => onChange({ environment })}
        newRow={(): EnvironmentFields => ({ name: '', value: '' })}
        addLabel="Add variable"
        rowLabel={(row) => `variable ${row + 1}`}
      >
        {(variable, update) => (
          <>
            <TextField
              size="small"
              label="Name"
              value={variable.name}
              onChange={(event) => update({ ...variable, name: event.target.value })}
            />
            <TextField
              size="small"
              label="Value"
              value={variable.value}
              onChange={(event) => update({ ...variable, value: event.target.value })}
              sx={{ flex: 1 }}
            />
          </>
        )}
      </RepeatableRows>
    </Paper>
  );
}
