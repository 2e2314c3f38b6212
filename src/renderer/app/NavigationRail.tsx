import DnsIcon from '@mui/icons-material/Dns';
import HubIcon from '@mui/icons-material/Hub';
import LayersIcon from '@mui/icons-material/Layers';
import ViewInArIcon from '@mui/icons-material/ViewInAr';
import { Drawer, List, ListItemButton, Toolbar, Typography } from '@mui/material';
import type { ComponentType } from 'react';
import { hashFor, type RouteName } from './route-names';

export const railWidth = 88;

interface Destination {
  route: RouteName;
  label: string;
  Icon: ComponentType<{ fontSize?: 'small' | 'medium' }>;
}

export const destinations: readonly Destination[] = [
  { route: 'engine', label: 'Engine', Icon: DnsIcon },
  { route: 'images', label: 'Images', Icon: LayersIcon },
  { route: 'containers', label: 'Containers', Icon: ViewInArIcon },
  { route: 'ecs', label: 'ECS', Icon: HubIcon },
];

export function NavigationRail({ current }: { current: RouteName }) {
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
          {destinations.map(({ route, label, Icon }) => {
            const selected = route === current;
            return (
              <li key={route}>
                <ListItemButton
                  component="a"
                  href={hashFor(route)}
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
