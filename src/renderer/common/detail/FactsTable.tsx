import { Table, TableBody, TableCell, TableRow } from '@mui/material';

/** Named facts, one per row; values keep their line breaks and wrap anywhere. */
export function FactsTable({ facts }: { facts: readonly (readonly [string, string])[] }) {
  return (
    <Table size="small">
      <TableBody>
        {facts.map(([name, value]) => (
          <TableRow key={name}>
            <TableCell component="th" sx={{ width: 140, fontWeight: 600, verticalAlign: 'top' }}>
              {name}
            </TableCell>
            <TableCell
              sx={{ fontFamily: 'monospace', whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}
            >
              {value}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** `key=value` lines, or a dash when there are none. */
export function keyValueLines(record: Record<string, string>): string {
  return (
    Object.entries(record)
      .map(([key, value]) => `${key}=${value}`)
      .join('\n') || '—'
  );
}
