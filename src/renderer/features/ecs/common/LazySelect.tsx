import { MenuItem, TextField } from '@mui/material';
import { useState } from 'react';

export interface SelectOption {
  value: string;
  label: string;
}

/**
 * A select whose menu items are made only while its menu is open: a service can have a
 * thousand tasks, and building their items on every change of the cluster would hold up the
 * page. Closed, it holds just the chosen item, which is what it shows.
 */
export function LazySelect({
  label,
  value,
  valueLabel,
  options,
  onChange,
  minWidth = 220,
}: {
  label: string;
  value: string;
  /** What the closed select shows for `value`. */
  valueLabel: string;
  /** Called only when the menu opens. */
  options(): readonly SelectOption[];
  onChange(value: string): void;
  minWidth?: number;
}) {
  const [open, setOpen] = useState(false);
  const items = open ? options() : [{ value, label: valueLabel }];
  return (
    <TextField
      select
      size="small"
      label={label}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      slotProps={{
        select: { open, onOpen: () => setOpen(true), onClose: () => setOpen(false) },
      }}
      sx={{ minWidth }}
    >
      {items.map((item) => (
        <MenuItem key={item.value} value={item.value}>
          {item.label}
        </MenuItem>
      ))}
    </TextField>
  );
}
