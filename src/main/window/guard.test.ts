import { EventEmitter } from 'node:events';
import type { HandlerDetails, WindowOpenHandlerResponse } from 'electron';
import { describe, expect, it } from 'vitest';
import { appPageMatcher, appPageUrl } from './app-page';
import { devServerUrlFrom, guardWebContents, opensExternally, type GuardedContents } from './guard';

const isAppPage = appPageMatcher({ devServerUrl: undefined });

/** A web contents as far as the guard sees one, recording what the guard decides. */
function fakeContents(currentUrl: string) {
  const events = new EventEmitter();
  let openHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | undefined;
  type RequestHandler = (
    contents: unknown,
    permission: string,
    callback: (granted: boolean) => void,
  ) => void;
  let permissionRequest: RequestHandler | undefined;
  let permissionCheck: (() => boolean) | undefined;
  const contents = {
    on: (event: string, listener: (...args: unknown[]) => void) => events.on(event, listener),
    setWindowOpenHandler: (handler: typeof openHandler) => (openHandler = handler),
    getURL: () => currentUrl,
    session: {
      setPermissionRequestHandler: (handler: RequestHandler) => (permissionRequest = handler),
      setPermissionCheckHandler: (handler: () => boolean) => (permissionCheck = handler),
    },
  } as unknown as GuardedContents;
  const opened: string[] = [];
  guardWebContents(contents, { isAppPage, openExternal: (url) => opened.push(url) });
  return {
    /** Whether the guard let the event go on. */
    emit(event: string, url: string): boolean {
      let prevented = false;
      const preventDefault = () => (prevented = true);
      if (event === 'will-frame-navigate')
        events.emit(event, { url, isMainFrame: false, preventDefault });
      else events.emit(event, { preventDefault }, url);
      return !prevented;
    },
    open(url: string, referrerUrl = '') {
      const details = { url, referrer: { url: referrerUrl } } as HandlerDetails;
      return openHandler!(details).action;
    },
    opened,
    /** The answers to a request for each permission, and to a check. */
    permissions(): boolean[] {
      const answers: boolean[] = [];
      for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read']) {
        permissionRequest!(undefined, permission, (granted) => answers.push(granted));
      }
      return [...answers, permissionCheck!()];
    },
  };
}

describe('the web contents guard', () => {
  it('lets a frame or window navigate only to the app page', () => {
    const contents = fakeContents(appPageUrl);
    for (const event of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
      expect(contents.emit(event, 'app://stowage/index.html#/ecs'), event).toBe(true);
      expect(contents.emit(event, 'https://evil.example/'), event).toBe(false);
      expect(contents.emit(event, 'file:///etc/passwd'), event).toBe(false);
    }
    expect(contents.emit('will-attach-webview', appPageUrl)).toBe(false);
  });

  it('denies every window.open, sending only web links from the app page to the browser', () => {
    const fromApp = fakeContents(appPageUrl);
    expect(fromApp.open('https://docs.docker.com/', appPageUrl)).toBe('deny');
    expect(fromApp.open('file:///bin/sh', appPageUrl)).toBe('deny');
    expect(fromApp.opened).toEqual(['https://docs.docker.com/']);

    const elsewhere = fakeContents('https://evil.example/');
    expect(elsewhere.open('https://docs.docker.com/', 'https://evil.example/')).toBe('deny');
    expect(elsewhere.opened).toEqual([]);
  });

  it('grants no permission, asked or checked', () => {
    expect(fakeContents(appPageUrl).permissions()).toEqual([false, false, false, false, false]);
  });

  it('decides window.open from the referrer or the opener', () => {
    const request = { url: 'https://aws.amazon.com/', referrerUrl: '', openerUrl: appPageUrl };
    expect(opensExternally(request, isAppPage)).toBe(true);
    expect(opensExternally({ ...request, openerUrl: 'about:blank' }, isAppPage)).toBe(false);
    expect(opensExternally({ ...request, url: 'javascript:alert(1)' }, isAppPage)).toBe(false);
  });

  it('takes the dev server from the environment only when not packaged', () => {
    const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173' };
    expect(devServerUrlFrom({ isPackaged: false, env })).toBe('http://localhost:5173');
    expect(devServerUrlFrom({ isPackaged: true, env })).toBeUndefined();
    expect(devServerUrlFrom({ isPackaged: false, env: {} })).toBeUndefined();
  });
});
