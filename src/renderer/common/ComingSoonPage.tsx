import { Box, Typography } from '@mui/material';

/** A page whose feature has not landed yet: its title and what it will offer. */
export function ComingSoonPage({ title, description }: { title: string; description: string }) {
  return (
    <Box sx={{ p: 3 }}>
      <Typography variant="h4" component="h1" gutterBottom>
        {title}
      </Typography>
      <Typography color="text.secondary" data-testid="coming-soon" sx={{ maxWidth: '70ch' }}>
        Coming soon: {description}
      </Typography>
    </Box>
  );
}
