import ApiIcon from '@mui/icons-material/Api';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  FormControlLabel,
  IconButton,
  Stack,
  Switch,
  TextField,
  Tooltip,
  Typography,
} from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { CallOutput } from '../../../../shared';
import { stowageQueryKey, useStowageQuery, useStowageMutation } from '../../../api';
import { MutationErrorAlert } from '../../../common/MutationErrorAlert';
import { QueryErrorAlert } from '../../../common/QueryErrorAlert';

type EndpointStatus = CallOutput<'ecs.endpoint.get'>;

/** Why a typed port would be refused; undefined when it is fine. */
function portProblem(text: string): string | undefined {
  if (!/^\d+$/.test(text)) return 'A whole number from 1 to 65535.';
  const port = Number(text);
  return port >= 1 && port <= 65535 ? undefined : 'A whole number from 1 to 65535.';
}

/** The `aws ecs` line that shows the endpoint works, with the region the control plane uses. */
function exampleCommand(url: string, region: string): string {
  return `aws ecs list-clusters --endpoint-url ${url} --region ${region}`;
}

/** Opens the endpoint dialog; its label says whether the endpoint listens, and where. */
export function EndpointButton() {
  const [open, setOpen] = useState(false);
  const endpoint = useStowageQuery('ecs.endpoint.get', {});
  const listening = endpoint.data?.url !== undefined;
  return (
    <>
      <Button
        variant="outlined"
        startIcon={<ApiIcon />}
        color={listening ? 'success' : 'primary'}
        data-testid="endpoint-button"
        onClick={() => setOpen(true)}
      >
        {listening ? `API endpoint on :${endpoint.data?.port}` : 'API endpoint'}
      </Button>
      <EndpointDialog open={open} onClose={() => setOpen(false)} />
    </>
  );
}

/** Turns the app's AWS-compatible ECS endpoint on and off, and says how to point the CLI at it. */
function EndpointDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const endpoint = useStowageQuery('ecs.endpoint.get', {});
  const region = useStowageQuery('ecs.status', {}).data?.region ?? 'us-east-1';
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="endpoint-title">
      <DialogTitle id="endpoint-title">ECS API endpoint</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>
          Serves this control plane as the AWS JSON 1.1 API, as <code>stowage ecs</code> does, so
          the AWS CLI and SDKs can drive the clusters shown here. It listens on 127.0.0.1 only and
          checks no credentials: any access key will do.
        </DialogContentText>
        {endpoint.error && (
          <QueryErrorAlert
            error={endpoint.error}
            failedTo="read the endpoint setting"
            refreshes="this dialog refreshes"
            testId="endpoint-error"
          />
        )}
        {endpoint.data && (
          <EndpointForm key={String(endpoint.data.port)} status={endpoint.data} region={region} />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}

function EndpointForm({ status, region }: { status: EndpointStatus; region: string }) {
  const queryClient = useQueryClient();
  const action = useStowageMutation();
  const [portText, setPortText] = useState(String(status.port));
  const problem = portProblem(portText);
  const portChanged = problem === undefined && Number(portText) !== status.port;

  const apply = async (enabled: boolean) => {
    if (enabled && problem) return;
    const next = await action.run((client) =>
      client.call('ecs.endpoint.set', enabled ? { enabled, port: Number(portText) } : { enabled }),
    );
    if (next.ok) queryClient.setQueryData(stowageQueryKey('ecs.endpoint.get', {}), next.value);
  };

  return (
    <Stack sx={{ gap: 2 }}>
      <Stack direction="row" sx={{ gap: 2, alignItems: 'flex-start' }}>
        <FormControlLabel
          sx={{ mt: 1, flex: 1 }}
          control={
            <Switch
              checked={status.enabled}
              disabled={action.busy || (!status.enabled && problem !== undefined)}
              onChange={(event) => void apply(event.target.checked)}
            />
          }
          label="Serve the ECS API"
        />
        <TextField
          size="small"
          label="Port"
          value={portText}
          onChange={(event) => setPortText(event.target.value.trim())}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && status.enabled && portChanged) void apply(true);
          }}
          error={problem !== undefined}
          helperText={problem ?? 'On 127.0.0.1; remembered with the choice.'}
          slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 5 } }}
          sx={{ width: 200 }}
        />
      </Stack>
      {status.enabled && portChanged && (
        <Button
          variant="outlined"
          sx={{ alignSelf: 'flex-end' }}
          disabled={action.busy}
          onClick={() => void apply(true)}
        >
          Move to port {portText}
        </Button>
      )}
      <MutationErrorAlert mutation={action} testId="endpoint-action-error" />
      {status.problem && (
        <Alert severity="warning" data-testid="endpoint-problem">
          {status.problem}
        </Alert>
      )}
      {status.url ? (
        <Box data-testid="endpoint-listening">
          <CopyLine label="Endpoint URL" text={status.url} testId="endpoint-url" />
          <CopyLine
            label="Try it"
            text={exampleCommand(status.url, region)}
            testId="endpoint-example"
          />
        </Box>
      ) : (
        <Typography color="text.secondary" data-testid="endpoint-off">
          {status.enabled
            ? 'On, but not listening: see above.'
            : 'Off. Turn it on to get a URL for aws ecs --endpoint-url.'}
        </Typography>
      )}
    </Stack>
  );
}

function CopyLine({ label, text, testId }: { label: string; text: string; testId: string }) {
  return (
    <Box sx={{ mb: 1.5 }}>
      <Typography variant="caption" color="text.secondary" component="div">
        {label}
      </Typography>
      <Stack direction="row" sx={{ alignItems: 'center', gap: 0.5 }}>
        <Box
          component="code"
          data-testid={testId}
          sx={{
            flex: 1,
            p: 1,
            borderRadius: 1,
            bgcolor: 'action.hover',
            fontFamily: 'monospace',
            fontSize: 13,
            overflowWrap: 'anywhere',
          }}
        >
          {text}
        </Box>
        <Tooltip title={`Copy: ${label.toLowerCase()}`}>
          <IconButton
            aria-label={`Copy ${label.toLowerCase()}`}
            onClick={() => void navigator.clipboard?.writeText(text)}
          >
            <ContentCopyIcon fontSize="small" />
          </IconButton>
        </Tooltip>
      </Stack>
    </Box>
  );
}
