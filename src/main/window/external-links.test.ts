import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from './external-links';

describe('links opened in the system browser', () => {
  it.each(['http://localhost:8080/', 'https://docs.docker.com/engine/', 'http://127.0.0.1:32768'])(
    'allows the web link %s',
    (url) => expect(isAllowedExternalUrl(url)).toBe(true),
  );

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>1</script>',
    'vscode://file/etc/passwd',
    'ms-msdt:/id PCWDiagnostic',
    'smb://evil/share',
    'app://stowage/index.html',
    'http://user:pass@example.com/',
    'https://user@example.com/',
    'not a url',
    'http://',
    `https://example.com/${'a'.repeat(3000)}`,
  ])('refuses %s', (url) => expect(isAllowedExternalUrl(url)).toBe(false));
});
