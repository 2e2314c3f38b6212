import { join } from 'node:path';
import { app, BrowserWindow, Menu, nativeTheme, shell } from 'electron';
import { createServices, ecsRuntimeFrom } from './composition';
import { serveOverIpc } from './transports/electron-ipc';
import { appPageMatcher, appPageUrl } from './window/app-page';
import { isAllowedExternalUrl } from './window/external-links';
import { applicationMenu } from './window/menu';
import { windowPreferences } from './window/preferences';
import { lockDownSession, registerAppScheme, serveAppProtocol } from './window/security';

// Wiring only: services, the IPC transport, the window, the menu, the single-instance lock.

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  const services = createServices({
    dataDir: app.getPath('userData'),
    ecsRuntime: ecsRuntimeFrom(process.env),
  });
  const devServerUrl = process.env.ELECTRON_RENDERER_URL;
  const development = devServerUrl !== undefined;
  const isAppPage = appPageMatcher({ devServerUrl });
  const transport = serveOverIpc(services, isAppPage);

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
    const stayOnAppPage = (event: { preventDefault(): void }, url: string) => {
      if (!isAppPage(url)) event.preventDefault();
    };
    contents.on('will-navigate', stayOnAppPage);
    contents.on('will-redirect', stayOnAppPage);
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url, referrer }) => {
      const fromAppPage = isAppPage(referrer.url) || isAppPage(contents.getURL());
      if (fromAppPage && isAllowedExternalUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
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
