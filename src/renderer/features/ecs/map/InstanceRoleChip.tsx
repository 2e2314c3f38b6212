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
