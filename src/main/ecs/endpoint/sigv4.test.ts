import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { amzDateOf, signatureTimeProblem, signatureWindowMs, verifySigV4 } from './sigv4';

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

describe('signatureTimeProblem', () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 0);
  const signedAt = (offsetMs: number) => amzDateOf(now + offsetMs);

  it('writes instants as SigV4 does', () => {
    expect(amzDateOf(now)).toBe('20260101T120000Z');
  });

  it('accepts a date up to 15 minutes either side of the clock', () => {
    for (const offset of [0, -signatureWindowMs, signatureWindowMs, -60_000, 60_000]) {
      expect(signatureTimeProblem(signedAt(offset), now)).toBeUndefined();
    }
  });

  it('refuses an older date as expired and a later one as not yet current, in AWS words', () => {
    expect(signatureTimeProblem(signedAt(-signatureWindowMs - 1000), now)).toBe(
      'Signature expired: 20260101T114459Z is now earlier than 20260101T114500Z ' +
        '(20260101T120000Z - 15 min.)',
    );
    expect(signatureTimeProblem(signedAt(signatureWindowMs + 1000), now)).toBe(
      'Signature not yet current: 20260101T121501Z is still later than 20260101T121500Z ' +
        '(20260101T120000Z + 15 min.)',
    );
    expect(signatureTimeProblem('20200101T000000Z', now)).toMatch(/^Signature expired: /);
  });

  it('leaves a date that is not SigV4 basic format to the signature check', () => {
    for (const bad of ['', '2026-01-01T12:00:00Z', '20261340T120000Z', '20260101T120000', 'x']) {
      expect(signatureTimeProblem(bad, now)).toBeUndefined();
    }
  });
});
