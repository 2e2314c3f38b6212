import { describe, expect, it } from 'vitest';
import { resolveAppFile } from './app-files';

const root = '/opt/Stowage/out/renderer';

describe('files of the app:// protocol', () => {
  it('serves built files with their content type, and routes as index.html', () => {
    expect(resolveAppFile(root, 'app://stowage/assets/index-1.js')).toEqual({
      file: `${root}/assets/index-1.js`,
      contentType: 'text/javascript; charset=utf-8',
      fallbackToIndex: false,
    });
    expect(resolveAppFile(root, 'app://stowage/')).toMatchObject({ file: `${root}/index.html` });
    expect(resolveAppFile(root, 'app://stowage/images?x=1#/y')).toMatchObject({
      file: `${root}/index.html`,
      fallbackToIndex: true,
    });
  });

  it.each([
    'app://stowage/../../etc/passwd',
    'app://stowage/%2e%2e/%2e%2e/etc/passwd',
    'app://stowage/..%2f..%2fetc%2fpasswd',
    'app://stowage/..\\..\\etc\\passwd',
  ])('never leaves the renderer directory: %s', (url) => {
    const resolved = resolveAppFile(root, url);
    expect('file' in resolved && resolved.file.startsWith(`${root}/`)).toBe(true);
  });

  it('refuses other hosts and schemes, bad escapes and NUL bytes', () => {
    expect(resolveAppFile(root, 'app://evil/index.html')).toEqual({ status: 404 });
    expect(resolveAppFile(root, 'file:///etc/passwd')).toEqual({ status: 404 });
    expect(resolveAppFile(root, 'app://stowage/%E0%A4%A')).toEqual({ status: 400 });
    expect(resolveAppFile(root, 'app://stowage/a%00.js')).toEqual({ status: 400 });
  });
});
