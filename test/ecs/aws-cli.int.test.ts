import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TaskDefinition } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportTaskDefinitionInput } from '../../src/main/ecs/control-plane/task-definitions/export';
import { removeDataDir, startEndpointProcess, type EndpointProcess } from './endpoint-process';

// The AWS CLI itself against the headless `stowage ecs`, with throwaway credentials in its
// environment: it never reads ~/.aws and talks to nothing but the endpoint on loopback.

const awsFound = spawnSync('aws', ['--version'], { encoding: 'utf8' });
const awsMissing =
  awsFound.error || awsFound.status !== 0
    ? `the AWS CLI ("aws") is not on PATH (${awsFound.error?.message ?? awsFound.stderr.trim()}); install Debian's awscli to run it`
    : undefined;
if (awsMissing) console.warn(`test/ecs/aws-cli.int.test.ts skipped: ${awsMissing}`);

interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

describe.skipIf(awsMissing !== undefined)('aws ecs --endpoint-url against stowage ecs', () => {
  let endpoint: EndpointProcess;
  let scratch: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    endpoint = await startEndpointProcess();
    scratch = mkdtempSync(join(tmpdir(), 'stowage-aws-cli-'));
    env = { ...process.env };
    for (const name of Object.keys(env)) {
      if (/^AWS_|^(HTTPS?|ALL)_PROXY$/i.test(name)) delete env[name];
    }
    Object.assign(env, {
      AWS_ACCESS_KEY_ID: 'AKIDSTOWAGETEST',
      AWS_SECRET_ACCESS_KEY: 'stowage-test-secret',
      AWS_DEFAULT_REGION: 'us-east-1',
      // Files that do not exist: no profile, no credentials of the user's are read.
      AWS_CONFIG_FILE: join(scratch, 'no-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(scratch, 'no-credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_PAGER: '',
      NO_PROXY: '127.0.0.1,localhost',
    });
  });

  afterAll(async () => {
    await endpoint?.stop();
    if (endpoint) removeDataDir(endpoint.dataDir);
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  function aws(...args: string[]): Promise<CliRun> {
    return awsFor('ecs', ...args);
  }

  function awsFor(service: string, ...args: string[]): Promise<CliRun> {
    return new Promise((resolve, reject) => {
      const child = spawn(
        'aws',
        [service, ...args, '--endpoint-url', endpoint.url, '--output', 'json'],
        { env, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.once('error', reject);
      child.once('close', (status) => resolve({ status, stdout, stderr }));
    });
  }

  async function awsJson<T>(...args: string[]): Promise<T> {
    return awsJsonFor<T>('ecs', ...args);
  }

  async function awsJsonFor<T>(service: string, ...args: string[]): Promise<T> {
    const run = await awsFor(service, ...args);
    expect(run.stderr, `aws ${service} ${args.join(' ')}`).toBe('');
    expect(run.status).toBe(0);
    return JSON.parse(run.stdout) as T;
  }

  it('creates a cluster, registers an instance and an exported task definition, runs and describes a task', async () => {
    const created = await awsJson<{ cluster: { clusterArn: string; status: string } }>(
      'create-cluster',
      '--cluster-name',
      'cli-demo',
    );
    expect(created.cluster).toMatchObject({
      clusterArn: 'arn:aws:ecs:us-east-1:000000000000:cluster/cli-demo',
      status: 'ACTIVE',
    });

    const instance = await awsJson<{ containerInstance: { containerInstanceArn: string } }>(
      'register-container-instance',
      '--cluster',
      'cli-demo',
      '--total-resources',
      'name=CPU,type=INTEGER,integerValue=2048',
      'name=MEMORY,type=INTEGER,integerValue=4096',
    );
    expect(instance.containerInstance.containerInstanceArn).toMatch(
      /^arn:aws:ecs:us-east-1:000000000000:container-instance\/cli-demo\/[0-9a-f]{32}$/,
    );

    // Revision 1 from the CLI's own arguments, exported by Stowage, registered again from the file.
    const containers = [
      {
        name: 'web',
        image: 'stowage-test/layered:1.0',
        memory: 128,
        cpu: 256,
        portMappings: [{ containerPort: 8080, hostPort: 0, protocol: 'tcp' }],
        environment: [{ name: 'GREETING', value: 'hello' }],
      },
    ];
    const first = await awsJson<{ taskDefinition: TaskDefinition }>(
      'register-task-definition',
      '--family',
      'cli-web',
      '--container-definitions',
      JSON.stringify(containers),
    );
    expect(first.taskDefinition.revision).toBe(1);
    const exported = join(scratch, 'cli-web.json');
    writeFileSync(
      exported,
      JSON.stringify(exportTaskDefinitionInput(first.taskDefinition), null, 2),
    );
    const second = await awsJson<{ taskDefinition: TaskDefinition }>(
      'register-task-definition',
      '--cli-input-json',
      `file://${exported}`,
    );
    expect(second.taskDefinition).toMatchObject({
      taskDefinitionArn: 'arn:aws:ecs:us-east-1:000000000000:task-definition/cli-web:2',
      status: 'ACTIVE',
    });
    expect(second.taskDefinition.containerDefinitions).toEqual(
      first.taskDefinition.containerDefinitions,
    );

    const ran = await awsJson<{ tasks: { taskArn: string; lastStatus: string }[]; failures: [] }>(
      'run-task',
      '--cluster',
      'cli-demo',
      '--task-definition',
      'cli-web:2',
    );
    expect(ran.failures).toEqual([]);
    const [task] = ran.tasks;
    expect(task?.lastStatus).toBe('PENDING');

    const described = await awsJson<{
      tasks: { taskArn: string; taskDefinitionArn: string; containerInstanceArn: string }[];
      failures: { arn: string; reason: string }[];
    }>('describe-tasks', '--cluster', 'cli-demo', '--tasks', task?.taskArn ?? '', 'no-such-task');
    expect(described.tasks).toHaveLength(1);
    expect(described.tasks[0]).toMatchObject({
      taskArn: task?.taskArn,
      taskDefinitionArn: second.taskDefinition.taskDefinitionArn,
      containerInstanceArn: instance.containerInstance.containerInstanceArn,
    });
    expect(described.failures).toEqual([
      { arn: expect.stringContaining('no-such-task') as string, reason: 'MISSING' },
    ]);
  });

  it('exits non-zero with the ECS error code on stderr when a call is refused', async () => {
    const missing = await aws('delete-cluster', '--cluster', 'nowhere');
    expect(missing.status).not.toBe(0);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(
      /\(ClusterNotFoundException\) when calling the DeleteCluster operation/,
    );

    const invalid = await aws(
      'register-task-definition',
      '--family',
      'broken',
      '--container-definitions',
      JSON.stringify([{ name: 'app', image: 'busybox' }]),
    );
    expect(invalid.status).not.toBe(0);
    expect(invalid.stderr).toMatch(
      /\(ClientException\) when calling the RegisterTaskDefinition operation/,
    );
    expect(invalid.stderr).toContain(
      "Invalid setting for container 'app'. At least one of 'memory' or 'memoryReservation' must be specified.",
    );
  });

  it('registers a service as a scalable target and gives it a policy, as the README shows', async () => {
    await awsJson('create-cluster', '--cluster-name', 'cli-scale');
    await awsJson(
      'register-task-definition',
      '--family',
      'cli-scale',
      '--container-definitions',
      JSON.stringify([{ name: 'app', image: 'busybox', memory: 64 }]),
    );
    await awsJson(
      'create-service',
      '--cluster',
      'cli-scale',
      '--service-name',
      'web',
      '--task-definition',
      'cli-scale',
      '--desired-count',
      '0',
    );
    const target = [
      '--service-namespace',
      'ecs',
      '--resource-id',
      'service/cli-scale/web',
      '--scalable-dimension',
      'ecs:service:DesiredCount',
    ];
    const registered = await awsJsonFor<{ ScalableTargetARN: string }>(
      'application-autoscaling',
      'register-scalable-target',
      ...target,
      '--min-capacity',
      '1',
      '--max-capacity',
      '6',
    );
    expect(registered.ScalableTargetARN).toMatch(/:scalable-target\//);
    const policy = await awsJsonFor<{ PolicyARN: string; Alarms: { AlarmName: string }[] }>(
      'application-autoscaling',
      'put-scaling-policy',
      ...target,
      '--policy-name',
      'cpu-policy',
      '--policy-type',
      'TargetTrackingScaling',
      '--target-tracking-scaling-policy-configuration',
      '{"TargetValue":50,"PredefinedMetricSpecification":{"PredefinedMetricType":"ECSServiceAverageCPUUtilization"}}',
    );
    expect(policy.Alarms.map((alarm) => alarm.AlarmName)).toHaveLength(2);
    const activities = await awsJsonFor<{
      ScalingActivities: { Description: string; Cause: string }[];
    }>(
      'application-autoscaling',
      'describe-scaling-activities',
      '--service-namespace',
      'ecs',
      '--resource-id',
      'service/cli-scale/web',
    );
    expect(activities.ScalingActivities[0]).toMatchObject({
      Description: 'Setting desired count to 1.',
      Cause: 'minimum capacity was set to 1',
    });
    const refused = await awsFor(
      'application-autoscaling',
      'deregister-scalable-target',
      '--service-namespace',
      'ecs',
      '--resource-id',
      'service/cli-scale/nowhere',
      '--scalable-dimension',
      'ecs:service:DesiredCount',
    );
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('ObjectNotFoundException');
  });
});
