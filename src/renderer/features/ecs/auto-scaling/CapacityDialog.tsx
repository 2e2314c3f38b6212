import { Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useStowageMutation } from '../../../api';
import { FormDialog } from '../../../common/form/FormDialog';
import { capacityProblems, type CapacityForm } from './scaling-form';
import { useKeepAutoScaling } from './use-auto-scaling';

/** RegisterScalableTarget: the bounds auto scaling keeps the desired count within. */
export function CapacityDialog({
  cluster,
  service,
  initial,
  registered,
  onClose,
}: {
  cluster: string;
  service: string;
  initial: CapacityForm;
  /** Already a scalable target: this changes its bounds. */
  registered: boolean;
  onClose(): void;
}) {
  const [form, setForm] = useState<CapacityForm>(initial);
  const action = useStowageMutation();
  const keep = useKeepAutoScaling(cluster, service);
  const problems = capacityProblems(form);

  const save = async () => {
    const answer = await action.run((client) =>
      client.call('ecs.autoScaling.register', {
        cluster,
        service,
        minCapacity: Number(form.min),
        maxCapacity: Number(form.max),
      }),
    );
    if (answer.ok) {
      keep(answer.value);
      onClose();
    }
  };

  return (
    <FormDialog
      title={registered ? `Capacity of ${service}` : `Turn on auto scaling for ${service}`}
      onClose={onClose}
      onSubmit={save}
      submitLabel={registered ? 'Save' : 'Turn on'}
      mutation={action}
      disabled={Object.keys(problems).length > 0}
      problems={Object.values(problems)}
      errorTitle="Application Auto Scaling refused it"
      errorTestId="capacity-error"
    >
      <Typography variant="body2" color="text.secondary">
        Auto scaling keeps the service’s desired count between these bounds: a count outside them is
        moved inside at once, and no policy goes beyond them.
      </Typography>
      <Stack direction="row" sx={{ gap: 2 }}>
        <TextField
          label="Minimum tasks"
          type="number"
          autoFocus
          value={form.min}
          onChange={(event) => setForm({ ...form, min: event.target.value })}
          error={problems.min !== undefined}
          helperText={problems.min ?? 'Never scales in below.'}
          sx={{ flex: 1 }}
        />
        <TextField
          label="Maximum tasks"
          type="number"
          value={form.max}
          onChange={(event) => setForm({ ...form, max: event.target.value })}
          error={problems.max !== undefined}
          helperText={problems.max ?? 'Never scales out above.'}
          sx={{ flex: 1 }}
        />
      </Stack>
    </FormDialog>
  );
}
