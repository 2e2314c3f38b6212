import type { WebPreferences } from 'electron';

/**
 * The window's web preferences, item by item from Electron's security checklist: the page
 * gets no Node, runs sandboxed and isolated from the preload, cannot load insecure content,
 * enable experimental features or embed webviews, and has DevTools only in development.
 */
export function windowPreferences(options: {
  development: boolean;
  preloadPath: string;
}): WebPreferences {
  return {
    preload: options.preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    devTools: options.development,
  };
}
