import { session } from 'electron';

/**
 * A strict Content-Security-Policy on every response the window loads. The dev server needs
 * its own origin and websocket for hot reload; the packaged app needs nothing but itself.
 */
export function contentSecurityPolicy(devServerUrl: string | undefined): void {
  const devSources = devServerUrl ? ` ${devServerUrl} ${devServerUrl.replace(/^http/, 'ws')}` : '';
  const policy = [
    `default-src 'self'${devSources}`,
    `script-src 'self'${devSources}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src 'self'${devSources}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] },
    });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  );
}
