// The CSP forbids the inline script Vite's React plugin adds in development, so load its
// fast-refresh preamble as a module instead. It is empty in production builds.
import '@vitejs/plugin-react/preamble';
// First: it configures zod before any schema is built.
import './zod-jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createStowageServices, StowageProvider } from './api';
import { App } from './app/App';
import { cacheRules } from './app/features';

const container = document.getElementById('root');
if (!container) throw new Error('The page has no #root element.');

createRoot(container).render(
  <StrictMode>
    <StowageProvider services={createStowageServices()} cacheRules={cacheRules}>
      <App />
    </StowageProvider>
  </StrictMode>,
);
