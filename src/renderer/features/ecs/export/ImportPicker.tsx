import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Alert, Box, Button, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import type { CallOutput } from '../../../../shared';
import { useStowageMutation } from '../../../api';
import { MutationErrorAlert } from '../../../common/MutationErrorAlert';
import { plural } from '../../../common/format';

/** What an export's file may be called: the file names the import call accepts. */
const fileNamePattern = /^[A-Za-z0-9._-]+$/;

/**
 * Imports an export's files into the cluster: the task definitions are registered first, then
 * the services are created on the new revisions; each file that fails says why.
 */
export function ImportPicker({ cluster }: { cluster: string }) {
  const action = useStowageMutation();
  const [outcome, setOutcome] = useState<CallOutput<'ecs.import'> | undefined>(undefined);
  const importFiles = async (list: FileList | null) => {
    const chosen = [...(list ?? [])].filter((file) => fileNamePattern.test(file.name));
    if (chosen.length === 0) return;
    const files = await Promise.all(
      chosen.map(async (file) => ({ name: file.name, text: await file.text() })),
    );
    setOutcome(undefined);
    const result = await action.run((client) => client.call('ecs.import', { cluster, files }));
    if (result.ok) setOutcome(result.value);
  };
  return (
    <Box
      component="section"
      aria-label="Import"
      sx={{ borderTop: 1, borderColor: 'divider', pt: 2 }}
    >
      <Stack direction="row" sx={{ alignItems: 'center', gap: 2 }}>
        <Button
          component="label"
          variant="outlined"
          startIcon={<UploadFileIcon />}
          disabled={action.busy}
        >
          Import files…
          <input
            hidden
            type="file"
            multiple
            accept=".json,application/json"
            aria-label="Files to import"
            onChange={(event) => {
              void importFiles(event.target.files);
              event.target.value = '';
            }}
          />
        </Button>
        <Typography variant="body2" color="text.secondary">
          Choose the <Box component="code">taskdef-*.json</Box> and{' '}
          <Box component="code">service-*.json</Box> files of an export to recreate them in{' '}
          {cluster}.
        </Typography>
      </Stack>
      <MutationErrorAlert mutation={action} testId="import-error" />
      {outcome && (
        <Alert
          severity={outcome.failures.length > 0 ? 'warning' : 'success'}
          data-testid="import-outcome"
          sx={{ mt: 1 }}
        >
          Registered {plural(outcome.taskDefinitions.length, 'task definition')} and created{' '}
          {plural(outcome.services.length, 'service')}.
          {outcome.failures.length > 0 && (
            <Box component="ul" sx={{ m: 0, pl: 2 }}>
              {outcome.failures.map((failure) => (
                <li key={failure.file}>
                  <Box component="code">{failure.file}</Box>: {failure.reason}
                </li>
              ))}
            </Box>
          )}
        </Alert>
      )}
    </Box>
  );
}
