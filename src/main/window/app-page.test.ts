import { describe, expect, it } from 'vitest';
import { appPageMatcher } from './app-page';

describe('appPageMatcher', () => {
  it('accepts only the built page, with any route', () => {
    const isAppPage = appPageMatcher({
      devServerUrl: undefined,
      pageFile: '/opt/Stowage/out/renderer/index.html',
    });
    expect(isAppPage('file:///opt/Stowage/out/renderer/index.html')).toBe(true);
    expect(isAppPage('file:///opt/Stowage/out/renderer/index.html#/engine')).toBe(true);
    expect(isAppPage('file:///tmp/evil/renderer/index.html')).toBe(false);
    expect(isAppPage('file:///opt/Stowage/out/renderer/other.html')).toBe(false);
    expect(isAppPage('https://example.com/out/renderer/index.html')).toBe(false);
  });

  it('accepts the dev server origin during development', () => {
    const isAppPage = appPageMatcher({
      devServerUrl: 'http://localhost:5173/',
      pageFile: '/unused/index.html',
    });
    expect(isAppPage('http://localhost:5173/#/images')).toBe(true);
    expect(isAppPage('http://localhost:5174/')).toBe(false);
    expect(isAppPage('http://localhost:5173.evil.example/')).toBe(false);
    expect(isAppPage('not a url')).toBe(false);
  });
});
