import {
  Box,
  CircularProgress,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useMemo } from 'react';
import type { ImageStack } from '../../../shared';
import { useStowageQuery } from '../../api';
import { formatBytes } from '../../common/format';
import { QueryErrorAlert } from '../../common/QueryErrorAlert';
import { SharingDiagram } from './SharingDiagram';

/**
 * One image as the Layers page draws it, for other pages to embed: its layers to scale with
 * the instruction that made each, and on top the read-write layers of its containers (only
 * `containers`, by id, when given). Live: it follows the engine's image and container events.
 */
export function ImageLayersPicture({
  image,
  containers,
}: {
  /** An image id or reference. */
  image: string;
  containers?: readonly string[];
}) {
  const sharing = useStowageQuery('layers.sharing', { images: [image] });
  const stack = useMemo(() => {
    const found = sharing.data?.images[0];
    if (!found || !containers) return found;
    return {
      ...found,
      containers: found.containers.filter((container) => containers.includes(container.id)),
    };
  }, [sharing.data, containers]);

  if (sharing.error) {
    return (
      <QueryErrorAlert
        error={sharing.error}
        failedTo="read the image’s layers"
        refreshes="the picture"
        testId="image-layers-error"
      />
    );
  }
  if (!stack) {
    return (
      <Stack direction="row" sx={{ gap: 1, alignItems: 'center' }}>
        <CircularProgress size={16} />
        <Typography variant="body2" color="text.secondary">
          Reading the image’s layers…
        </Typography>
      </Stack>
    );
  }
  return (
    <Stack sx={{ gap: 2 }} data-testid="image-layers-picture">
      <SharingDiagram stacks={[stack]} />
      <StackTable stack={stack} />
    </Stack>
  );
}

/** The same stack in words, newest on top as in the drawing. */
function StackTable({ stack }: { stack: ImageStack }) {
  const layers = stack.layers.map((layer, index) => ({ ...layer, number: index + 1 })).reverse();
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label={`Layers of ${stack.name}`}>
        <TableHead>
          <TableRow>
            <TableCell sx={{ width: '8rem' }}>Layer</TableCell>
            <TableCell>Made by</TableCell>
            <TableCell align="right" sx={{ width: '7rem' }}>
              Size
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {stack.containers.map((container) => (
            <TableRow
              key={container.id}
              data-testid="picture-container-layer"
              data-container-id={container.id}
            >
              <TableCell>Read-write</TableCell>
              <TableCell>
                Container {container.name} ({container.state})
              </TableCell>
              <TableCell align="right">{formatBytes(container.sizeRw)}</TableCell>
            </TableRow>
          ))}
          {layers.map((layer) => (
            <TableRow key={layer.chainId} data-testid="picture-layer">
              <TableCell>{layer.number}</TableCell>
              <TableCell sx={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }}>
                {layer.instruction || 'No instruction recorded'}
              </TableCell>
              <TableCell align="right">{formatBytes(layer.size)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
