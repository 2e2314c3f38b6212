import { Box, Typography } from '@mui/material';

export function ContainersPage() {
  return (
    <Box sx={{ p: 3 }}>
      <Typography variant="h4" component="h1" gutterBottom>
        Containers
      </Typography>
      <Typography color="text.secondary" data-testid="coming-soon" sx={{ maxWidth: '70ch' }}>
        Coming soon: every container of the engine with its state, image, ports and uptime, with
        start, stop, restart, remove, live logs and resource use.
      </Typography>
    </Box>
  );
}
