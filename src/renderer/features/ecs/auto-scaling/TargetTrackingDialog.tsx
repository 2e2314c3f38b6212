import { FormControlLabel, MenuItem, Stack, Switch, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useStowageMutation } from '../../../api';
import { FormDialog } from '../../../common/form/FormDialog';
import { CooldownField, PolicyNameField } from '../common/ScalingFields';
import {
  predefinedMetrics,
  targetTrackingProblems,
  targetTrackingRequest,
  type PredefinedMetric,
  type TargetTrackingForm,
} from './scaling-form';
import { useKeepAutoScaling } from './use-auto-scaling';

/**
 * A target-tracking policy (PutScalingPolicy, TargetTrackingScaling): auto scaling adds tasks
 * when the metric stays above the target value and removes them, slowly, when well below.
 */
export function TargetTrackingDialog({
  cluster,
  service,
  initial,
  editing,
  resourceLabel,
  demoTiming,
  onClose,
}: {
  cluster: string;
  service: string;
  initial: TargetTrackingForm;
  /** The policy's name is fixed when an existing policy is edited. */
  editing: boolean;
  /** Where ALBRequestCountPerTarget counts, when the service is behind a load balancer. */
  resourceLabel: string | undefined;
  demoTiming: boolean;
  onClose(): void;
}) {
  const [form, setForm] = useState<TargetTrackingForm>(initial);
  const action = useStowageMutation();
  const keep = useKeepAutoScaling(cluster, service);
  const problems = targetTrackingProblems(form, resourceLabel);
  const set = (patch: Partial<TargetTrackingForm>) =>
    setForm((current) => ({ ...current, ...patch }));
  const percent = predefinedMetrics.find((metric) => metric.type === form.metric)?.percent;

  const save = async () => {
    const answer = await action.run((client) =>
      client.call('ecs.autoScaling.putPolicy', {
        cluster,
        service,
        request: { ...targetTrackingRequest(form, resourceLabel) },
      }),
    );
    if (answer.ok) {
      keep(answer.value);
      onClose();
    }
  };

  return (
    <FormDialog
      title={editing ? `Policy ${form.policyName}` : 'Add a target-tracking policy'}
      onClose={onClose}
      onSubmit={save}
      submitLabel="Save policy"
      mutation={action}
      disabled={Object.keys(problems).length > 0}
      problems={Object.values(problems)}
      errorTitle="Application Auto Scaling refused the policy"
      errorTestId="target-tracking-error"
    >
      <PolicyNameField
        value={form.policyName}
        editing={editing}
        problem={problems.policyName}
        onChange={(policyName) => set({ policyName })}
      />
      <TextField
        select
        label="Metric"
        value={form.metric}
        onChange={(event) => set({ metric: event.target.value as PredefinedMetric })}
        error={problems.metric !== undefined}
        helperText={problems.metric ?? 'The service average auto scaling keeps at the target.'}
      >
        {predefinedMetrics.map((metric) => (
          <MenuItem key={metric.type} value={metric.type}>
            {metric.label}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        label={percent ? 'Target value (%)' : 'Target value (requests per target per minute)'}
        type="number"
        value={form.targetValue}
        onChange={(event) => set({ targetValue: event.target.value })}
        error={problems.targetValue !== undefined}
        helperText={
          problems.targetValue ??
          'Above it for 3 datapoints in a row: scales out in proportion. Below 90 % of it for 15: scales in, a little at a time.'
        }
      />
      <Stack direction="row" sx={{ gap: 2, flexWrap: 'wrap' }}>
        <CooldownField
          label="Scale-out cooldown (s)"
          value={form.scaleOutCooldown}
          problem={problems.scaleOutCooldown}
          hint="After scaling out, waits before scaling out more."
          onChange={(scaleOutCooldown) => set({ scaleOutCooldown })}
          sx={{ flex: '1 1 200px' }}
        />
        <CooldownField
          label="Scale-in cooldown (s)"
          value={form.scaleInCooldown}
          problem={problems.scaleInCooldown}
          hint="After scaling, waits before scaling in."
          onChange={(scaleInCooldown) => set({ scaleInCooldown })}
          sx={{ flex: '1 1 200px' }}
        />
      </Stack>
      {demoTiming && (
        <Typography variant="caption" color="text.secondary">
          Demo timing is on: cooldowns and the metric period are shortened, so these seconds pass
          faster than on AWS.
        </Typography>
      )}
      <FormControlLabel
        control={
          <Switch
            checked={form.disableScaleIn}
            onChange={(event) => set({ disableScaleIn: event.target.checked })}
          />
        }
        label="Disable scale-in: this policy only ever adds tasks"
      />
    </FormDialog>
  );
}
