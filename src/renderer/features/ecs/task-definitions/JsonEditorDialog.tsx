import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useStowageMutation } from '../../../api';
import { MutationErrorAlert } from '../../../common/MutationErrorAlert';

const template = `${JSON.stringify(
  {
    family: 'web',
    networkMode: 'bridge',
    containerDefinitions: [
      {
        name: 'app',
        image: 'nginx:alpine',
        memory: 256,
        portMappings: [{ containerPort: 80, hostPort: 0, protocol: 'tcp' }],
        essential: true,
      },
    ],
  },
  null,
  2,
)}\n`;

/** Registers the JSON `aws ecs register-task-definition --cli-input-json` takes, as it is. */
export function JsonEditorDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const [json, setJson] = useState(template);
  const action = useStowageMutation();
  const close = () => {
    action.clear();
    onClose();
  };
  const register = async () => {
    const registered = await action.run((client) =>
      client.call('ecs.taskDefinitions.registerJson', { json }),
    );
    if (registered.ok) close();
  };
  return (
    <Dialog open={open} onClose={close} fullWidth maxWidth="md" aria-labelledby="json-editor-title">
      <DialogTitle id="json-editor-title">Register a task definition from JSON</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="text.secondary" gutterBottom>
          The input of aws ecs register-task-definition --cli-input-json; ECS checks it as it would
          any registration.
        </Typography>
        <TextField
          autoFocus
          fullWidth
          multiline
          minRows={14}
          maxRows={28}
          label="Task definition JSON"
          value={json}
          onChange={(event) => setJson(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void register();
          }}
          error={action.error !== undefined}
          slotProps={{
            htmlInput: { spellCheck: false, 'data-testid': 'json-editor' },
            input: { sx: { fontFamily: 'monospace', fontSize: 13 } },
          }}
          sx={{ mt: 1 }}
        />
        <MutationErrorAlert
          mutation={action}
          title="ECS refused the task definition"
          testId="json-editor-error"
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={() => setJson(template)}>Reset to example</Button>
        <Button onClick={close}>Cancel</Button>
        <Button variant="contained" disabled={action.busy} onClick={() => void register()}>
          Register
        </Button>
      </DialogActions>
    </Dialog>
  );
}
