/**
 * The one Content-Security-Policy of the app page, for both shells: the browser-mode server
 * sends it as a header, the Electron shell sets it on its `app://` protocol responses. The
 * page loads nothing but its own files; during development the Vite dev server (and its hot
 * reload socket) is allowed too.
 */
export function contentSecurityPolicy(options: { devServerUrl?: string | undefined } = {}): string {
  const dev = options.devServerUrl
    ? ` ${options.devServerUrl} ${options.devServerUrl.replace(/^http/, 'ws')}`
    : '';
  return [
    `default-src 'self'${dev}`,
    `script-src 'self'${dev}`,
    // Style elements made at run time. Emotion (MUI) could carry a per-page nonce, but the
    // terminal (xterm) creates its own style elements for its theme and cell size and offers
    // no nonce; a nonce in the policy would make browsers ignore 'unsafe-inline' and break it.
    // Scripts, where injection matters, stay limited to the app's own files.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self'${dev}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
