import { Checkbox, FormControlLabel, MenuItem, TextField } from '@mui/material';
import { useState } from 'react';
import type { EcsStatus } from '../../../../shared';
import { useStowageMutation } from '../../../api';
import { formatMemory } from '../../../common/format';
import { FormDialog } from '../../../common/form/FormDialog';

/** Launches simulated EC2 instances of a type into a zone, registered with the cluster. */
export function AddInstancesDialog({
  cluster,
  status,
  open,
  onClose,
}: {
  cluster: string;
  status: EcsStatus;
  open: boolean;
  onClose(): void;
}) {
  const [instanceType, setInstanceType] = useState('m5.large');
  const [count, setCount] = useState('1');
  const [availabilityZone, setZone] = useState(status.availabilityZones[0] ?? '');
  const [instanceRoleArn, setInstanceRole] = useState('');
  const [awsvpcBlockImds, setBlockImds] = useState(false);
  const action = useStowageMutation();
  const countValue = Number(count);
  const countProblem =
    Number.isInteger(countValue) && countValue >= 1 && countValue <= 20
      ? undefined
      : 'From 1 to 20 instances.';
  const close = () => {
    action.clear();
    onClose();
  };
  const launch = async () => {
    const launched = await action.run((client) =>
      client.call('ecs.instances.launch', {
        cluster,
        instanceType,
        count: countValue,
        availabilityZone,
        ...(instanceRoleArn.trim() ? { instanceRoleArn: instanceRoleArn.trim() } : {}),
        ...(awsvpcBlockImds ? { awsvpcBlockImds } : {}),
      }),
    );
    if (launched.ok) close();
  };
  return (
    <FormDialog
      open={open}
      title={`Add container instances to ${cluster}`}
      submitLabel="Add"
      mutation={action}
      disabled={countProblem !== undefined}
      onClose={close}
      onSubmit={launch}
    >
      <TextField
        select
        label="Instance type"
        value={instanceType}
        onChange={(event) => setInstanceType(event.target.value)}
      >
        {status.instanceTypes.map((type) => (
          <MenuItem key={type.name} value={type.name}>
            {type.name}: {type.vcpu} vCPU, {type.memoryGiB} GiB (registers {type.cpu} CPU,{' '}
            {formatMemory(type.memory * 1024 * 1024)})
          </MenuItem>
        ))}
      </TextField>
      <TextField
        label="Count"
        type="number"
        value={count}
        onChange={(event) => setCount(event.target.value)}
        error={countProblem !== undefined}
        helperText={countProblem ?? 'Each instance starts with a connected ECS agent.'}
        slotProps={{ htmlInput: { min: 1, max: 20 } }}
      />
      <TextField
        select
        label="Availability zone"
        value={availabilityZone}
        onChange={(event) => setZone(event.target.value)}
      >
        {status.availabilityZones.map((zone) => (
          <MenuItem key={zone} value={zone}>
            {zone}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        label="Instance role ARN (optional)"
        value={instanceRoleArn}
        onChange={(event) => setInstanceRole(event.target.value)}
        helperText="Tasks on these instances get it from instance metadata (169.254.169.254)."
        placeholder="arn:aws:iam::000000000000:role/ecsInstanceRole"
      />
      <FormControlLabel
        control={
          <Checkbox
            checked={awsvpcBlockImds}
            onChange={(event) => setBlockImds(event.target.checked)}
          />
        }
        label="Block instance metadata for awsvpc tasks (the agent's ECS_AWSVPC_BLOCK_IMDS)"
      />
    </FormDialog>
  );
}
