import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  Skeleton,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { EngineChoice, EngineContext } from '../../../shared';
import { stowageQueryKey, useStowageMutation, useStowageQuery } from '../../api';
import { MutationErrorAlert } from '../../common/MutationErrorAlert';
import { QueryErrorAlert } from '../../common/QueryErrorAlert';

const choiceFor = (context: EngineContext): EngineChoice => ({ context: context.name });

function ContextState({ context }: { context: EngineContext }) {
  if (context.broken) {
    return (
      <Typography variant="body2" color="error" data-testid="engine-context-problem">
        Broken: {context.broken}
      </Typography>
    );
  }
  if (context.unreachable) {
    return (
      <Typography variant="body2" color="warning.main" data-testid="engine-context-problem">
        Not answering: {context.unreachable}
      </Typography>
    );
  }
  return context.description ? (
    <Typography variant="body2" color="text.secondary">
      {context.description}
    </Typography>
  ) : null;
}

/** The engines Stowage can use, the one in use marked, each with a way to switch to it. */
export function EngineContexts() {
  const queryClient = useQueryClient();
  const contexts = useStowageQuery('engine.contexts', {});
  const use = useStowageMutation();
  // Which button the switch under way came from: the context's name, or 'address'.
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const switching = use.busy ? chosen : undefined;
  const [address, setAddress] = useState('');

  const switchTo = async (key: string, choice: EngineChoice): Promise<boolean> => {
    setChosen(key);
    const switched = await use.run(async (client) => {
      // The status follows through the engine.status event, in order with the later ones.
      await client.call('engine.use', choice);
      await queryClient.invalidateQueries({ queryKey: stowageQueryKey('engine.contexts', {}) });
    });
    return switched.ok;
  };

  const switchToAddress = async (event: FormEvent) => {
    event.preventDefault();
    const host = address.trim();
    if (host && (await switchTo('address', { host }))) setAddress('');
  };

  return (
    <Card variant="outlined" component="section" aria-labelledby="engine-contexts-heading">
      <CardContent sx={{ display: 'flex', flexDirection: 'column', gap: 1.5 }}>
        <Typography id="engine-contexts-heading" variant="h6" component="h2">
          Engines
        </Typography>
        <Typography variant="body2" color="text.secondary">
          The docker contexts of this machine (as <code>docker context ls</code> lists them).
          Switching takes effect at once and is remembered; a DOCKER_HOST set when Stowage starts
          wins over the remembered choice, as it does for the docker CLI.
        </Typography>
        {contexts.data?.notices.map((notice) => (
          <Alert key={notice} severity="info" data-testid="engine-contexts-notice">
            {notice}
          </Alert>
        ))}
        <MutationErrorAlert mutation={use} testId="engine-use-error" />
        {contexts.error && (
          <QueryErrorAlert
            error={contexts.error}
            failedTo="list the docker contexts"
            refreshes="the list refreshes"
            testId="engine-contexts-error"
          />
        )}
        {contexts.isPending && !contexts.error && (
          <Skeleton variant="rounded" height={120} data-testid="engine-contexts-loading" />
        )}
        {contexts.data && (
          <Table
            size="small"
            aria-labelledby="engine-contexts-heading"
            data-testid="engine-contexts"
          >
            <TableHead>
              <TableRow>
                <TableCell>Name</TableCell>
                <TableCell>Endpoint</TableCell>
                <TableCell>About</TableCell>
                <TableCell align="right">Action</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {contexts.data.contexts.map((context) => (
                <TableRow
                  key={`${context.kind}:${context.name}`}
                  data-testid="engine-context"
                  data-name={context.name}
                  data-in-use={context.inUse}
                  selected={context.inUse}
                >
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                      <Typography
                        component="span"
                        sx={{ fontWeight: context.inUse ? 600 : undefined }}
                      >
                        {context.name}
                      </Typography>
                      {context.inUse && (
                        <Chip
                          size="small"
                          color="primary"
                          label="In use"
                          data-testid="engine-context-in-use"
                        />
                      )}
                      {context.current && (
                        <Chip size="small" variant="outlined" label="docker CLI’s current" />
                      )}
                    </Stack>
                  </TableCell>
                  <TableCell sx={{ overflowWrap: 'anywhere' }}>
                    <code>{context.host ?? '—'}</code>
                  </TableCell>
                  <TableCell>
                    <ContextState context={context} />
                  </TableCell>
                  <TableCell align="right">
                    <Button
                      size="small"
                      variant="outlined"
                      disabled={
                        context.inUse || context.broken !== undefined || switching !== undefined
                      }
                      onClick={() => void switchTo(context.name, choiceFor(context))}
                      aria-label={`Use ${context.name}`}
                    >
                      {switching === context.name ? 'Switching…' : 'Use'}
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        <Box
          component="form"
          onSubmit={(event) => void switchToAddress(event)}
          sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}
        >
          <TextField
            size="small"
            label="Or an engine address"
            placeholder="unix:///run/user/1000/podman/podman.sock"
            value={address}
            onChange={(event) => setAddress(event.target.value)}
            helperText="A Podman socket works too: unix://, tcp://, npipe:// or ssh://."
            sx={{ flex: 1 }}
          />
          <Button
            type="submit"
            variant="outlined"
            disabled={address.trim() === '' || switching !== undefined}
            sx={{ mt: 0.25 }}
          >
            {switching === 'address' ? 'Switching…' : 'Use address'}
          </Button>
        </Box>
      </CardContent>
    </Card>
  );
}
