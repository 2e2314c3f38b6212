import { TextField, type SxProps, type Theme } from '@mui/material';

/**
 * A scaling policy's name: fixed once the policy exists, since saving under another name would
 * add a policy rather than change this one.
 */
export function PolicyNameField({
  value,
  editing,
  problem,
  onChange,
}: {
  value: string;
  editing: boolean;
  problem: string | undefined;
  onChange(value: string): void;
}) {
  return (
    <TextField
      label="Policy name"
      value={value}
      disabled={editing}
      onChange={(event) => onChange(event.target.value)}
      error={problem !== undefined}
      helperText={problem ?? 'Saving under an existing name replaces that policy.'}
    />
  );
}

/** A cooldown in whole seconds, with what it waits for, or its problem, below. */
export function CooldownField({
  label = 'Cooldown (s)',
  value,
  problem,
  hint,
  onChange,
  sx,
}: {
  label?: string;
  value: string;
  problem: string | undefined;
  hint: string;
  onChange(value: string): void;
  sx?: SxProps<Theme>;
}) {
  return (
    <TextField
      label={label}
      type="number"
      value={value}
      onChange={(event) => onChange(event.target.value)}
      error={problem !== undefined}
      helperText={problem ?? hint}
      slotProps={{ htmlInput: { min: 0, step: 1 } }}
      {...(sx === undefined ? {} : { sx })}
    />
  );
}
