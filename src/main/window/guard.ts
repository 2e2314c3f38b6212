import type { Session, WebContents } from 'electron';
import { isAllowedExternalUrl } from './external-links';

/** What the guard uses of a WebContents (a stand-in in tests, where Electron cannot start). */
export interface GuardedContents {
  on(event: string, listener: (...args: never[]) => void): unknown;
  setWindowOpenHandler: WebContents['setWindowOpenHandler'];
  getURL(): string;
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>;
}

export interface GuardOptions {
  isAppPage(url: string): boolean;
  /** Hands a link to the system browser. */
  openExternal(url: string): void;
}

interface Preventable {
  preventDefault(): void;
}

/**
 * The dev server's URL, which the window loads instead of the built page: only for an
 * unpackaged app. A packaged one never takes it from its environment, where anyone who starts
 * the app could point its privileged window at a page of theirs.
 */
export function devServerUrlFrom(options: {
  isPackaged: boolean;
  env: NodeJS.ProcessEnv;
}): string | undefined {
  return options.isPackaged ? undefined : options.env.ELECTRON_RENDERER_URL;
}

/**
 * Whether a window.open from `contents` goes to the system browser: only a plain web link,
 * and only when the app page asked. Nothing ever opens a new Electron window.
 */
export function opensExternally(
  request: { url: string; referrerUrl: string; openerUrl: string },
  isAppPage: (url: string) => boolean,
): boolean {
  const fromAppPage = isAppPage(request.referrerUrl) || isAppPage(request.openerUrl);
  return fromAppPage && isAllowedExternalUrl(request.url);
}

/**
 * The rules of every web contents the app creates (the window, and anything a page might make
 * appear: a webview, a popup, a frame). Registered from `web-contents-created`, so none escapes
 * them: a frame or window navigates only to the app page, window.open is denied (a web link
 * goes to the system browser), webviews never attach, and no permission is ever granted.
 */
export function guardWebContents(contents: GuardedContents, options: GuardOptions): void {
  const stayOnAppPage = (event: Preventable, url: string) => {
    if (!options.isAppPage(url)) event.preventDefault();
  };
  contents.on('will-navigate', stayOnAppPage);
  contents.on('will-redirect', stayOnAppPage);
  // Subframes too: will-navigate only sees the main frame.
  contents.on('will-frame-navigate', (details: Preventable & { url: string }) =>
    stayOnAppPage(details, details.url),
  );
  contents.on('will-attach-webview', (event: Preventable) => event.preventDefault());
  contents.setWindowOpenHandler(({ url, referrer }) => {
    const request = { url, referrerUrl: referrer.url, openerUrl: contents.getURL() };
    if (opensExternally(request, options.isAppPage)) options.openExternal(url);
    return { action: 'deny' };
  });
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  );
  contents.session.setPermissionCheckHandler(() => false);
}
