import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CreateClusterCommand,
  ECSClient,
  ListClustersCommand,
  RegisterContainerInstanceCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StopTaskCommand,
  waitUntilTasksRunning,
} from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import { docker } from '../support/docker';
import { removeDataDir, startEndpointProcess } from './endpoint-process';

const bin = join(fileURLToPath(new URL('../..', import.meta.url)), 'bin', 'stowage.js');

function stowage(...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 20_000 });
}

const clientFor = (endpoint: string) =>
  new ECSClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });

describe('stowage ecs', () => {
  it('is in the main help and has its own', () => {
    expect(stowage('--help').stdout).toMatch(/\n\s+ecs\s+\S/);
    const help = stowage('ecs', '--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--runtime <name>/);
    expect(help.stdout).toMatch(/--endpoint-url/);
  });

  it.each([
    [['ecs', '--runtime', 'kubernetes'], /--runtime is simulated or docker/],
    [['ecs', '--port', '70000'], /--port must be a whole number from 0 to 65535/],
    [['ecs', '--colour'], /Unknown option '--colour'/],
  ])('refuses %j with exit code 2 and a one-line reason', (args, message) => {
    const run = stowage(...args);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('listens on another loopback address without a warning, and stops on SIGINT', async () => {
    const run = await startEndpointProcess(['--host', '127.0.0.2']);
    try {
      expect(run.url).toMatch(/^http:\/\/127\.0\.0\.2:\d+$/);
      const client = clientFor(run.url);
      expect((await client.send(new ListClustersCommand({}))).clusterArns).toEqual([]);
      client.destroy();
      expect(await run.stop('SIGINT')).toBe(0);
      expect(run.output()).not.toMatch(/Warning/);
    } finally {
      await run.stop();
      removeDataDir(run.dataDir);
    }
  });

  it('serves ECS calls, stops cleanly on SIGTERM and keeps its state for the next start', async () => {
    const first = await startEndpointProcess();
    try {
      expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const client = clientFor(first.url);
      const before = await client.send(new ListClustersCommand({}));
      expect(before.clusterArns).toEqual([]);
      await client.send(new CreateClusterCommand({ clusterName: 'kept' }));
      client.destroy();
      expect(await first.stop()).toBe(0);

      const second = await startEndpointProcess([], first.dataDir);
      const again = clientFor(second.url);
      const after = await again.send(new ListClustersCommand({}));
      expect(after.clusterArns).toEqual(['arn:aws:ecs:us-east-1:000000000000:cluster/kept']);
      again.destroy();
      expect(await second.stop()).toBe(0);
      expect(second.output()).not.toMatch(/\n\s+at /);
    } finally {
      await first.stop();
      removeDataDir(first.dataDir);
    }
  });

  it('runs tasks as real, labelled containers with --runtime docker', async () => {
    const run = await startEndpointProcess(['--runtime', 'docker']);
    const client = clientFor(run.url);
    try {
      await client.send(new CreateClusterCommand({ clusterName: 'cli-docker' }));
      await client.send(
        new RegisterContainerInstanceCommand({
          cluster: 'cli-docker',
          totalResources: [
            { name: 'CPU', type: 'INTEGER', integerValue: 2048 },
            { name: 'MEMORY', type: 'INTEGER', integerValue: 4096 },
          ],
        }),
      );
      await client.send(
        new RegisterTaskDefinitionCommand({
          family: 'cli-sleeper',
          containerDefinitions: [{ name: 'app', image: 'stowage-test/fixture:1.0', memory: 64 }],
        }),
      );
      const started = await client.send(
        new RunTaskCommand({ cluster: 'cli-docker', taskDefinition: 'cli-sleeper' }),
      );
      const taskArn = started.tasks?.[0]?.taskArn ?? '';
      await waitUntilTasksRunning(
        { client, maxWaitTime: 60, minDelay: 1, maxDelay: 1 },
        { cluster: 'cli-docker', tasks: [taskArn] },
      );
      const labelled = await docker([
        'ps',
        '-q',
        '--filter',
        `label=com.amazonaws.ecs.task-arn=${taskArn}`,
      ]);
      expect(labelled.trim()).toMatch(/^[a-f0-9]{12}$/);
      await client.send(new StopTaskCommand({ cluster: 'cli-docker', task: taskArn }));
    } finally {
      client.destroy();
      await run.stop();
      removeDataDir(run.dataDir);
      const left = await docker([
        'ps',
        '-aq',
        '--filter',
        'label=com.amazonaws.ecs.task-definition-family=cli-sleeper',
      ]);
      if (left.trim()) await docker(['rm', '--force', ...left.trim().split('\n')]);
      await docker(['network', 'rm', 'stowage-ecs-cli-docker']).catch(() => undefined);
    }
  });
});
