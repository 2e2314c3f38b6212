import { Box, Chip, Link, Stack, Typography } from '@mui/material';
import type { TourStepResult } from '../../../shared';
import { formatBytes } from '../../common/format';
import { hashOf } from '../../common/routes';
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

const boxSx = {
  border: 1,
  borderColor: 'divider',
  borderRadius: 1,
  px: 2,
  py: 1.5,
  bgcolor: 'background.paper',
} as const;

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

function LayersPicture({ result }: { result: Extract<TourStepResult, { step: 'layers' }> }) {
  return (
    <Stack sx={{ gap: 1 }} data-testid="layers-picture">
      {result.instructions.map((row, index) => {
        const before = result.instructions[index - 1]?.layerCount;
        const added = before !== undefined && row.layerCount > before;
        return (
          <Stack
            key={row.instruction}
            direction="row"
            sx={{ ...boxSx, alignItems: 'center', gap: 2, py: 1 }}
            data-testid="layer-row"
          >
            <Typography sx={{ fontFamily: 'monospace', flex: 1, overflowWrap: 'anywhere' }}>
              {row.instruction}
            </Typography>
            <Stack direction="row" sx={{ gap: 0.5 }} aria-hidden>
              {Array.from({ length: row.layerCount }, (_, layer) => (
                <Box
                  key={layer}
                  sx={{
                    width: 14,
                    height: 22,
                    borderRadius: 0.5,
                    bgcolor:
                      added && layer === row.layerCount - 1 ? 'secondary.main' : 'primary.main',
                  }}
                />
              ))}
            </Stack>
            <Chip
              size="small"
              color={added ? 'secondary' : 'default'}
              label={`${row.layerCount} layers${added ? ` (+${formatBytes(row.addedBytes)})` : ''}`}
              data-testid="layer-count"
            />
          </Stack>
        );
      })}
      <Link href={hashOf({ page: 'images', image: result.imageId, tab: 'layers' })}>
        See {result.image}’s layers on the Images page
      </Link>
    </Stack>
  );
}

function ReadWritePicture({ result }: { result: Extract<TourStepResult, { step: 'read-write' }> }) {
  const containers = [
    { ...result.writer, changes: result.writerChanges },
    { ...result.reader, changes: result.readerChanges },
  ];
  return (
    <Stack sx={{ gap: 1 }} data-testid="read-write-picture">
      <Stack direction="row" sx={{ gap: 2, flexWrap: 'wrap' }}>
        {containers.map((container) => (
          <Box key={container.id} sx={{ ...boxSx, flex: '1 1 14rem' }} data-testid="rw-layer">
            <Link href={hashOf({ page: 'containers', container: container.id, tab: 'changes' })}>
              {container.name}
            </Link>
            <Typography variant="body2" color="text.secondary">
              Its read-write layer
            </Typography>
            {container.changes.length === 0 ? (
              <Typography sx={{ fontStyle: 'italic' }}>empty</Typography>
            ) : (
              container.changes.map((change) => (
                <Typography key={change} sx={{ fontFamily: 'monospace' }} data-testid="rw-change">
                  {change}
                </Typography>
              ))
            )}
          </Box>
        ))}
      </Stack>
      <Box
        sx={{ ...boxSx, textAlign: 'center', bgcolor: 'action.hover' }}
        data-testid="shared-layers"
      >
        {result.image}: {result.sharedLayers} read-only layers, shared by both
      </Box>
    </Stack>
  );
}
