import { Drawer, List, ListItemButton, Toolbar, Typography } from '@mui/material';
import type { Feature } from '../common/feature';
import { hashOf, pageRoute } from '../common/routes';

export const railWidth = 88;

export function NavigationRail({
  features,
  current,
}: {
  features: readonly Feature[];
  current: string;
}) {
  return (
    <Drawer
      variant="permanent"
      sx={{
        width: railWidth,
        flexShrink: 0,
        '& .MuiDrawer-paper': { width: railWidth, boxSizing: 'border-box' },
      }}
    >
      <Toolbar />
      <nav aria-label="Main">
        <List sx={{ px: 1 }}>
          {features.map(({ route, label, Icon }) => {
            const selected = route === current;
            return (
              <li key={route}>
                <ListItemButton
                  component="a"
                  href={hashOf(pageRoute(route))}
                  selected={selected}
                  aria-current={selected ? 'page' : undefined}
                  sx={{
                    flexDirection: 'column',
                    gap: 0.5,
                    py: 1.25,
                    mb: 0.5,
                    borderRadius: 2,
                    color: selected ? 'primary.main' : 'text.secondary',
                  }}
                >
                  <Icon />
                  <Typography variant="caption" sx={{ fontWeight: selected ? 600 : 400 }}>
                    {label}
                  </Typography>
                </ListItemButton>
              </li>
            );
          })}
        </List>
      </nav>
    </Drawer>
  );
}
