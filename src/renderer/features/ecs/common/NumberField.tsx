import { TextField, type SxProps, type Theme } from '@mui/material';

export interface NumberFieldProps {
  label: string;
  /** As typed: the form checks it. */
  value: string;
  /** Shown instead of `help`, in the error colour. */
  problem: string | undefined;
  help: string;
  onChange(value: string): void;
  min?: number;
  max?: number;
  step?: number;
  disabled?: boolean;
  sx?: SxProps<Theme>;
}

/** A number typed into a form, with its range for the browser and its help or problem below. */
export function NumberField({
  label,
  value,
  problem,
  help,
  onChange,
  min,
  max,
  step,
  disabled,
  sx,
}: NumberFieldProps) {
  return (
    <TextField
      label={label}
      type="number"
      value={value}
      onChange={(event) => onChange(event.target.value)}
      error={problem !== undefined}
      helperText={problem ?? help}
      slotProps={{ htmlInput: { min, max, step } }}
      {...(disabled === undefined ? {} : { disabled })}
      {...(sx === undefined ? {} : { sx })}
    />
  );
}

/** A share of traffic in steps of 0.1 %, from `min` to 100. */
export function PercentField(props: Omit<NumberFieldProps, 'max' | 'step'> & { min: number }) {
  return <NumberField {...props} max={100} step={0.1} />;
}

/** A wait in whole minutes, 0 to 1440 (a day), as ECS takes bake times. */
export function MinutesField(props: Omit<NumberFieldProps, 'min' | 'max' | 'step'>) {
  return <NumberField {...props} min={0} max={1440} />;
}
