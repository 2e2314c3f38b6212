import { Box, Typography } from '@mui/material';
import { formatBytes, plural } from '../../common/format';

/** The paths behind the reclaimable bytes, largest first, as the analysis lists them. */
export function ReclaimablePaths({
  causes,
}: {
  causes: readonly { path: string; bytes: number; layers: number }[];
}) {
  return (
    <Box
      component="ol"
      aria-label="Reclaimable paths, largest first"
      data-testid="reclaimable-paths"
      sx={{
        m: 0,
        p: 0,
        listStyle: 'none',
        maxHeight: 160,
        overflow: 'auto',
        border: 1,
        borderColor: 'divider',
        borderRadius: 1,
      }}
    >
      {causes.map((cause) => (
        <Box
          component="li"
          key={cause.path}
          sx={{ display: 'flex', gap: 2, px: 1, py: 0.25, fontFamily: 'monospace', fontSize: 13 }}
        >
          <Box component="span" sx={{ width: 80, textAlign: 'right', flexShrink: 0 }}>
            {formatBytes(cause.bytes)}
          </Box>
          <Box component="span" sx={{ flex: 1, overflow: 'hidden', textOverflow: 'ellipsis' }}>
            /{cause.path}
          </Box>
          <Typography component="span" variant="caption" color="text.secondary">
            {plural(cause.layers, 'layer')}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}
