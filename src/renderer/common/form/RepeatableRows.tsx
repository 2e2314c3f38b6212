import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import { Box, Button, IconButton, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';

/**
 * A list of like rows a form edits (strategies, port mappings, variables): a title, each row
 * with its remove button, and an add button that stops at `max`. The caller draws one row's
 * fields and says what a new row holds.
 */
export function RepeatableRows<Row>({
  title,
  rows,
  onChange,
  newRow,
  addLabel,
  rowLabel,
  max,
  children,
}: {
  title: string;
  rows: readonly Row[];
  onChange(next: Row[]): void;
  newRow(): Row;
  addLabel: string;
  /** Names row `index` for its remove button: "strategy 2" gives "Remove strategy 2". */
  rowLabel(index: number): string;
  max?: number;
  /** One row's fields; `update` replaces the row. */
  children(row: Row, update: (next: Row) => void, index: number): ReactNode;
}) {
  return (
    <Box>
      <Typography variant="subtitle2" sx={{ mt: 1 }}>
        {title}
      </Typography>
      {rows.map((row, index) => (
        <Stack key={index} direction="row" sx={{ gap: 1, mt: 1, alignItems: 'flex-start' }}>
          {children(
            row,
            (next) => onChange(rows.map((item, at) => (at === index ? next : item))),
            index,
          )}
          <IconButton
            aria-label={`Remove ${rowLabel(index)}`}
            onClick={() => onChange(rows.filter((_, at) => at !== index))}
          >
            <DeleteIcon fontSize="small" />
          </IconButton>
        </Stack>
      ))}
      <Button
        size="small"
        startIcon={<AddIcon />}
        disabled={max !== undefined && rows.length >= max}
        onClick={() => onChange([...rows, newRow()])}
      >
        {addLabel}
      </Button>
    </Box>
  );
}
