import { join } from 'node:path';
import { app, BrowserWindow, Menu, nativeTheme, shell } from 'electron';
import { createServices } from './services';
import { serveOverIpc } from './transports/electron-ipc';
import { appPageMatcher } from './window/app-page';
import { applicationMenu } from './window/menu';
import { contentSecurityPolicy } from './window/security';

// Wiring only: services, the IPC transport, the window, the menu, the single-instance lock.

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  const services = createServices({ dataDir: app.getPath('userData') });
  const devServerUrl = process.env.ELECTRON_RENDERER_URL;
  const pageFile = join(__dirname, '../renderer/index.html');
  const isAppPage = appPageMatcher({ devServerUrl, pageFile });
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
      webPreferences: {
        preload: join(__dirname, '../preload/index.cjs'),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
      },
    });
    transport.attach(window.webContents);
    window.once('ready-to-show', () => window.show());
    window.webContents.on('will-navigate', (event, url) => {
      if (!isAppPage(url)) event.preventDefault();
    });
    window.webContents.setWindowOpenHandler(({ url }) => {
      if (url.startsWith('https://')) void shell.openExternal(url);
      return { action: 'deny' };
    });
    if (devServerUrl) void window.loadURL(devServerUrl);
    else void window.loadFile(pageFile);
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
    contentSecurityPolicy(devServerUrl);
    Menu.setApplicationMenu(applicationMenu());
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
