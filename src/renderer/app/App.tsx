import { Alert, AppBar, Box, CssBaseline, Link, Toolbar, Typography } from '@mui/material';
import { ThemeProvider } from '@mui/material/styles';
import { useEffect } from 'react';
import { pageRoute } from '../common/routes';
import { ToastProvider } from '../common/toast';
import { useTransportConnected } from '../api';
import { EngineStatusIndicator } from '../features/engine';
import { ErrorBoundary } from './ErrorBoundary';
import { defaultFeature, features } from './features';
import { NavigationRail } from './NavigationRail';
import { ShortcutSheet } from './ShortcutSheet';
import { theme, themeModeStorageKey } from './theme';
import { ThemeModeSwitch } from './ThemeModeSwitch';
import { useHashRoute } from './use-hash-route';

const fallback = pageRoute(defaultFeature.route);

const skipLinkSx = {
  position: 'absolute',
  left: 8,
  top: -48,
  zIndex: 'tooltip',
  px: 2,
  py: 1,
  bgcolor: 'background.paper',
  borderRadius: 1,
  '&:focus': { top: 8 },
} as const;

// A plain #anchor would be read as a route by the hash router, so move focus by hand.
function focusMainContent(): void {
  document.getElementById('main-content')?.focus();
}

function ServiceConnectionBanner() {
  const connected = useTransportConnected();
  if (connected) return null;
  return (
    <Alert severity="warning" square data-testid="service-disconnected">
      Lost the connection to the Stowage service. Reconnecting…
    </Alert>
  );
}

export function App() {
  const { page } = useHashRoute(fallback);
  const feature = features.find((candidate) => candidate.route === page) ?? defaultFeature;
  const { Page, label } = feature;

  useEffect(() => {
    document.title = `${label} · Stowage`;
  }, [label]);

  return (
    <ThemeProvider theme={theme} modeStorageKey={themeModeStorageKey}>
      <CssBaseline />
      <Link component="button" onClick={focusMainContent} sx={skipLinkSx}>
        Skip to content
      </Link>
      <Box sx={{ display: 'flex', height: '100vh' }}>
        <AppBar
          position="fixed"
          color="inherit"
          elevation={0}
          sx={{
            zIndex: (t) => t.zIndex.drawer + 1,
            borderBottom: 1,
            borderColor: 'divider',
            bgcolor: 'background.paper',
          }}
        >
          <Toolbar sx={{ gap: 2 }}>
            <Typography variant="h6" component="div" sx={{ flex: 1, fontWeight: 700 }}>
              Stowage
            </Typography>
            <ThemeModeSwitch />
            <ShortcutSheet />
            <EngineStatusIndicator />
          </Toolbar>
        </AppBar>
        <NavigationRail features={features} current={page} />
        <Box
          component="main"
          id="main-content"
          tabIndex={-1}
          sx={{
            flex: 1,
            minWidth: 0,
            display: 'flex',
            flexDirection: 'column',
            overflow: 'auto',
            outline: 'none',
          }}
        >
          <Toolbar />
          <ServiceConnectionBanner />
          {/* Outside the page's boundary: a toast's link to another page outlives this one. */}
          <ToastProvider>
            <ErrorBoundary key={page}>
              <Page />
            </ErrorBoundary>
          </ToastProvider>
        </Box>
      </Box>
    </ThemeProvider>
  );
}
