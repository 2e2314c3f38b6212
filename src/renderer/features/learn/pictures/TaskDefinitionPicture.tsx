import { Box, Chip, Link, Stack, Typography } from '@mui/material';
import type { TourStepResult } from '../../../../shared';
import { hashOf } from '../../../common/routes';
import { boxSx } from './picture-box';

type Result = Extract<TourStepResult, { step: 'task-definitions' }>;

/** The registered revision's settings at a glance, beside the JSON ECS keeps. */
export function TaskDefinitionPicture({ result }: { result: Result }) {
  const fields = [
    { label: 'Image', value: result.image },
    { label: 'Ports', value: result.ports.join(', ') },
    { label: 'CPU units', value: result.cpu },
    { label: 'Memory (MiB)', value: result.memory },
    { label: 'Network mode', value: result.networkMode },
    { label: 'Task role', value: result.taskRoleArn.split('/').at(-1) ?? result.taskRoleArn },
  ];
  return (
    <Stack sx={{ gap: 2 }} data-testid="task-definition-picture">
      <Stack direction="row" sx={{ gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="h6" component="p" data-testid="task-definition-name">
          {result.family}:{result.revision}
        </Typography>
        {result.compatibilities.map((compatibility) => (
          <Chip key={compatibility} size="small" color="primary" label={compatibility} />
        ))}
      </Stack>
      <Box
        sx={{
          display: 'grid',
          gap: 1,
          gridTemplateColumns: 'repeat(auto-fill, minmax(12rem, 1fr))',
        }}
      >
        {fields.map((field) => (
          <Box key={field.label} sx={boxSx} data-testid="task-definition-field">
            <Typography variant="body2" color="text.secondary">
              {field.label}
            </Typography>
            <Typography sx={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }}>
              {field.value}
            </Typography>
          </Box>
        ))}
      </Box>
      <Box
        component="pre"
        sx={{
          ...boxSx,
          m: 0,
          maxHeight: '20rem',
          overflow: 'auto',
          fontSize: '0.8rem',
          bgcolor: 'action.hover',
        }}
        data-testid="task-definition-json"
      >
        {result.json}
      </Box>
      <Link href={hashOf({ page: 'ecs', view: 'task-definitions', family: result.family })}>
        See {result.family} on the Task definitions page
      </Link>
    </Stack>
  );
}
