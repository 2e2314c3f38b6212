import { describe, expect, it } from 'vitest';
import { appPageMatcher, appPageUrl } from './app-page';

describe('appPageMatcher', () => {
  it('accepts only the app:// page, with any route', () => {
    const isAppPage = appPageMatcher({ devServerUrl: undefined });
    expect(isAppPage(appPageUrl)).toBe(true);
    expect(isAppPage('app://stowage/index.html#/engine')).toBe(true);
    expect(isAppPage('app://other/index.html')).toBe(false);
    expect(isAppPage('file:///opt/Stowage/out/renderer/index.html')).toBe(false);
    expect(isAppPage('https://stowage/index.html')).toBe(false);
    expect(isAppPage('not a url')).toBe(false);
  });

  it('accepts the dev server origin during development, and nothing else', () => {
    const isAppPage = appPageMatcher({ devServerUrl: 'http://localhost:5173/' });
    expect(isAppPage('http://localhost:5173/#/images')).toBe(true);
    expect(isAppPage('http://localhost:5174/')).toBe(false);
    expect(isAppPage('http://localhost:5173.evil.example/')).toBe(false);
    expect(isAppPage(appPageUrl)).toBe(false);
  });
});
