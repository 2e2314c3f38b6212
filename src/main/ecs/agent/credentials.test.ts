import { describe, expect, it } from 'vitest';
import { assumedRoleIdentity, CredentialBook, roleIdOf } from './credentials';
import { seededBytes, startClock, taskRole } from './test-support';

const grant = {
  kind: 'task' as const,
  roleArn: taskRole,
  subject: 'arn:aws:ecs:us-east-1:123456789012:task/c/abc',
  sessionName: 'abc',
};

describe('credentials minted per task and role', () => {
  it('mints short-lived credentials shaped like STS ones, the same set until near expiry', () => {
    const clock = startClock();
    const book = new CredentialBook(clock, seededBytes());
    const id = book.grant(grant);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    const first = book.fetch(id)!;
    expect(first.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(first.secretAccessKey).toHaveLength(40);
    expect(first.expiration).toBe(clock.now() + 60 * 60 * 1000);
    clock.advance(30 * 60 * 1000);
    expect(book.fetch(id)).toEqual(first);
  });

  it('refreshes before expiry; the older set works until it expires', () => {
    const clock = startClock();
    const book = new CredentialBook(clock, seededBytes());
    const id = book.grant(grant);
    const first = book.fetch(id)!;
    clock.advance(50 * 60 * 1000);
    const second = book.fetch(id)!;
    expect(second.accessKeyId).not.toBe(first.accessKeyId);
    expect(second.expiration).toBeGreaterThan(first.expiration);
    expect(book.identify(first.accessKeyId, first.sessionToken)).toBeDefined();
    clock.advance(10 * 60 * 1000);
    expect(book.identify(first.accessKeyId, first.sessionToken)).toBeUndefined();
    expect(book.identify(second.accessKeyId, second.sessionToken)?.arn).toBe(
      'arn:aws:sts::123456789012:assumed-role/orders-reader/abc',
    );
  });

  it('identifies only its own credentials, with their token, until the subject is revoked', () => {
    const book = new CredentialBook(startClock(), seededBytes());
    const id = book.grant(grant);
    const minted = book.fetch(id)!;
    expect(book.identify(minted.accessKeyId, 'forged')).toBeUndefined();
    expect(book.identify(minted.accessKeyId, undefined)).toBeUndefined();
    expect(book.identify('ASIAUNKNOWNUNKNOWN00', minted.sessionToken)).toBeUndefined();
    book.revokeSubject(grant.subject);
    expect(book.identify(minted.accessKeyId, minted.sessionToken)).toBeUndefined();
    expect(book.fetch(id)).toBeUndefined();
  });

  it('summarises a grant with its access key id and expiry only', () => {
    const book = new CredentialBook(startClock(), seededBytes());
    const id = book.grant(grant);
    expect(book.summariesOf(grant.subject)).toEqual([{ kind: 'task', roleArn: taskRole }]);
    const minted = book.fetch(id)!;
    const [summary] = book.summariesOf(grant.subject);
    expect(summary).toEqual({
      kind: 'task',
      roleArn: taskRole,
      accessKeyId: minted.accessKeyId,
      expiration: minted.expiration,
    });
    expect(JSON.stringify(summary)).not.toContain(minted.secretAccessKey);
  });

  it('names the assumed role as STS does, with a stable role id', () => {
    const identity = assumedRoleIdentity({ roleArn: taskRole, sessionName: 'i-0abc' });
    expect(identity).toEqual({
      account: '123456789012',
      arn: 'arn:aws:sts::123456789012:assumed-role/orders-reader/i-0abc',
      userId: `${roleIdOf(taskRole)}:i-0abc`,
    });
    expect(roleIdOf(taskRole)).toMatch(/^AROA[A-Z2-7]{16}$/);
    expect(roleIdOf(taskRole)).toBe(roleIdOf(taskRole));
  });
});
