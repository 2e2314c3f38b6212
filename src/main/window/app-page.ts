/** The scheme and host the packaged page is served from: `app://stowage/index.html`. */
export const appScheme = 'app';
export const appOrigin = `${appScheme}://stowage`;
export const appPageUrl = `${appOrigin}/index.html`;

/**
 * Decides whether a URL is the app's own page: the dev server's origin during development,
 * otherwise the `app://stowage` origin (any path or route). Only that page may talk to main
 * over IPC or be navigated to.
 */
export function appPageMatcher(options: {
  devServerUrl: string | undefined;
}): (url: string) => boolean {
  const origin = options.devServerUrl ? originOf(options.devServerUrl) : appOrigin;
  return (url) => originOf(url) === origin;
}

function originOf(url: string): string | undefined {
  if (!URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  // Custom schemes have an opaque `origin` ("null"), so compare scheme and host ourselves.
  return `${parsed.protocol}//${parsed.host}`;
}
