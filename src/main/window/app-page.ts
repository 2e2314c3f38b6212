import { pathToFileURL } from 'node:url';

/**
 * Decides whether a URL is the app's own page: the dev server's origin during development,
 * otherwise exactly the built index.html (any hash route). Only that page may call the
 * contract over IPC or be navigated to.
 */
export function appPageMatcher(options: {
  devServerUrl: string | undefined;
  pageFile: string;
}): (url: string) => boolean {
  if (options.devServerUrl) {
    const origin = new URL(options.devServerUrl).origin;
    return (url) => URL.canParse(url) && new URL(url).origin === origin;
  }
  const page = pathToFileURL(options.pageFile).href;
  return (url) => url.split('#')[0]?.split('?')[0] === page;
}
