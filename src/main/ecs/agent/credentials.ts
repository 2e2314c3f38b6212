import { createHash } from 'node:crypto';
import type { Clock } from '../../lib/clock';

/** Random bytes, injected: `crypto.randomBytes` in the app, a seeded source in tests. */
export type RandomBytes = (size: number) => Uint8Array;

/** Whose role a grant is: a task's, the runtime's for a task (never served to it), an instance's. */
export type GrantKind = 'task' | 'execution' | 'instance';

export interface RoleGrant {
  kind: GrantKind;
  roleArn: string;
  /** The task ARN or the container instance ARN the credentials are for. */
  subject: string;
  /** The session name STS answers with: the task id or the EC2 instance id. */
  sessionName: string;
}

export interface MintedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** Epoch milliseconds. */
  expiration: number;
}

export interface CredentialTimes {
  /** How long one set of credentials lives. */
  lifetimeMs: number;
  /** A fetch this close to the expiry gets a fresh set (the agent refreshes before they expire). */
  refreshBeforeMs: number;
}

export const defaultCredentialTimes: CredentialTimes = {
  lifetimeMs: 60 * 60 * 1000,
  refreshBeforeMs: 15 * 60 * 1000,
};

/** What the UI and logs may see of a grant: never the secret or the token. */
export interface GrantSummary {
  kind: GrantKind;
  roleArn: string;
  accessKeyId?: string;
  /** Epoch milliseconds; absent until first fetched. */
  expiration?: number;
}

/** Who holds minted credentials, and their secret. */
export interface CredentialHolder {
  identity: CallerIdentity;
  secretAccessKey: string;
}

export interface CallerIdentity {
  account: string;
  arn: string;
  userId: string;
}

interface GrantEntry {
  grant: RoleGrant;
  /** Every set minted and not yet expired: the newest first. Older ones stay valid until expiry. */
  minted: MintedCredentials[];
}

const accessKeyAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const secretAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * Short-lived credentials per task (or instance) and role, the way the ECS agent hands them
 * out: each grant has an unguessable id (the path a container fetches), every fetch gets the
 * current set, minted again when it is close to expiry; revoking a subject (the task stopped)
 * ends its grants and every set minted for them at once.
 */
export class CredentialBook {
  private readonly grants = new Map<string, GrantEntry>();
  private readonly byAccessKey = new Map<string, string>();

  constructor(
    private readonly clock: Pick<Clock, 'now'>,
    private readonly randomBytes: RandomBytes,
    private readonly times: CredentialTimes = defaultCredentialTimes,
  ) {}

  /**
   * A new grant; its id (a UUID) names it in `/v2/credentials/<id>`. `keptId` is the id a
   * running container was given before a restart, kept so that what it holds works again.
   */
  grant(grant: RoleGrant, keptId?: string): string {
    const id =
      keptId !== undefined && !this.grants.has(keptId) ? keptId : uuidFrom(this.randomBytes(16));
    this.grants.set(id, { grant, minted: [] });
    return id;
  }

  grantOf(id: string): RoleGrant | undefined {
    return this.grants.get(id)?.grant;
  }

  /** The current credentials of grant `id`, minted anew near their expiry; undefined once revoked. */
  fetch(id: string): MintedCredentials | undefined {
    const entry = this.grants.get(id);
    if (!entry) return undefined;
    const now = this.clock.now();
    this.dropExpired(entry, now);
    const current = entry.minted[0];
    if (current && current.expiration - now > this.times.refreshBeforeMs) return current;
    const fresh = this.mint(now);
    entry.minted.unshift(fresh);
    this.byAccessKey.set(fresh.accessKeyId, id);
    return fresh;
  }

  /** Ends every grant of `subject` (a stopped task): its credentials stop working at once. */
  revokeSubject(subject: string): void {
    for (const [id, entry] of this.grants) {
      if (entry.grant.subject !== subject) continue;
      for (const minted of entry.minted) this.byAccessKey.delete(minted.accessKeyId);
      this.grants.delete(id);
    }
  }

  /** The grants of `subject` as the UI may show them. */
  summariesOf(subject: string): GrantSummary[] {
    const now = this.clock.now();
    return [...this.grants.values()]
      .filter((entry) => entry.grant.subject === subject)
      .map((entry) => {
        this.dropExpired(entry, now);
        const current = entry.minted[0];
        return {
          kind: entry.grant.kind,
          roleArn: entry.grant.roleArn,
          ...(current ? { accessKeyId: current.accessKeyId, expiration: current.expiration } : {}),
        };
      });
  }

  /**
   * Who holds `accessKeyId`, when this book minted it, it has not expired, its grant stands and
   * `sessionToken` is the one minted with it: STS GetCallerIdentity's answer.
   */
  identify(accessKeyId: string, sessionToken: string | undefined): CallerIdentity | undefined {
    return this.holderOf(accessKeyId, sessionToken)?.identity;
  }

  /**
   * As `identify`, with the secret the caller must have signed with: STS checks the request's
   * signature with it. Stays in main.
   */
  holderOf(accessKeyId: string, sessionToken: string | undefined): CredentialHolder | undefined {
    const id = this.byAccessKey.get(accessKeyId);
    const entry = id === undefined ? undefined : this.grants.get(id);
    if (!entry) return undefined;
    const minted = entry.minted.find((m) => m.accessKeyId === accessKeyId);
    if (!minted || minted.expiration <= this.clock.now()) return undefined;
    if (sessionToken === undefined || sessionToken !== minted.sessionToken) return undefined;
    return { identity: assumedRoleIdentity(entry.grant), secretAccessKey: minted.secretAccessKey };
  }

  private dropExpired(entry: GrantEntry, now: number): void {
    const [live, expired] = partition(entry.minted, (m) => m.expiration > now);
    for (const minted of expired) this.byAccessKey.delete(minted.accessKeyId);
    entry.minted = live;
  }

  private mint(now: number): MintedCredentials {
    return {
      accessKeyId: `ASIA${encode(this.randomBytes(16), accessKeyAlphabet)}`,
      secretAccessKey: encode(this.randomBytes(40), secretAlphabet),
      sessionToken: Buffer.from(this.randomBytes(96)).toString('base64'),
      expiration: now + this.times.lifetimeMs,
    };
  }
}

/** `arn:aws:sts::<account>:assumed-role/<role name>/<session>`, as STS names an assumed role. */
export function assumedRoleIdentity(grant: Pick<RoleGrant, 'roleArn' | 'sessionName'>) {
  const account = grant.roleArn.split(':')[4] || '000000000000';
  const roleName = grant.roleArn.slice(grant.roleArn.lastIndexOf('/') + 1);
  return {
    account,
    arn: `arn:aws:sts::${account}:assumed-role/${roleName}/${grant.sessionName}`,
    userId: `${roleIdOf(grant.roleArn)}:${grant.sessionName}`,
  };
}

/** A stable `AROA…` id for a role ARN, as IAM gives each role one. */
export function roleIdOf(roleArn: string): string {
  const digest = createHash('sha256').update(roleArn).digest();
  return `AROA${encode(digest.subarray(0, 16), accessKeyAlphabet)}`;
}

/** The role name an IAM role ARN ends with (`arn:aws:iam::1:role/path/name` → `name`). */
export function roleNameOf(roleArn: string): string {
  return roleArn.slice(roleArn.lastIndexOf('/') + 1);
}

export function uuidFrom(bytes: Uint8Array): string {
  const hex = Buffer.from(bytes.subarray(0, 16)).toString('hex').padEnd(32, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function encode(bytes: Uint8Array, alphabet: string): string {
  return [...bytes].map((byte) => alphabet[byte % alphabet.length]).join('');
}

function partition<T>(items: readonly T[], keep: (item: T) => boolean): [T[], T[]] {
  return [items.filter(keep), items.filter((item) => !keep(item))];
}
