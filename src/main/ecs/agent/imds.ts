import type { ContainerInstance } from '@aws-sdk/client-ecs';
import type { Clock } from '../../lib/clock';
import {
  awsvpcBlockImdsAttribute,
  instanceRoleAttribute,
} from '../../../shared/contract/ecs-agent';
import { roleNameOf, type CredentialBook, type RandomBytes } from './credentials';

/** The simulated EC2 instance a task runs on, as its instance metadata tells it. */
export interface InstanceFacts {
  containerInstanceArn: string;
  ec2InstanceId: string;
  instanceType: string;
  availabilityZone: string;
  instanceRoleArn?: string | undefined;
  /** The agent's ECS_AWSVPC_BLOCK_IMDS: its awsvpc tasks get no instance metadata. */
  awsvpcBlockImds: boolean;
}

/** The facts instance metadata answers, from the container instance ECS describes. */
export function instanceFactsOf(instance: ContainerInstance): InstanceFacts | undefined {
  const attribute = (name: string) => instance.attributes?.find((a) => a.name === name)?.value;
  if (!instance.containerInstanceArn || !instance.ec2InstanceId) return undefined;
  return {
    containerInstanceArn: instance.containerInstanceArn,
    ec2InstanceId: instance.ec2InstanceId,
    instanceType: attribute('ecs.instance-type') ?? '',
    availabilityZone: attribute('ecs.availability-zone') ?? '',
    instanceRoleArn: attribute(instanceRoleAttribute),
    awsvpcBlockImds: attribute(awsvpcBlockImdsAttribute) === 'true',
  };
}

export interface ImdsAnswer {
  status: number;
  body: string;
  contentType: string;
}

/** IMDSv2's limits on a token's life, in seconds. */
const maxTokenSeconds = 21600;
const maxTokens = 10_000;

const text = (status: number, body: string): ImdsAnswer => ({
  status,
  body,
  contentType: 'text/plain',
});

/**
 * The instance metadata service of the simulated EC2 instances, IMDSv2 only: a token from
 * `PUT /latest/api/token` (for the caller's instance) must come with every GET. It answers the
 * instance id, type, zone and region, and the instance role's credentials, minted per instance.
 */
export class ImdsBook {
  private readonly tokens = new Map<string, { instanceArn: string; expires: number }>();
  private readonly grants = new Map<string, string>();

  constructor(
    private readonly clock: Pick<Clock, 'now'>,
    private readonly randomBytes: RandomBytes,
    private readonly credentials: CredentialBook,
    private readonly region: string,
  ) {}

  answer(
    instance: InstanceFacts | undefined,
    method: string,
    path: string,
    header: (name: string) => string | undefined,
  ): ImdsAnswer {
    if (!instance) return text(403, 'Forbidden');
    const now = this.clock.now();
    if (path === '/latest/api/token') {
      if (method !== 'PUT') return text(405, 'Method Not Allowed');
      const ttl = Number(header('x-aws-ec2-metadata-token-ttl-seconds'));
      if (!Number.isInteger(ttl) || ttl < 1 || ttl > maxTokenSeconds)
        return text(400, 'Bad Request');
      this.dropExpired(now);
      if (this.tokens.size >= maxTokens) return text(429, 'Too Many Requests');
      const token = Buffer.from(this.randomBytes(40)).toString('base64');
      this.tokens.set(token, {
        instanceArn: instance.containerInstanceArn,
        expires: now + ttl * 1000,
      });
      return text(200, token);
    }
    if (method !== 'GET' && method !== 'HEAD') return text(405, 'Method Not Allowed');
    const token = this.tokens.get(header('x-aws-ec2-metadata-token') ?? '');
    if (!token || token.expires <= now || token.instanceArn !== instance.containerInstanceArn) {
      return text(401, 'Unauthorized');
    }
    return this.metadata(instance, path.replace(/^\/latest\/meta-data/, ''), path);
  }

  /** The instance role's grant of `instance` (one per instance), when it has a role. */
  grantOf(instance: InstanceFacts): string | undefined {
    if (!instance.instanceRoleArn) return undefined;
    let id = this.grants.get(instance.containerInstanceArn);
    if (!id || !this.credentials.grantOf(id)) {
      id = this.credentials.grant({
        kind: 'instance',
        roleArn: instance.instanceRoleArn,
        subject: instance.containerInstanceArn,
        sessionName: instance.ec2InstanceId,
      });
      this.grants.set(instance.containerInstanceArn, id);
    }
    return id;
  }

  private metadata(instance: InstanceFacts, item: string, path: string): ImdsAnswer {
    if (!path.startsWith('/latest/meta-data')) return text(404, 'Not Found');
    const roleName = instance.instanceRoleArn ? roleNameOf(instance.instanceRoleArn) : undefined;
    switch (item) {
      case '':
      case '/':
        return text(200, ['instance-id', 'instance-type', 'placement/', 'iam/'].join('\n'));
      case '/instance-id':
        return text(200, instance.ec2InstanceId);
      case '/instance-type':
        return text(200, instance.instanceType);
      case '/placement/availability-zone':
        return text(200, instance.availabilityZone);
      case '/placement/region':
        return text(200, this.region);
      case '/iam/security-credentials':
      case '/iam/security-credentials/':
        return roleName ? text(200, roleName) : text(404, 'Not Found');
    }
    if (roleName && item === `/iam/security-credentials/${roleName}`) {
      const grant = this.grantOf(instance);
      const minted = grant ? this.credentials.fetch(grant) : undefined;
      if (!minted) return text(404, 'Not Found');
      const body = JSON.stringify({
        Code: 'Success',
        LastUpdated: new Date(this.clock.now()).toISOString(),
        Type: 'AWS-HMAC',
        AccessKeyId: minted.accessKeyId,
        SecretAccessKey: minted.secretAccessKey,
        Token: minted.sessionToken,
        Expiration: new Date(minted.expiration).toISOString(),
      });
      return { status: 200, body, contentType: 'application/json' };
    }
    return text(404, 'Not Found');
  }

  private dropExpired(now: number): void {
    for (const [token, entry] of this.tokens) if (entry.expires <= now) this.tokens.delete(token);
  }
}
