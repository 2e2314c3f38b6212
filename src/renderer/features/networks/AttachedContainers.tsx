import LinkOffIcon from '@mui/icons-material/LinkOff';
import {
  Autocomplete,
  Box,
  Button,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { containerRefInputSchema, parseIpv4, type NetworkDetail } from '../../../shared';
import { useStowageMutation } from '../../api';
import { MutationErrorAlert } from '../../common/MutationErrorAlert';

/** The containers on a network, each with Disconnect, and a form to connect another. */
export function AttachedContainers({
  detail,
  candidates,
  onChanged,
}: {
  detail: NetworkDetail;
  /** Containers not on this network yet, by name. */
  candidates: readonly string[];
  onChanged(): void;
}) {
  const [container, setContainer] = useState('');
  const [address, setAddress] = useState('');
  const change = useStowageMutation();
  // The container the last disconnect was for: forcing it may help when it fails.
  const [disconnecting, setDisconnecting] = useState<string | undefined>(undefined);
  const busy = change.busy;
  const containerProblem =
    container === ''
      ? undefined
      : containerRefInputSchema.safeParse(container).error?.issues[0]?.message;
  const addressProblem =
    address.trim() === '' || parseIpv4(address.trim()) !== undefined
      ? undefined
      : 'Not an IPv4 address, e.g. 10.10.0.5.';
  const canConnect = container !== '' && !containerProblem && !addressProblem && !busy;

  const connect = async () => {
    if (!canConnect) return;
    const ipv4Address = address.trim();
    setDisconnecting(undefined);
    const done = await change.run((client) =>
      client.call('networks.connect', {
        network: detail.id,
        container,
        ...(ipv4Address ? { ipv4Address } : {}),
      }),
    );
    if (!done.ok) return;
    onChanged();
    setContainer('');
    setAddress('');
  };
  const disconnect = async (name: string, force: boolean) => {
    setDisconnecting(name);
    const done = await change.run((client) =>
      client.call('networks.disconnect', { network: detail.id, container: name, force }),
    );
    if (done.ok) onChanged();
  };

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2, p: 2 }}>
      <Box
        component="form"
        aria-label="Connect a container"
        onSubmit={(event) => {
          event.preventDefault();
          void connect();
        }}
        sx={{ display: 'flex', gap: 1, alignItems: 'flex-start', flexWrap: 'wrap' }}
      >
        <Autocomplete
          freeSolo
          options={candidates}
          inputValue={container}
          onInputChange={(_event, value) => setContainer(value.trim())}
          sx={{ flex: 1, minWidth: 240 }}
          renderInput={(params) => (
            <TextField
              {...params}
              size="small"
              label="Container"
              error={containerProblem !== undefined}
              helperText={containerProblem ?? 'A name or id; pick one or type it.'}
            />
          )}
        />
        <TextField
          size="small"
          label="IPv4 address"
          value={address}
          onChange={(event) => setAddress(event.target.value)}
          error={addressProblem !== undefined}
          helperText={addressProblem ?? 'Optional.'}
          sx={{ width: 200 }}
        />
        <Button type="submit" variant="contained" disabled={!canConnect} sx={{ mt: 0.25 }}>
          Connect
        </Button>
      </Box>
      <MutationErrorAlert
        mutation={change}
        testId="attach-error"
        action={
          disconnecting !== undefined ? (
            <Button
              color="inherit"
              size="small"
              onClick={() => void disconnect(disconnecting, true)}
            >
              Force disconnect
            </Button>
          ) : undefined
        }
      />
      {detail.containers.length === 0 ? (
        <Typography color="text.secondary" data-testid="attached-empty">
          No container is attached. Connect one above, or start one with{' '}
          <Box component="code">--network {detail.name}</Box>.
        </Typography>
      ) : (
        <Table size="small" aria-label="Attached containers">
          <TableHead>
            <TableRow>
              <TableCell sx={{ fontWeight: 600 }}>Container</TableCell>
              <TableCell sx={{ fontWeight: 600, width: 120 }}>State</TableCell>
              <TableCell sx={{ fontWeight: 600, width: 160 }}>IPv4</TableCell>
              <TableCell sx={{ width: 150 }} />
            </TableRow>
          </TableHead>
          <TableBody>
            {detail.containers.map((attached) => (
              <TableRow key={attached.id} data-testid="attached-row" data-container={attached.name}>
                <TableCell>{attached.name}</TableCell>
                <TableCell>{attached.state}</TableCell>
                <TableCell sx={{ fontFamily: 'monospace' }}>{attached.ipv4 || '—'}</TableCell>
                <TableCell align="right">
                  <Button
                    size="small"
                    startIcon={<LinkOffIcon />}
                    disabled={busy}
                    onClick={() => void disconnect(attached.name, false)}
                    aria-label={`Disconnect ${attached.name}`}
                  >
                    Disconnect
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}
