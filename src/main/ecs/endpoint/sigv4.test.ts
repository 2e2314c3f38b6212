import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifySigV4 } from './sigv4';

const scope = 'AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE/20260101/us-east-1/sts/aws4_request';

describe('verifySigV4', () => {
  it('refuses, never throws, on malformed authorization, dates, headers and queries', () => {
    const cases = [
      undefined,
      '',
      'Basic dXNlcjpwYXNz',
      `${scope}, SignedHeaders=host, Signature=zz`,
      `${scope}, SignedHeaders=x-amz-date, Signature=${'0'.repeat(64)}`,
      `${scope}, SignedHeaders=host;missing, Signature=${'0'.repeat(64)}`,
      `${scope}, SignedHeaders=host, Signature=${'0'.repeat(64)}`,
      `${scope}, SignedHeaders=${'h;'.repeat(600)}host, Signature=${'0'.repeat(64)}`,
    ];
    for (let i = 0; i < 300; i++) cases.push(randomBytes(i % 97).toString('latin1'));
    for (const authorization of cases) {
      for (const url of ['/', '/?%E0%A4%A=1&&=&a', `/?${'x=%ZZ&'.repeat(50)}`]) {
        const request = {
          method: 'POST',
          url,
          headers: { host: 'h', 'x-amz-date': '20260101T000000Z', authorization },
          body: 'Action=GetCallerIdentity',
        };
        expect(verifySigV4(request, 'secret')).toBe(false);
      }
    }
  });
});
