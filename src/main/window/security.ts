import { readFile } from 'node:fs/promises';
import { protocol, session } from 'electron';
import { contentSecurityPolicy } from '../lib/csp';
import { resolveAppFile } from './app-files';
import { appScheme } from './app-page';

/** Must run before the app is ready: `app://` behaves like https (standard, secure). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer on `app://stowage/`, every answer with the one CSP. */
export function serveAppProtocol(rendererDir: string): void {
  const headers = {
    'Content-Security-Policy': contentSecurityPolicy(),
    'X-Content-Type-Options': 'nosniff',
  };
  protocol.handle(appScheme, async (request) => {
    const resolved = resolveAppFile(rendererDir, request.url);
    if ('status' in resolved) return new Response(null, { status: resolved.status, headers });
    try {
      const body = await readFile(resolved.file);
      return new Response(body, { headers: { ...headers, 'Content-Type': resolved.contentType } });
    } catch {
      return new Response(null, { status: 404, headers });
    }
  });
}

/**
 * The session's rules: no permission (camera, notifications, ...) is ever granted, and in
 * development the dev server's pages get the same CSP (with the dev server allowed).
 */
export function lockDownSession(devServerUrl: string | undefined): void {
  const defaultSession = session.defaultSession;
  defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  defaultSession.setPermissionCheckHandler(() => false);
  if (devServerUrl) {
    const policy = contentSecurityPolicy({ devServerUrl });
    defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({
        responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] },
      });
    });
  }
}
