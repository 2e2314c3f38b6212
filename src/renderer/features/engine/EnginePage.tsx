import { Box, Card, CardContent, Skeleton, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import type { EngineInfo } from '../../../shared';
import { useStowageQuery } from '../../api';
import { QueryErrorAlert } from '../../common/QueryErrorAlert';
import { EngineContexts } from './EngineContexts';
import { describeEndpoint, formatMemory, statusLabels } from './engine-format';

interface Fact {
  testId: string;
  label: string;
  value: ReactNode;
}

function FactGroup({ title, facts }: { title: string; facts: Fact[] }) {
  const headingId = `engine-group-${title.toLowerCase()}`;
  return (
    <Card variant="outlined" component="section" aria-labelledby={headingId}>
      <CardContent>
        <Typography id={headingId} variant="h6" component="h2" sx={{ mb: 1 }}>
          {title}
        </Typography>
        <Box
          component="dl"
          sx={{
            display: 'grid',
            gridTemplateColumns: 'max-content 1fr',
            columnGap: 2,
            rowGap: 1,
            m: 0,
          }}
        >
          {facts.map((fact) => (
            <Box key={fact.testId} sx={{ display: 'contents' }}>
              <Typography component="dt" color="text.secondary">
                {fact.label}
              </Typography>
              <Typography
                component="dd"
                data-testid={`engine-${fact.testId}`}
                sx={{ m: 0, overflowWrap: 'anywhere' }}
              >
                {fact.value}
              </Typography>
            </Box>
          ))}
        </Box>
      </CardContent>
    </Card>
  );
}

function factGroups(info: EngineInfo): { title: string; facts: Fact[] }[] {
  return [
    {
      title: 'Engine',
      facts: [
        { testId: 'version', label: 'Version', value: info.version },
        { testId: 'api-version', label: 'API version', value: info.apiVersion },
        { testId: 'name', label: 'Name', value: info.name },
        { testId: 'storage-driver', label: 'Storage driver', value: info.storageDriver },
      ],
    },
    {
      title: 'Host',
      facts: [
        {
          testId: 'os',
          label: 'OS / architecture',
          value: `${info.os}, ${info.osType}/${info.architecture}`,
        },
        { testId: 'kernel', label: 'Kernel', value: info.kernelVersion },
        { testId: 'cpus', label: 'CPUs', value: info.cpus },
        { testId: 'memory', label: 'Memory', value: formatMemory(info.memoryBytes) },
      ],
    },
    {
      title: 'Objects',
      facts: [
        { testId: 'images', label: 'Images', value: info.images },
        {
          testId: 'containers-running',
          label: 'Running containers',
          value: info.containers.running,
        },
        {
          testId: 'containers-stopped',
          label: 'Stopped containers',
          value: info.containers.stopped,
        },
        { testId: 'containers-paused', label: 'Paused containers', value: info.containers.paused },
        { testId: 'volumes', label: 'Volumes', value: info.volumes },
      ],
    },
  ];
}

const gridSx = {
  display: 'grid',
  gridTemplateColumns: 'repeat(auto-fill, minmax(300px, 1fr))',
  gap: 2,
} as const;

export function EnginePage() {
  const status = useStowageQuery('engine.status', {});
  const info = useStowageQuery('engine.info', {});

  return (
    <Box sx={{ p: 3, display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Box>
        <Typography variant="h4" component="h1">
          Engine
        </Typography>
        {status.data && (
          <Typography variant="body2" color="text.secondary" data-testid="engine-endpoint">
            {statusLabels[status.data.state]} · {describeEndpoint(status.data.endpoint)}
          </Typography>
        )}
      </Box>

      {info.error && (
        <QueryErrorAlert
          error={info.error}
          failedTo="read the engine’s details"
          refreshes="these details refresh"
          staleNote={info.data ? 'The details below are the last ones seen.' : undefined}
          testId="engine-error"
        />
      )}

      {info.isPending && !info.error && (
        <Box sx={gridSx} data-testid="engine-loading" aria-busy="true">
          {[0, 1, 2].map((index) => (
            <Skeleton key={index} variant="rounded" height={190} />
          ))}
        </Box>
      )}

      {info.data && (
        <Box sx={gridSx}>
          {factGroups(info.data).map((group) => (
            <FactGroup key={group.title} {...group} />
          ))}
        </Box>
      )}

      <EngineContexts />
    </Box>
  );
}
