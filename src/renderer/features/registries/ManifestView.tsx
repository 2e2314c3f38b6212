import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import { Box, IconButton, Link, Skeleton, Stack, Tooltip, Typography } from '@mui/material';
import type { ManifestDetail } from '../../../shared';
import { useStowageQuery } from '../../api';
import { formatBytes } from '../../common/format';
import { QueryErrorAlert } from '../../common/QueryErrorAlert';
import { DataTable, type DataColumn } from '../../common/table/DataTable';
import { describedPlatforms, platformLabel, shortDigest } from './registry-text';

type Layer = Extract<ManifestDetail, { kind: 'image' }>['layers'][number];
type Platform = Extract<ManifestDetail, { kind: 'index' }>['manifests'][number];

const layerColumns: DataColumn<Layer & { index: number }>[] = [
  { id: 'index', header: '#', width: 56, cell: (layer) => layer.index + 1 },
  {
    id: 'digest',
    header: 'Digest',
    identifying: true,
    monospace: true,
    cell: (layer) => shortDigest(layer.digest),
    title: (layer) => layer.digest,
  },
  {
    id: 'mediaType',
    header: 'Media type',
    cell: (layer) => layer.mediaType,
    title: (l) => l.mediaType,
  },
  {
    id: 'size',
    header: 'Size',
    numeric: true,
    width: 120,
    cell: (layer) => formatBytes(layer.size),
  },
];

/** One manifest: an image's layers and config, or an index's platforms to open. */
export function ManifestView({
  registry,
  repository,
  reference,
  onOpenDigest,
}: {
  registry: string;
  repository: string;
  reference: string;
  onOpenDigest(digest: string, label: string): void;
}) {
  const manifest = useStowageQuery('registries.manifest', { registry, repository, reference });
  if (manifest.error) {
    return (
      <QueryErrorAlert
        error={manifest.error}
        failedTo={`read the manifest of ${repository}:${reference}`}
        refreshes="it shows"
        testId="manifest-error"
      />
    );
  }
  if (!manifest.data) {
    return <Skeleton variant="rounded" height={160} aria-label="Loading the manifest" />;
  }
  const detail = manifest.data;
  return (
    <Stack sx={{ gap: 2, minHeight: 0, flex: 1 }} data-testid="manifest-detail">
      <Facts
        facts={[
          ['Digest', detail.digest, true],
          ['Media type', detail.mediaType, false],
          ...(detail.kind === 'image'
            ? ([
                ['Total size', formatBytes(detail.totalSize), false],
                [
                  'Platform',
                  detail.config.os && detail.config.architecture
                    ? `${detail.config.os}/${detail.config.architecture}`
                    : 'not given',
                  false,
                ],
                [
                  'Created',
                  detail.config.created
                    ? new Date(detail.config.created).toLocaleString()
                    : 'not given',
                  false,
                ],
                ['Config', detail.config.digest, true],
              ] as const)
            : []),
        ]}
      />
      {detail.kind === 'image' ? (
        <>
          <Typography variant="subtitle1" component="h3">
            Layers ({detail.layers.length})
          </Typography>
          <DataTable
            label="Layers"
            testId="manifest-layers"
            rows={detail.layers.map((layer, index) => ({ ...layer, index }))}
            columns={layerColumns}
            getRowId={(layer) => `${layer.index}`}
            rowHeight={37}
            rowAttributes={() => ({ 'data-testid': 'manifest-layer' })}
          />
        </>
      ) : (
        <>
          <Typography variant="subtitle1" component="h3">
            Platforms
          </Typography>
          <DataTable
            label="Platforms"
            testId="manifest-platforms"
            rows={describedPlatforms(detail)}
            columns={platformColumns(onOpenDigest)}
            getRowId={(entry) => entry.digest}
            rowHeight={37}
          />
        </>
      )}
    </Stack>
  );
}

function platformColumns(onOpen: (digest: string, label: string) => void): DataColumn<Platform>[] {
  const label = (entry: Platform) =>
    entry.platform ? platformLabel(entry.platform) : shortDigest(entry.digest);
  return [
    {
      id: 'platform',
      header: 'Platform',
      identifying: true,
      cell: (entry) => (
        <Link component="button" onClick={() => onOpen(entry.digest, label(entry))}>
          {label(entry)}
        </Link>
      ),
    },
    {
      id: 'digest',
      header: 'Digest',
      monospace: true,
      cell: (entry) => shortDigest(entry.digest),
      title: (entry) => entry.digest,
    },
    { id: 'size', header: 'Manifest', numeric: true, width: 110, cell: (e) => formatBytes(e.size) },
  ];
}

function Facts({ facts }: { facts: readonly (readonly [string, string, boolean])[] }) {
  return (
    <Box
      component="dl"
      sx={{
        display: 'grid',
        gridTemplateColumns: 'max-content 1fr',
        columnGap: 2,
        rowGap: 0.5,
        m: 0,
      }}
    >
      {facts.map(([term, value, mono]) => (
        <Box key={term} sx={{ display: 'contents' }}>
          <Typography component="dt" variant="body2" color="text.secondary">
            {term}
          </Typography>
          <Typography
            component="dd"
            variant="body2"
            sx={{ m: 0, fontFamily: mono ? 'monospace' : undefined, wordBreak: 'break-all' }}
          >
            {value}
            {/* The digests: what a user copies into a pull or a deployment. */}
            {mono && (
              <Tooltip title={`Copy the ${term.toLowerCase()} digest`}>
                <IconButton
                  size="small"
                  aria-label={`Copy ${term.toLowerCase()} digest`}
                  onClick={() => void navigator.clipboard?.writeText(value)}
                  sx={{ ml: 0.5, p: 0.25 }}
                >
                  <ContentCopyIcon sx={{ fontSize: 14 }} />
                </IconButton>
              </Tooltip>
            )}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}
