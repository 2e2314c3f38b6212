import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import {
  Box,
  Button,
  Checkbox,
  FormControlLabel,
  IconButton,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useState, type ReactNode } from 'react';
import { portProtocols, type PortMapping, type VolumeMount } from '../../../shared';
import { parseEnvFile } from './run-form';

type ErrorOf = (path: string) => string | undefined;

function RowsSection<T>({
  title,
  rows,
  onChange,
  blank,
  renderRow,
  extra,
}: {
  title: string;
  rows: readonly T[];
  onChange(rows: T[]): void;
  blank: T;
  renderRow(row: T, index: number, set: (change: Partial<T>) => void): ReactNode;
  extra?: ReactNode;
}) {
  return (
    <Box role="group" aria-label={title}>
      <Stack direction="row" sx={{ alignItems: 'center', gap: 1, mb: rows.length ? 1 : 0 }}>
        <Typography variant="subtitle2" sx={{ flex: 1 }}>
          {title}
        </Typography>
        {extra}
        <Button size="small" startIcon={<AddIcon />} onClick={() => onChange([...rows, blank])}>
          Add
        </Button>
      </Stack>
      <Stack sx={{ gap: 1 }}>
        {rows.map((row, index) => (
          <Stack key={index} direction="row" sx={{ gap: 1, alignItems: 'flex-start' }}>
            {renderRow(row, index, (change) =>
              onChange(rows.map((other, at) => (at === index ? { ...other, ...change } : other))),
            )}
            <IconButton
              aria-label={`Remove ${title.toLowerCase()} row ${index + 1}`}
              onClick={() => onChange(rows.filter((_, at) => at !== index))}
            >
              <DeleteIcon fontSize="small" />
            </IconButton>
          </Stack>
        ))}
      </Stack>
    </Box>
  );
}

const small = { size: 'small' } as const;
const helper = (message: string | undefined) => ({
  error: message !== undefined,
  helperText: message,
});

export function PortRows(props: {
  rows: PortMapping[];
  onChange(rows: PortMapping[]): void;
  error: ErrorOf;
}) {
  return (
    <RowsSection
      title="Ports"
      rows={props.rows}
      onChange={props.onChange}
      blank={{ containerPort: '', hostPort: '', hostIp: '', protocol: 'tcp' }}
      renderRow={(row, index, set) => (
        <>
          <TextField
            {...small}
            label="Host port"
            placeholder="not published"
            value={row.hostPort}
            onChange={(event) => set({ hostPort: event.target.value })}
            sx={{ flex: 1 }}
            {...helper(props.error(`ports.${index}.hostPort`))}
          />
          <TextField
            {...small}
            label="Container port"
            value={row.containerPort}
            onChange={(event) => set({ containerPort: event.target.value })}
            sx={{ flex: 1 }}
            {...helper(props.error(`ports.${index}.containerPort`))}
          />
          <TextField
            {...small}
            select
            label="Protocol"
            value={row.protocol}
            onChange={(event) => set({ protocol: event.target.value as PortMapping['protocol'] })}
            sx={{ width: 100 }}
          >
            {portProtocols.map((protocol) => (
              <MenuItem key={protocol} value={protocol}>
                {protocol}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            {...small}
            label="Host IP"
            placeholder="all addresses"
            value={row.hostIp}
            onChange={(event) => set({ hostIp: event.target.value })}
            sx={{ flex: 1 }}
            {...helper(props.error(`ports.${index}.hostIp`))}
          />
        </>
      )}
    />
  );
}

export function VolumeRows(props: {
  rows: VolumeMount[];
  onChange(rows: VolumeMount[]): void;
  error: ErrorOf;
}) {
  return (
    <RowsSection
      title="Volumes and bind mounts"
      rows={props.rows}
      onChange={props.onChange}
      blank={{ source: '', target: '', readOnly: false }}
      renderRow={(row, index, set) => (
        <>
          <TextField
            {...small}
            label="Host path or volume"
            placeholder="a new volume"
            value={row.source}
            onChange={(event) => set({ source: event.target.value })}
            sx={{ flex: 1 }}
            {...helper(props.error(`volumes.${index}.source`))}
          />
          <TextField
            {...small}
            label="Container path"
            value={row.target}
            onChange={(event) => set({ target: event.target.value })}
            sx={{ flex: 1 }}
            {...helper(props.error(`volumes.${index}.target`))}
          />
          <FormControlLabel
            label="Read-only"
            control={
              <Checkbox
                checked={row.readOnly}
                onChange={(event) => set({ readOnly: event.target.checked })}
              />
            }
          />
        </>
      )}
    />
  );
}

type Pair = { name: string; value: string };

function PairRows(props: {
  title: string;
  path: 'env' | 'labels';
  rows: Pair[];
  onChange(rows: Pair[]): void;
  error: ErrorOf;
  extra?: ReactNode;
}) {
  return (
    <RowsSection
      title={props.title}
      rows={props.rows}
      onChange={props.onChange}
      blank={{ name: '', value: '' }}
      extra={props.extra}
      renderRow={(row, index, set) => (
        <>
          <TextField
            {...small}
            label="Name"
            value={row.name}
            onChange={(event) => set({ name: event.target.value })}
            sx={{ flex: 1 }}
            {...helper(props.error(`${props.path}.${index}.name`))}
          />
          <TextField
            {...small}
            label="Value"
            value={row.value}
            onChange={(event) => set({ value: event.target.value })}
            sx={{ flex: 2 }}
          />
        </>
      )}
    />
  );
}

export function EnvRows(props: { rows: Pair[]; onChange(rows: Pair[]): void; error: ErrorOf }) {
  const [pasting, setPasting] = useState(false);
  const [text, setText] = useState('');
  return (
    <Box>
      <PairRows
        {...props}
        title="Environment"
        path="env"
        extra={
          <Button size="small" onClick={() => setPasting(!pasting)}>
            Paste .env
          </Button>
        }
      />
      {pasting && (
        <Stack direction="row" sx={{ gap: 1, mt: 1, alignItems: 'flex-start' }}>
          <TextField
            multiline
            minRows={3}
            label=".env contents"
            placeholder={'KEY=value\nOTHER=value'}
            value={text}
            onChange={(event) => setText(event.target.value)}
            sx={{ flex: 1 }}
            slotProps={{ htmlInput: { style: { fontFamily: 'monospace' } } }}
          />
          <Button
            variant="outlined"
            onClick={() => {
              props.onChange([...props.rows, ...parseEnvFile(text)]);
              setText('');
              setPasting(false);
            }}
          >
            Add variables
          </Button>
        </Stack>
      )}
    </Box>
  );
}

export function LabelRows(props: { rows: Pair[]; onChange(rows: Pair[]): void; error: ErrorOf }) {
  return <PairRows {...props} title="Labels" path="labels" />;
}
