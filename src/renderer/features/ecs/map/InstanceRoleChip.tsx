import { Chip, Tooltip } from '@mui/material';

/** A container instance's IAM role, which its EC2 tasks get from instance metadata. */
export function InstanceRoleChip({ roleArn }: { roleArn: string | undefined }) {
  const name = roleArn?.slice(roleArn.lastIndexOf('/') + 1);
  const label = name ? `role: ${name}` : 'no instance role';
  return (
    <Tooltip title={roleArn ?? 'Launched without an instance role: IMDS serves no credentials.'}>
      <Chip size="small" variant="outlined" label={label} data-testid="instance-role" />
    </Tooltip>
  );
}

/** Shown when the instance's agent keeps its awsvpc tasks from instance metadata. */
export function BlockImdsChip({ blocked }: { blocked: boolean }) {
  if (!blocked) return null;
  return (
    <Tooltip title="ECS_AWSVPC_BLOCK_IMDS=true: awsvpc tasks on this instance cannot reach instance metadata (169.254.169.254) or the instance role; bridge tasks still can.">
      <Chip
        size="small"
        variant="outlined"
        label="IMDS blocked for awsvpc"
        data-testid="imds-blocked"
      />
    </Tooltip>
  );
}
