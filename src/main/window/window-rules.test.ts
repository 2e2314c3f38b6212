import { describe, expect, it } from 'vitest';
import { menuTemplate } from './menu-template';
import { windowPreferences } from './preferences';

describe('the window and menu rules', () => {
  it('gives the page no Node, a sandbox, isolation and web security', () => {
    expect(windowPreferences({ development: false, preloadPath: '/p.cjs' })).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      devTools: false,
    });
    expect(windowPreferences({ development: true, preloadPath: '/p.cjs' }).devTools).toBe(true);
    expect(windowPreferences({ development: false, preloadPath: '/p.cjs' })).not.toHaveProperty(
      'enableBlinkFeatures',
    );
  });

  it('has no View menu (reload, DevTools) outside development', () => {
    const roles = (development: boolean, platform: NodeJS.Platform) =>
      menuTemplate({ development, platform }).map((item) => item.role);
    expect(roles(false, 'linux')).toEqual(['fileMenu', 'editMenu', 'windowMenu']);
    expect(roles(false, 'darwin')).toEqual(['appMenu', 'fileMenu', 'editMenu', 'windowMenu']);
    expect(roles(true, 'linux')).toContain('viewMenu');
    expect(JSON.stringify(menuTemplate({ development: false, platform: 'linux' }))).not.toMatch(
      /toggleDevTools|reload/i,
    );
  });
});
