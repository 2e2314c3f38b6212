import { join } from 'node:path';
import { app, BrowserWindow, Menu, nativeTheme, shell } from 'electron';
import { createAppBackend, ecsRuntimeFrom } from './composition';
import { serveOverIpc } from './transports/electron-ipc';
import { appPageMatcher, appPageUrl } from './window/app-page';
import { devServerUrlFrom, guardWebContents } from './window/guard';
import { applicationMenu } from './window/menu';
import { windowPreferences } from './window/preferences';
import { lockDownSession, registerAppScheme, serveAppProtocol } from './window/security';

// Wiring only: services, the IPC transport, the window, the menu, the single-instance lock.

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  const services = createAppBackend({
    dataDir: app.getPath('userData'),
    ecsRuntime: ecsRuntimeFrom(process.env),
  });
  const devServerUrl = devServerUrlFrom({ isPackaged: app.isPackaged, env: process.env });
  const development = devServerUrl !== undefined;
  const isAppPage = appPageMatcher({ devServerUrl });
  const transport = serveOverIpc(services, isAppPage);
  app.on('web-contents-created', (_event, contents) =>
    guardWebContents(contents, {
      isAppPage,
      openExternal: (url) => void shell.openExternal(url),
    }),
  );

  const openWindow = () => {
    const window = new BrowserWindow({
      width: 1280,
      height: 820,
      minWidth: 900,
      minHeight: 600,
      show: false,
      title: 'Stowage',
      backgroundColor: nativeTheme.shouldUseDarkColors ? '#121212' : '#ffffff',
      webPreferences: windowPreferences({
        development,
        preloadPath: join(__dirname, '../preload/index.cjs'),
      }),
    });
    const contents = window.webContents;
    transport.attach(contents);
    window.once('ready-to-show', () => window.show());
    void window.loadURL(devServerUrl ?? appPageUrl);
    return window;
  };

  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });

  void app.whenReady().then(() => {
    serveAppProtocol(join(__dirname, '../renderer'));
    lockDownSession(devServerUrl);
    Menu.setApplicationMenu(applicationMenu(development));
    services.start();
    openWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => services.stop());
}
