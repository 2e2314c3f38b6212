import { Checkbox, FormControlLabel, Stack, TextField } from '@mui/material';
import { useState } from 'react';
import { gatewayProblem, networkNameSchema, parseIpv4Cidr, parseLabelLines } from '../../../shared';
import { useStowageMutation } from '../../api';
import { FormDialog } from '../../common/form/FormDialog';

export interface NetworkForm {
  name: string;
  subnet: string;
  gateway: string;
  labels: string;
}

/** The problem with each field of the form, by field; empty when it can be sent. */
export function networkFormProblems(form: NetworkForm): Partial<Record<keyof NetworkForm, string>> {
  const problems: Partial<Record<keyof NetworkForm, string>> = {};
  const name = networkNameSchema.safeParse(form.name).error?.issues[0]?.message;
  if (form.name !== '' && name) problems.name = name;
  const subnet = form.subnet.trim();
  const parsed = subnet === '' ? undefined : parseIpv4Cidr(subnet);
  if (parsed && 'problem' in parsed) problems.subnet = parsed.problem;
  const gateway = form.gateway.trim();
  if (gateway !== '') {
    const problem = gatewayProblem(gateway, subnet === '' ? undefined : subnet);
    if (problem) problems.gateway = problem;
  }
  const labels = parseLabelLines(form.labels);
  if ('problem' in labels) problems.labels = labels.problem;
  return problems;
}

const emptyForm: NetworkForm = { name: '', subnet: '', gateway: '', labels: '' };

/** A new bridge network, with an optional subnet and gateway checked as you type. */
export function CreateNetworkDialog({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose(): void;
  onCreated(id: string): void;
}) {
  const [form, setForm] = useState(emptyForm);
  const [internal, setInternal] = useState(false);
  const [attachable, setAttachable] = useState(true);
  const creation = useStowageMutation();
  // The engine's refusal of a taken name belongs at the name, not in the alert.
  const taken =
    creation.error?.code === 'CONFLICT' && /exists/.test(creation.error.message)
      ? creation.error.message
      : undefined;
  const problems = networkFormProblems(form);
  const nameProblem = problems.name ?? taken;
  const ready = form.name !== '' && Object.keys(problems).length === 0 && !taken;
  const field = (key: keyof NetworkForm) => ({
    value: form[key],
    onChange: (event: { target: { value: string } }) => {
      setForm({ ...form, [key]: event.target.value });
      if (key === 'name' && taken) creation.clear();
    },
  });

  const close = () => {
    setForm(emptyForm);
    setInternal(false);
    setAttachable(true);
    creation.clear();
    onClose();
  };
  const create = async () => {
    const labels = parseLabelLines(form.labels);
    if (!ready || !('labels' in labels)) return;
    const created = await creation.run((client) =>
      client.call('networks.create', {
        name: form.name,
        ...(form.subnet.trim() ? { subnet: form.subnet.trim() } : {}),
        ...(form.gateway.trim() ? { gateway: form.gateway.trim() } : {}),
        internal,
        attachable,
        labels: labels.labels,
      }),
    );
    if (!created.ok) return;
    onCreated(created.value.id);
    close();
  };

  return (
    <FormDialog
      open={open}
      title="Create a network"
      submitLabel="Create"
      mutation={creation}
      disabled={!ready}
      showError={!taken}
      onClose={close}
      onSubmit={create}
    >
      <TextField
        autoFocus
        label="Name"
        placeholder="app-net"
        {...field('name')}
        error={nameProblem !== undefined}
        helperText={nameProblem ?? 'A bridge network on this engine.'}
      />
      <Stack direction={{ xs: 'column', sm: 'row' }} sx={{ gap: 2 }}>
        <TextField
          label="Subnet"
          placeholder="10.10.0.0/24"
          {...field('subnet')}
          error={problems.subnet !== undefined}
          helperText={problems.subnet ?? 'IPv4 CIDR; the engine picks one when empty.'}
          sx={{ flex: 1 }}
        />
        <TextField
          label="Gateway"
          placeholder="10.10.0.1"
          {...field('gateway')}
          error={problems.gateway !== undefined}
          helperText={problems.gateway ?? 'Inside the subnet; optional.'}
          sx={{ flex: 1 }}
        />
      </Stack>
      <Stack direction="row" sx={{ gap: 2 }}>
        <FormControlLabel
          control={<Checkbox checked={internal} onChange={(_e, checked) => setInternal(checked)} />}
          label="Internal (no outside access)"
        />
        <FormControlLabel
          control={
            <Checkbox checked={attachable} onChange={(_e, checked) => setAttachable(checked)} />
          }
          label="Attachable"
        />
      </Stack>
      <TextField
        label="Labels"
        placeholder={'team=web'}
        multiline
        minRows={2}
        {...field('labels')}
        error={problems.labels !== undefined}
        helperText={problems.labels ?? 'One key=value a line; optional.'}
      />
    </FormDialog>
  );
}
