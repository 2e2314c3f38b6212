import { Alert, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useStowageMutation } from '../../../api';
import { FormDialog } from '../../../common/form/FormDialog';
import { RepeatableRows } from '../../../common/form/RepeatableRows';
import { CooldownField, PolicyNameField } from '../common/ScalingFields';
import {
  stepScalingProblems,
  stepScalingRequest,
  stepScalingValid,
  type AdjustmentType,
  type StepRow,
  type StepScalingForm,
} from './scaling-form';
import { useKeepAutoScaling } from './use-auto-scaling';

const adjustmentLabels: Record<AdjustmentType, string> = {
  ChangeInCapacity: 'Add or remove tasks',
  PercentChangeInCapacity: 'Add or remove a percentage of tasks',
  ExactCapacity: 'Set the number of tasks',
};

/**
 * A step-scaling policy (PutScalingPolicy, StepScaling): how many tasks to add or remove for how
 * far the metric is past its alarm's threshold, each step an interval measured from it.
 */
export function StepScalingDialog({
  cluster,
  service,
  initial,
  editing,
  onClose,
}: {
  cluster: string;
  service: string;
  initial: StepScalingForm;
  editing: boolean;
  onClose(): void;
}) {
  const [form, setForm] = useState<StepScalingForm>(initial);
  const action = useStowageMutation();
  const keep = useKeepAutoScaling(cluster, service);
  const problems = stepScalingProblems(form);
  const set = (patch: Partial<StepScalingForm>) => setForm((current) => ({ ...current, ...patch }));
  const summary = [
    problems.policyName,
    problems.cooldown,
    problems.overall,
    ...problems.steps.map((problem, index) => problem && `Step ${index + 1}: ${problem}`),
  ].filter((problem): problem is string => problem !== undefined);

  const save = async () => {
    const answer = await action.run((client) =>
      client.call('ecs.autoScaling.putPolicy', {
        cluster,
        service,
        request: { ...stepScalingRequest(form) },
      }),
    );
    if (answer.ok) {
      keep(answer.value);
      onClose();
    }
  };

  return (
    <FormDialog
      title={editing ? `Policy ${form.policyName}` : 'Add a step-scaling policy'}
      onClose={onClose}
      onSubmit={save}
      submitLabel="Save policy"
      mutation={action}
      disabled={!stepScalingValid(form)}
      problems={summary}
      errorTitle="Application Auto Scaling refused the policy"
      errorTestId="step-scaling-error"
      maxWidth="md"
    >
      <PolicyNameField
        value={form.policyName}
        editing={editing}
        problem={problems.policyName}
        onChange={(policyName) => set({ policyName })}
      />
      <Stack direction="row" sx={{ gap: 2, flexWrap: 'wrap' }}>
        <TextField
          select
          label="Adjustment"
          value={form.adjustmentType}
          onChange={(event) => set({ adjustmentType: event.target.value as AdjustmentType })}
          sx={{ flex: '1 1 260px' }}
        >
          {Object.entries(adjustmentLabels).map(([type, label]) => (
            <MenuItem key={type} value={type}>
              {label}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          label="Metric aggregation"
          value={form.aggregation}
          onChange={(event) =>
            set({ aggregation: event.target.value as StepScalingForm['aggregation'] })
          }
          sx={{ flex: '0 1 180px' }}
        >
          <MenuItem value="Average">Average</MenuItem>
          <MenuItem value="Maximum">Maximum</MenuItem>
          <MenuItem value="Minimum">Minimum</MenuItem>
        </TextField>
        <CooldownField
          value={form.cooldown}
          problem={problems.cooldown}
          hint="Waits this long before the next step."
          onChange={(cooldown) => set({ cooldown })}
          sx={{ flex: '0 1 180px' }}
        />
      </Stack>
      <Typography variant="body2" color="text.secondary">
        Bounds are distances from the alarm’s threshold: 0 to 20 means from the threshold to 20
        above it. Leave a bound empty for no limit. Negative bounds, with negative adjustments,
        scale in.
      </Typography>
      <RepeatableRows<StepRow>
        title="Steps"
        rows={form.steps}
        onChange={(steps) => set({ steps })}
        newRow={() => ({ lower: form.steps.at(-1)?.upper ?? '', upper: '', adjustment: '1' })}
        addLabel="Add step"
        rowLabel={(index) => `step ${index + 1}`}
        max={20}
      >
        {(row, update, index) => (
          <>
            <TextField
              size="small"
              label={`Step ${index + 1} from`}
              value={row.lower}
              placeholder="−∞"
              onChange={(event) => update({ ...row, lower: event.target.value })}
              error={problems.steps[index] !== undefined}
              sx={{ flex: 1 }}
            />
            <TextField
              size="small"
              label="to"
              value={row.upper}
              placeholder="+∞"
              onChange={(event) => update({ ...row, upper: event.target.value })}
              error={problems.steps[index] !== undefined}
              sx={{ flex: 1 }}
            />
            <TextField
              size="small"
              label={form.adjustmentType === 'ExactCapacity' ? 'Tasks' : 'Change'}
              value={row.adjustment}
              onChange={(event) => update({ ...row, adjustment: event.target.value })}
              error={problems.steps[index] !== undefined}
              helperText={problems.steps[index]}
              sx={{ flex: 1 }}
            />
          </>
        )}
      </RepeatableRows>
      {problems.overall && <Alert severity="warning">{problems.overall}</Alert>}
    </FormDialog>
  );
}
