import { Box, Typography } from '@mui/material';

export function EcsPage() {
  return (
    <Box sx={{ p: 3 }}>
      <Typography variant="h4" component="h1" gutterBottom>
        ECS
      </Typography>
      <Typography color="text.secondary" data-testid="coming-soon" sx={{ maxWidth: '70ch' }}>
        Coming soon: a simulated Amazon ECS cluster on this machine — clusters, container instances,
        task definitions, tasks and services, with scaling and deployments you can watch happen.
      </Typography>
    </Box>
  );
}
