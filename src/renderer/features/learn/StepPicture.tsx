import { Box, Stack, Typography } from '@mui/material';
import type { TourStepResult } from '../../../shared';
import { formatBytes } from '../../common/format';
import { LayersPicture, ReadWritePicture } from './pictures/LayersPicture';
import { boxSx } from './pictures/picture-box';
import { ServicesPicture } from './pictures/ServicesPicture';
import { TasksPicture } from './pictures/TasksPicture';
import { ClustersPicture } from './pictures/ClustersPicture';
import { TaskDefinitionPicture } from './pictures/TaskDefinitionPicture';
import { AgentPicture } from './pictures/AgentPicture';
import { DeploymentsPicture } from './pictures/DeploymentsPicture';
import { RolesPicture } from './pictures/RolesPicture';
import { SchedulingPicture } from './pictures/SchedulingPicture';

/** What a step showed, drawn from its result: the live picture of the idea. */
export function StepPicture({ result }: { result: TourStepResult }) {
  switch (result.step) {
    case 'kernel':
      return <KernelPicture result={result} />;
    case 'layers':
      return <LayersPicture result={result} />;
    case 'read-write':
      return <ReadWritePicture result={result} />;
    case 'task-definitions':
      return <TaskDefinitionPicture result={result} />;
    case 'clusters':
      return <ClustersPicture result={result} />;
    case 'tasks':
      return <TasksPicture result={result} />;
    case 'services':
      return <ServicesPicture result={result} />;
    case 'deployments':
      return <DeploymentsPicture result={result} />;
    case 'agent':
      return <AgentPicture result={result} />;
    case 'roles':
      return <RolesPicture result={result} />;
    case 'scheduling':
      return <SchedulingPicture result={result} />;
  }
}

function KernelPicture({ result }: { result: Extract<TourStepResult, { step: 'kernel' }> }) {
  const rows = [
    { name: 'Host (the engine’s machine)', kernel: result.hostKernel, ms: undefined },
    ...result.containers.map((container, index) => ({
      name: container.name,
      kernel: container.kernel,
      ms: result.startMs[index],
    })),
  ];
  return (
    <Stack sx={{ gap: 2 }} data-testid="kernel-picture">
      <Stack direction="row" sx={{ gap: 2, flexWrap: 'wrap' }}>
        {rows.map((row) => (
          <Box key={row.name} sx={{ ...boxSx, flex: '1 1 14rem' }} data-testid="kernel-row">
            <Typography variant="body2" color="text.secondary">
              {row.name}
            </Typography>
            <Typography
              variant="h6"
              component="p"
              sx={{ fontFamily: 'monospace' }}
              data-testid="kernel-version"
            >
              {row.kernel}
            </Typography>
            {row.ms !== undefined && (
              <Typography variant="body2">Started and ran in {Math.round(row.ms)} ms</Typography>
            )}
          </Box>
        ))}
      </Stack>
      <Typography>
        An idle container uses {formatBytes(result.containerMemoryBytes)} of memory: about{' '}
        <strong>{result.fitEstimate.toLocaleString()}</strong> fit in this host’s{' '}
        {formatBytes(result.hostMemoryBytes)}. A small virtual machine needs hundreds of megabytes
        and boots in seconds.
      </Typography>
    </Stack>
  );
}
