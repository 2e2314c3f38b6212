import { Button, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useStowageMutation } from '../../../api';
import { FormDialog } from '../../../common/form/FormDialog';

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
    <FormDialog
      open={open}
      title="Register a task definition from JSON"
      submitLabel="Register"
      mutation={action}
      maxWidth="md"
      errorTitle="ECS refused the task definition"
      errorTestId="json-editor-error"
      secondaryAction={<Button onClick={() => setJson(template)}>Reset to example</Button>}
      onClose={close}
      onSubmit={register}
    >
      <Typography variant="body2" color="text.secondary">
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
          // Enter is a new line here; Ctrl+Enter submits.
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            (event.target as HTMLTextAreaElement).form?.requestSubmit();
          }
        }}
        error={action.error !== undefined}
        slotProps={{
          htmlInput: { spellCheck: false, 'data-testid': 'json-editor' },
          input: { sx: { fontFamily: 'monospace', fontSize: 13 } },
        }}
      />
    </FormDialog>
  );
}
