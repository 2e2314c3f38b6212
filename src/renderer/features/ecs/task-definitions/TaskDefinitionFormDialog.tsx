import AddIcon from '@mui/icons-material/Add';
import {
  Box,
  Button,
  Checkbox,
  Divider,
  FormControlLabel,
  FormGroup,
  MenuItem,
  Stack,
  TextField,
} from '@mui/material';
import { useState } from 'react';
import { useStowageMutation, useStowageQuery } from '../../../api';
import { FormDialog } from '../../../common/form/FormDialog';
import { ContainerEditor } from './ContainerEditor';
import {
  containerNamedIn,
  emptyContainer,
  emptyTaskDefinition,
  fieldLabel,
  missingFields,
  networkModes,
  refusedField,
  toRegisterRequest,
  withFargate,
  type ContainerFields,
  type FieldProblems,
  type NetworkModeChoice,
  type TaskDefinitionFields,
} from './task-definition-form';

/**
 * Registers a task definition from a form. What the form can tell (numbers, quotes, Fargate's
 * network mode) shows at its field at once, missing names once Register is pressed; ECS
 * judges the rest, and its refusal shows at the field it is about as well as above the actions.
 */
export function TaskDefinitionFormDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const [fields, setFields] = useState<TaskDefinitionFields>(emptyTaskDefinition);
  const [attempted, setAttempted] = useState(false);
  // The mode Fargate replaced, said under the field until the user picks one.
  const [switchedFrom, setSwitchedFrom] = useState<NetworkModeChoice | undefined>(undefined);
  const action = useStowageMutation();
  const images = useStowageQuery('images.list', {}, { enabled: open, retry: false });
  const imageNames = (images.data ?? []).flatMap((image) => image.repoTags).sort();

  const { request, problems: formProblems } = toRegisterRequest(fields);
  const blocking: FieldProblems = { ...missingFields(fields), ...formProblems };
  const refusal = action.error?.message;
  const refused = refusal === undefined ? undefined : refusedField(refusal, fields);
  const problems: FieldProblems = {
    ...(refused !== undefined && refusal !== undefined ? { [refused]: refusal } : {}),
    ...(attempted ? blocking : formProblems),
  };
  const summary = attempted
    ? Object.entries(blocking).map(([path, problem]) => `${fieldLabel(path)}: ${problem}`)
    : [];
  const blamed = refusal === undefined ? -1 : containerNamedIn(refusal, fields.containers);

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
    setAttempted(false);
    setSwitchedFrom(undefined);
    action.clear();
    onClose();
  };
  const register = async () => {
    setAttempted(true);
    if (Object.keys(blocking).length > 0) return;
    const registered = await action.run((client) =>
      client.call('ecs.taskDefinitions.register', { definition: { ...request } }),
    );
    if (registered.ok) close();
  };
  const shown = (path: string, hint?: string) => ({
    error: problems[path] !== undefined,
    helperText: problems[path] ?? hint,
  });
  const fargateHint = fields.fargate ? 'Fargate needs it' : undefined;

  return (
    <FormDialog
      open={open}
      title="Register a task definition"
      submitLabel="Register"
      mutation={action}
      problems={summary}
      maxWidth="md"
      dividers
      errorTitle="ECS refused the task definition"
      errorTestId="td-form-error"
      onClose={close}
      onSubmit={register}
    >
      <Stack direction="row" sx={{ gap: 2, flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <TextField
          autoFocus
          label="Family"
          value={fields.family}
          onChange={(event) => set({ family: event.target.value })}
          {...shown('family')}
          sx={{ flex: '1 1 200px' }}
        />
        <TextField
          select
          label="Network mode"
          value={fields.networkMode}
          onChange={(event) => {
            setSwitchedFrom(undefined);
            set({ networkMode: event.target.value as NetworkModeChoice });
          }}
          {...shown(
            'networkMode',
            switchedFrom ? `Was ${switchedFrom}: Fargate runs awsvpc only.` : undefined,
          )}
          slotProps={{ formHelperText: { role: 'status' } }}
          sx={{ width: 200 }}
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
          {...shown('cpu', fargateHint)}
          sx={{ width: 150 }}
        />
        <TextField
          label="Task memory"
          placeholder="512 or 2 GB"
          value={fields.memory}
          onChange={(event) => set({ memory: event.target.value })}
          {...shown('memory', fargateHint)}
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
              <Checkbox
                checked={fields.fargate}
                onChange={(_e, fargate) => {
                  const next = withFargate(fields, fargate);
                  setFields(next.fields);
                  setSwitchedFrom(next.switchedFrom);
                }}
              />
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
          onRemove={() => set({ containers: fields.containers.filter((_, at) => at !== index) })}
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
    </FormDialog>
  );
}
