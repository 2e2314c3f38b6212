import { Box, Chip, Link, Stack, Typography } from '@mui/material';
import type { TourStepResultOf } from '../../../../shared';
import { formatBytes, plural } from '../../../common/format';
import { hashOf } from '../../../common/routes';
import { ImageLayersPicture } from '../../layers';
import { boxSx } from './picture-box';

/** The image the step built, in the layer inspector, after the build instruction by instruction. */
export function LayersPicture({ result }: { result: TourStepResultOf<'layers'> }) {
  return (
    <Stack sx={{ gap: 2 }} data-testid="layers-picture">
      <Stack
        sx={{ gap: 1, m: 0, p: 0, listStyle: 'none' }}
        component="ol"
        aria-label="The build, one instruction at a time"
      >
        {result.instructions.map((row, index) => {
          const before = result.instructions[index - 1]?.layerCount;
          const added = before !== undefined && row.layerCount > before;
          return (
            <Stack
              key={row.instruction}
              component="li"
              direction="row"
              sx={{ ...boxSx, alignItems: 'center', gap: 2, py: 0.75 }}
              data-testid="layer-row"
            >
              <Typography sx={{ fontFamily: 'monospace', flex: 1, overflowWrap: 'anywhere' }}>
                {row.instruction}
              </Typography>
              <Chip
                size="small"
                color={added ? 'secondary' : 'default'}
                label={`${plural(row.layerCount, 'layer')}${added ? ` (+${formatBytes(row.addedBytes)})` : ''}`}
                data-testid="layer-count"
              />
            </Stack>
          );
        })}
      </Stack>
      <Typography variant="h6" component="h3">
        {result.image} in the layer inspector
      </Typography>
      <ImageLayersPicture image={result.imageId} />
      <Link href={hashOf({ page: 'images', image: result.imageId, tab: 'layers' })}>
        See {result.image}’s files layer by layer on the Images page
      </Link>
    </Stack>
  );
}

/** Each container's read-write layer, what it holds, over the image layers both share. */
export function ReadWritePicture({ result }: { result: TourStepResultOf<'read-write'> }) {
  const containers = [
    { ...result.writer, changes: result.writerChanges },
    { ...result.reader, changes: result.readerChanges },
  ];
  return (
    <Stack sx={{ gap: 2 }} data-testid="read-write-picture">
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
      <Typography variant="h6" component="h3">
        Both containers over {result.image}’s {plural(result.sharedLayers, 'read-only layer')}
      </Typography>
      <ImageLayersPicture image={result.image} containers={containers.map(({ id }) => id)} />
    </Stack>
  );
}
