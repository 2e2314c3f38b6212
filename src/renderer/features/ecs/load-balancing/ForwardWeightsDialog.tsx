import { MenuItem, Slider, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import type { ElbListener, TargetGroupView } from '../../../../shared/contract/ecs-load-balancing';
import { useStowageMutation } from '../../../api';
import { FormDialog } from '../../../common/form/FormDialog';
import { forwardWeights, modifyListenerRequest } from './elb-form';

export interface WeightsForm {
  first: string;
  firstWeight: string;
  /** Empty: everything to the first group. */
  second: string;
  secondWeight: string;
}

const weightOk = (text: string) => {
  const value = Number(text);
  return text.trim() !== '' && Number.isInteger(value) && value >= 0 && value <= 999;
};

/** What ELB would refuse in weighted forwarding, by field. */
export function weightsProblems(form: WeightsForm): Partial<Record<keyof WeightsForm, string>> {
  const problems: Partial<Record<keyof WeightsForm, string>> = {};
  if (form.first === '') problems.first = 'Choose a target group.';
  if (!weightOk(form.firstWeight)) problems.firstWeight = 'A whole weight from 0 to 999.';
  if (form.second !== '') {
    if (form.second === form.first) problems.second = 'Choose another target group.';
    if (!weightOk(form.secondWeight)) problems.secondWeight = 'A whole weight from 0 to 999.';
    else if (
      weightOk(form.firstWeight) &&
      Number(form.firstWeight) + Number(form.secondWeight) === 0
    ) {
      problems.secondWeight = 'At least one group needs a weight above 0.';
    }
  } else if (weightOk(form.firstWeight) && Number(form.firstWeight) === 0) {
    problems.firstWeight = 'A single group needs a weight above 0.';
  }
  return problems;
}

function initialForm(listener: ElbListener): WeightsForm {
  const [first, second] = forwardWeights(listener);
  return {
    first: first?.targetGroupArn ?? '',
    firstWeight: String(first?.weight ?? 1),
    second: second?.targetGroupArn ?? '',
    secondWeight: String(second?.weight ?? 0),
  };
}

/**
 * ModifyListener's default action: forward to one target group, or split over two by weight
 * (each request goes to a group with the probability of its share of the weights).
 */
export function ForwardWeightsDialog({
  listener,
  targetGroups,
  onClose,
}: {
  listener: ElbListener;
  targetGroups: readonly TargetGroupView[];
  onClose(): void;
}) {
  const [form, setForm] = useState<WeightsForm>(() => initialForm(listener));
  const action = useStowageMutation();
  const problems = weightsProblems(form);
  const set = (patch: Partial<WeightsForm>) => setForm((current) => ({ ...current, ...patch }));
  const total = Number(form.firstWeight) + (form.second === '' ? 0 : Number(form.secondWeight));
  const share = (weight: string) =>
    total > 0 && weightOk(weight) ? Math.round((Number(weight) / total) * 100) : 0;
  const valid = Object.keys(problems).length === 0;

  const save = async () => {
    const weights = [
      { targetGroupArn: form.first, weight: Number(form.firstWeight) },
      ...(form.second === ''
        ? []
        : [{ targetGroupArn: form.second, weight: Number(form.secondWeight) }]),
    ];
    const answer = await action.run((client) =>
      client.call('ecs.listeners.modify', {
        request: { ...modifyListenerRequest(listener.ListenerArn ?? '', weights) },
      }),
    );
    if (answer.ok) onClose();
  };

  const groupOptions = targetGroups.map((group) => (
    <MenuItem key={group.targetGroup.TargetGroupArn} value={group.targetGroup.TargetGroupArn}>
      {group.targetGroup.TargetGroupName}
    </MenuItem>
  ));

  return (
    <FormDialog
      title={`Forwarding of port ${listener.Port ?? ''}`}
      onClose={onClose}
      onSubmit={save}
      submitLabel="Save forwarding"
      mutation={action}
      disabled={!valid}
      problems={Object.values(problems)}
      errorTitle="ELB refused the change"
      errorTestId="forward-weights-error"
    >
      <Typography variant="body2" color="text.secondary">
        With two groups each request goes to one of them in proportion to its weight: 90 and 10 send
        about one request in ten to the second group, as a canary.
      </Typography>
      <Stack direction="row" sx={{ gap: 2 }}>
        <TextField
          select
          label="Target group"
          value={form.first}
          onChange={(event) => set({ first: event.target.value })}
          error={problems.first !== undefined}
          helperText={problems.first ?? ' '}
          sx={{ flex: 1 }}
        >
          {groupOptions}
        </TextField>
        <TextField
          label="Weight"
          type="number"
          value={form.firstWeight}
          onChange={(event) => set({ firstWeight: event.target.value })}
          error={problems.firstWeight !== undefined}
          helperText={problems.firstWeight ?? `${share(form.firstWeight)} % of requests`}
          sx={{ width: 160 }}
        />
      </Stack>
      <Stack direction="row" sx={{ gap: 2 }}>
        <TextField
          select
          label="Second target group"
          value={form.second}
          onChange={(event) => set({ second: event.target.value })}
          error={problems.second !== undefined}
          helperText={problems.second ?? 'Optional: none sends everything to the first.'}
          sx={{ flex: 1 }}
        >
          <MenuItem value="">None</MenuItem>
          {groupOptions}
        </TextField>
        <TextField
          label="Second weight"
          type="number"
          value={form.secondWeight}
          disabled={form.second === ''}
          onChange={(event) => set({ secondWeight: event.target.value })}
          error={problems.secondWeight !== undefined}
          helperText={
            problems.secondWeight ??
            (form.second === '' ? ' ' : `${share(form.secondWeight)} % of requests`)
          }
          sx={{ width: 160 }}
        />
      </Stack>
      {form.second !== '' && (
        <Stack sx={{ px: 1 }}>
          <Typography variant="caption" id="split-label">
            Split: drag to move traffic from the first group to the second
          </Typography>
          <Slider
            aria-labelledby="split-label"
            value={share(form.secondWeight)}
            step={5}
            min={0}
            max={100}
            valueLabelDisplay="auto"
            valueLabelFormat={(value) => `${value} % to the second`}
            onChange={(_event, value) => {
              const second = Array.isArray(value) ? (value[0] ?? 0) : value;
              set({ firstWeight: String(100 - second), secondWeight: String(second) });
            }}
          />
        </Stack>
      )}
    </FormDialog>
  );
}
