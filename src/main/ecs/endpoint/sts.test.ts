import { spawn, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CredentialBook, type MintedCredentials } from '../agent/credentials';
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

function authorization(accessKeyId: string, service = 'sts') {
  return (
    `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20260101/us-east-1/${service}/aws4_request, ` +
    'SignedHeaders=host;x-amz-date, Signature=' +
    '0'.repeat(64)
  );
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
      identify: (key, token) => book.identify(key, token),
    });
  });
  afterAll(() => endpoint.close());

  const post = (body: string, headers: Record<string, string>) =>
    fetch(`${endpoint.url}/`, {
      method: 'POST',
      body,
      headers: { 'Content-Type': form, ...headers },
    });

  it('answers the assumed role of credentials it minted, as XML', async () => {
    const response = await post('Action=GetCallerIdentity&Version=2011-06-15', {
      Authorization: authorization(minted.accessKeyId),
      'X-Amz-Security-Token': minted.sessionToken,
    });
    expect(response.status).toBe(200);
    const xml = await response.text();
    expect(xml).toContain(
      '<Arn>arn:aws:sts::123456789012:assumed-role/orders-reader/0123456789abcdef</Arn>',
    );
    expect(xml).toContain('<Account>123456789012</Account>');
    expect(xml).toMatch(/<UserId>AROA[A-Z2-7]{16}:0123456789abcdef<\/UserId>/);
  });

  it('answers InvalidClientTokenId for credentials it did not mint or a wrong token', async () => {
    for (const [key, token] of [
      ['AKIAIOSFODNN7EXAMPLE', minted.sessionToken],
      [minted.accessKeyId, 'not-the-token'],
    ] as const) {
      const response = await post('Action=GetCallerIdentity&Version=2011-06-15', {
        Authorization: authorization(key),
        'X-Amz-Security-Token': token,
      });
      expect(response.status).toBe(403);
      expect(await response.text()).toContain('<Code>InvalidClientTokenId</Code>');
    }
    const unsigned = await post('Action=GetCallerIdentity', {});
    expect(await unsigned.text()).toContain('<Code>MissingAuthenticationToken</Code>');
    const other = await post('Action=AssumeRole', {
      Authorization: authorization(minted.accessKeyId),
    });
    expect(await other.text()).toContain('<Code>InvalidAction</Code>');
    const sqs = await post('Action=ListQueues', {
      Authorization: authorization(minted.accessKeyId, 'sqs'),
    });
    expect(await sqs.text()).toContain('<Code>UnknownService</Code>');
  });

  it('reads the access key id and service of a SigV4 credential scope', () => {
    expect(credentialScopeOf(authorization('ASIAEXAMPLEEXAMPLE12'))).toEqual({
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
