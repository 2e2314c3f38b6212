import type { MenuItemConstructorOptions } from 'electron';

/**
 * The application menu. The View menu (reload, DevTools) exists only in development: in the
 * packaged app nothing in the menu opens DevTools or reloads the page.
 */
export function menuTemplate(options: {
  development: boolean;
  platform: NodeJS.Platform;
}): MenuItemConstructorOptions[] {
  return [
    ...(options.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    ...(options.development ? [{ role: 'viewMenu' as const }] : []),
    { role: 'windowMenu' },
  ];
}
