import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './csp';

const directives = (policy: string) =>
  new Map(policy.split('; ').map((directive) => [directive.split(' ')[0]!, directive]));

describe('the content security policy', () => {
  it('runs only the app’s own scripts, never inline or eval, and loads nothing foreign', () => {
    const policy = directives(contentSecurityPolicy());
    expect(policy.get('script-src')).toBe("script-src 'self'");
    expect(policy.get('default-src')).toBe("default-src 'self'");
    expect(policy.get('connect-src')).toBe("connect-src 'self'");
    expect(policy.get('object-src')).toBe("object-src 'none'");
    expect(policy.get('frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(policy.get('base-uri')).toBe("base-uri 'none'");
    // Inline styles only: the terminal's style elements cannot carry a nonce.
    expect(policy.get('style-src')).toBe("style-src 'self' 'unsafe-inline'");
    expect(contentSecurityPolicy()).not.toMatch(/unsafe-eval|\*/);
  });

  it('allows the dev server, and its hot reload socket, only when given one', () => {
    const policy = directives(contentSecurityPolicy({ devServerUrl: 'http://localhost:5173' }));
    expect(policy.get('script-src')).toBe(
      "script-src 'self' http://localhost:5173 ws://localhost:5173",
    );
    expect(policy.get('connect-src')).toContain('ws://localhost:5173');
  });
});
