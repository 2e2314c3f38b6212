import { spawn, spawnSync } from 'node:child_process';
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { request } from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { SourceData } from '@smithy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CredentialBook, type MintedCredentials } from '../agent/credentials';
import { ManualClock } from '../../lib/clock';
import { seededBytes, taskRole } from '../agent/test-support';
import type { EcsControlPlaneApi } from './operations';
import { startEcsEndpoint, type EcsEndpoint } from './server';
import { credentialScopeOf } from './sts-query-service';

const awsFound = spawnSync('aws', ['--version'], { encoding: 'utf8' });
const awsMissing =
  awsFound.error || awsFound.status !== 0
    ? `the AWS CLI ("aws") is not on PATH; install Debian's awscli to run it`
    : undefined;
if (awsMissing) console.warn(`sts.test.ts: the AWS CLI case is skipped: ${awsMissing}`);

const subject = 'arn:aws:ecs:us-east-1:123456789012:task/c/0123456789abcdef';
const form = 'application/x-www-form-urlencoded; charset=utf-8';

/** The SDK's SHA-256 over node:crypto, as its signer wants it. */
class NodeSha256 {
  private hash: Hash | Hmac;
  constructor(private readonly secret?: SourceData) {
    this.hash = this.fresh();
  }
  update(data: Uint8Array): void {
    this.hash.update(data);
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {
    this.hash = this.fresh();
  }
  private fresh(): Hash | Hmac {
    if (this.secret === undefined) return createHash('sha256');
    const key =
      typeof this.secret === 'string' ? this.secret : Buffer.from(this.secret as Uint8Array);
    return createHmac('sha256', key);
  }
}

interface Keys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** The headers of a POST / signed by the AWS SDK's SigV4 signer. */
async function signedHeaders(
  url: string,
  body: string,
  keys: Keys,
  service = 'sts',
  signingDate?: Date,
) {
  const { hostname, port, host } = new URL(url);
  const signer = new SignatureV4({
    credentials: keys,
    region: 'us-east-1',
    service,
    sha256: NodeSha256,
  });
  const signed = await signer.sign(
    {
      method: 'POST',
      protocol: 'http:',
      hostname,
      port: Number(port),
      path: '/',
      query: {},
      headers: { host, 'content-type': form },
      body,
    },
    signingDate ? { signingDate } : {},
  );
  return signed.headers;
}

/** POSTs `body` with exactly `headers` (Host included); the status and text of the answer. */
function post(url: string, body: string, headers: Record<string, string>) {
  const { hostname, port } = new URL(url);
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const sent = request({ hostname, port, method: 'POST', path: '/', headers }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
    });
    sent.on('error', reject);
    sent.end(body);
  });
}

describe('STS GetCallerIdentity on the ECS endpoint', () => {
  let endpoint: EcsEndpoint;
  let minted: MintedCredentials;
  const book = new CredentialBook(
    // The CLI checks nothing of the expiry, but the book does: a clock at the real time.
    { now: () => Date.now() },
    seededBytes(),
  );

  beforeAll(async () => {
    minted = book.fetch(
      book.grant({ kind: 'task', roleArn: taskRole, subject, sessionName: '0123456789abcdef' }),
    )!;
    endpoint = await startEcsEndpoint({
      controlPlane: {} as EcsControlPlaneApi,
      identify: (key, token) => book.holderOf(key, token),
    });
  });
  afterAll(() => endpoint.close());

  const action = 'Action=GetCallerIdentity&Version=2011-06-15';
  const keys = (): Keys => ({
    accessKeyId: minted.accessKeyId,
    secretAccessKey: minted.secretAccessKey,
    sessionToken: minted.sessionToken,
  });
  const codeOf = (text: string) => /<Code>([^<]+)<\/Code>/.exec(text)?.[1];

  it('answers the assumed role of credentials it minted, signed by the SDK, as XML', async () => {
    const response = await post(
      endpoint.url,
      action,
      await signedHeaders(endpoint.url, action, keys()),
    );
    expect(response.status).toBe(200);
    expect(response.text).toContain(
      '<Arn>arn:aws:sts::123456789012:assumed-role/orders-reader/0123456789abcdef</Arn>',
    );
    expect(response.text).toContain('<Account>123456789012</Account>');
    expect(response.text).toMatch(/<UserId>AROA[A-Z2-7]{16}:0123456789abcdef<\/UserId>/);
  });

  it('answers SignatureDoesNotMatch for a wrong secret or a request changed after signing', async () => {
    const wrongSecret = await signedHeaders(endpoint.url, action, {
      ...keys(),
      secretAccessKey: `${minted.secretAccessKey.slice(0, -1)}x`,
    });
    const good = await signedHeaders(endpoint.url, action, keys());
    const tampered = [
      await post(endpoint.url, action, wrongSecret),
      // The body changed after signing.
      await post(endpoint.url, `${action}&Extra=1`, good),
      // A signed header changed after signing.
      await post(endpoint.url, action, { ...good, 'content-type': `${form}; x=1` }),
      // The signature itself altered.
      await post(endpoint.url, action, {
        ...good,
        authorization: (good.authorization ?? '').replace(/Signature=(.)/, (_m, c: string) =>
          c === '0' ? 'Signature=1' : 'Signature=0',
        ),
      }),
    ];
    for (const response of tampered) {
      expect(response.status).toBe(403);
      expect(codeOf(response.text)).toBe('SignatureDoesNotMatch');
    }
    // The untouched request still passes: the refusals above were for what was changed.
    expect((await post(endpoint.url, action, good)).status).toBe(200);
  });

  it('answers InvalidClientTokenId for credentials it did not mint or a wrong token', async () => {
    for (const other of [
      { ...keys(), accessKeyId: 'AKIAIOSFODNN7EXAMPLE' },
      { ...keys(), sessionToken: 'not-the-token' },
    ]) {
      const response = await post(
        endpoint.url,
        action,
        await signedHeaders(endpoint.url, action, other),
      );
      expect(response.status).toBe(403);
      expect(codeOf(response.text)).toBe('InvalidClientTokenId');
    }
    const host = new URL(endpoint.url).host;
    const unsigned = await post(endpoint.url, 'Action=GetCallerIdentity', {
      host,
      'content-type': form,
    });
    expect(codeOf(unsigned.text)).toBe('MissingAuthenticationToken');
    const assumeRole = 'Action=AssumeRole';
    const other = await post(
      endpoint.url,
      assumeRole,
      await signedHeaders(endpoint.url, assumeRole, keys()),
    );
    expect(codeOf(other.text)).toBe('InvalidAction');
    const sqsBody = 'Action=ListQueues';
    const sqs = await post(
      endpoint.url,
      sqsBody,
      await signedHeaders(endpoint.url, sqsBody, keys(), 'sqs'),
    );
    expect(codeOf(sqs.text)).toBe('UnknownService');
  });

  it('reads the access key id and service of a SigV4 credential scope', () => {
    const scope =
      'AWS4-HMAC-SHA256 Credential=ASIAEXAMPLEEXAMPLE12/20260101/us-east-1/sts/aws4_request, ' +
      `SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`;
    expect(credentialScopeOf(scope)).toEqual({
      accessKeyId: 'ASIAEXAMPLEEXAMPLE12',
      service: 'sts',
    });
    expect(credentialScopeOf('Basic dXNlcjpwYXNz')).toBeUndefined();
    expect(credentialScopeOf(undefined)).toBeUndefined();
  });

  it.skipIf(awsMissing !== undefined)(
    'answers `aws sts get-caller-identity`',
    async () => {
      const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: '/nonexistent' };
      Object.assign(env, {
        AWS_ACCESS_KEY_ID: minted.accessKeyId,
        AWS_SECRET_ACCESS_KEY: minted.secretAccessKey,
        AWS_SESSION_TOKEN: minted.sessionToken,
        AWS_DEFAULT_REGION: 'us-east-1',
        AWS_CONFIG_FILE: '/nonexistent/config',
        AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
        AWS_EC2_METADATA_DISABLED: 'true',
      });
      const output = await new Promise<string>((resolve, reject) => {
        const child = spawn(
          'aws',
          ['sts', 'get-caller-identity', '--endpoint-url', endpoint.url, '--output', 'json'],
          { env },
        );
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('error', reject);
        child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(stderr))));
      });
      expect(JSON.parse(output)).toMatchObject({
        Account: '123456789012',
        Arn: 'arn:aws:sts::123456789012:assumed-role/orders-reader/0123456789abcdef',
      });
    },
    30_000,
  );
});

describe('STS GetCallerIdentity against the clock', () => {
  const signedAt = Date.UTC(2026, 0, 1, 12, 0, 0);
  const clock = new ManualClock(signedAt);
  const book = new CredentialBook(clock, seededBytes());
  let endpoint: EcsEndpoint;
  let keys: Keys;

  beforeAll(async () => {
    const minted = book.fetch(
      book.grant({ kind: 'task', roleArn: taskRole, subject, sessionName: '0123456789abcdef' }),
    )!;
    keys = {
      accessKeyId: minted.accessKeyId,
      secretAccessKey: minted.secretAccessKey,
      sessionToken: minted.sessionToken,
    };
    endpoint = await startEcsEndpoint({
      controlPlane: {} as EcsControlPlaneApi,
      identify: (key, token) => book.holderOf(key, token),
      clock,
    });
  });
  afterAll(() => endpoint.close());

  const action = 'Action=GetCallerIdentity&Version=2011-06-15';
  const errorOf = (text: string) => ({
    code: /<Code>([^<]+)<\/Code>/.exec(text)?.[1],
    message: /<Message>([^<]+)<\/Message>/.exec(text)?.[1],
  });

  it('answers a captured request until 15 minutes have passed, then refuses its replay', async () => {
    const captured = await signedHeaders(endpoint.url, action, keys, 'sts', new Date(signedAt));
    expect(captured['x-amz-date']).toBe('20260101T120000Z');
    expect((await post(endpoint.url, action, captured)).status).toBe(200);
    clock.advance(15 * 60 * 1000);
    expect((await post(endpoint.url, action, captured)).status).toBe(200);

    clock.advance(1000);
    const replayed = await post(endpoint.url, action, captured);
    expect(replayed.status).toBe(403);
    expect(errorOf(replayed.text)).toEqual({
      code: 'SignatureDoesNotMatch',
      message:
        'Signature expired: 20260101T120000Z is now earlier than 20260101T120001Z ' +
        '(20260101T121501Z - 15 min.)',
    });
    // The credentials themselves still hold: a request signed now is answered.
    const fresh = await signedHeaders(endpoint.url, action, keys, 'sts', new Date(clock.now()));
    expect((await post(endpoint.url, action, fresh)).status).toBe(200);
  });

  it('refuses a request signed more than 15 minutes ahead of its clock', async () => {
    const ahead = new Date(clock.now() + 16 * 60 * 1000);
    const response = await post(
      endpoint.url,
      action,
      await signedHeaders(endpoint.url, action, keys, 'sts', ahead),
    );
    expect(response.status).toBe(403);
    expect(errorOf(response.text).code).toBe('SignatureDoesNotMatch');
    expect(errorOf(response.text).message).toMatch(
      /^Signature not yet current: \d{8}T\d{6}Z is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 15 min\.\)$/,
    );
  });
});
