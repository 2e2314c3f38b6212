import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { describeReport, runWithKills } from './harness';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(repoRoot, 'bin', 'stowage.js');
const seed = Number(process.env.STOWAGE_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
const inFlight = 16;
// The run that is not killed makes this many changes by itself: at least 1,000 are checked.
// The killed runs make changes until they are killed, however fast the endpoint answers.
const callsPerRun = 1_000;
const kills = 6;

/** One ECS call over the wire; answers the parsed body of a 200, throws on anything else. */
function ecsCall(
  port: number,
  agent: Agent,
  operation: string,
  body: unknown,
  signal?: AbortSignal,
): Promise<Record<string, unknown>> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/',
        agent,
        signal,
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': `AmazonEC2ContainerServiceV20141113.${operation}`,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode === 200) resolve(JSON.parse(text) as Record<string, unknown>);
          else reject(new Error(`${operation}: ${res.statusCode} ${text}`));
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const portOf = (readyLine: string) => Number(/127\.0\.0\.1:(\d+)/.exec(readyLine)?.[1]);

describe('the ECS endpoint killed during a burst of changes', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'stowage-ecs-crash-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps every change it acknowledged or a read showed, and nothing is corrupt', async () => {
    // Clusters a DescribeClusters answer showed while their CreateCluster was still unanswered:
    // a read must not show what a crash can still lose.
    const revealed = new Set<string>();
    // Tasks RunTask answered with: each must be there after the kills, whatever lifecycle step
    // (journalled as a patch of its record) a kill cut short.
    const ranTasks = new Set<string>();
    // Services CreateService answered, and those whose forced new deployment was answered too:
    // each must come back ACTIVE, the updated ones with both deployments in their history.
    const createdServices = new Set<string>();
    const redeployedServices = new Set<string>();
    const report = await runWithKills({
      command: process.execPath,
      args: () => [bin, 'ecs', '--port', '0', '--data-dir', dataDir],
      seed,
      kills,
      killDelayMs: { min: 50, max: 700 },
      isReady: (line) => line.includes('listening on'),
      timeoutMs: 60_000,
      async feed({ run, child, readyLine, acknowledge, signal }) {
        const port = portOf(readyLine);
        const agent = new Agent({ keepAlive: true, maxSockets: inFlight });
        let next = 0;
        const limit = run < kills ? Infinity : callsPerRun;
        const creating = new Set<string>();
        try {
          // Somewhere to run tasks (each run registers one more instance).
          await ecsCall(port, agent, 'CreateCluster', { clusterName: 'tasks' }, signal);
          await ecsCall(
            port,
            agent,
            'RegisterContainerInstance',
            {
              cluster: 'tasks',
              totalResources: [
                { name: 'CPU', type: 'INTEGER', integerValue: 1_000_000 },
                { name: 'MEMORY', type: 'INTEGER', integerValue: 10_000_000 },
              ],
            },
            signal,
          );
          await ecsCall(
            port,
            agent,
            'RegisterTaskDefinition',
            {
              family: 'crash-task',
              containerDefinitions: [{ name: 'app', image: 'busybox', cpu: 1, memory: 8 }],
            },
            signal,
          );
          // Every call makes a change: a cluster, or a task definition revision, each named.
          // One worker in four also reads the clusters others are still creating.
          await Promise.all(
            Array.from({ length: inFlight }, async (_, worker) => {
              while (next < limit && !signal.aborted) {
                if (worker % 8 === 1) {
                  const answer = await ecsCall(
                    port,
                    agent,
                    'RunTask',
                    { cluster: 'tasks', taskDefinition: 'crash-task', count: 2 },
                    signal,
                  );
                  for (const task of answer.tasks as { taskArn: string }[]) {
                    ranTasks.add(task.taskArn);
                  }
                  continue;
                }
                if (worker % 8 === 3) {
                  const serviceName = `s${run}-${next++}`;
                  await ecsCall(
                    port,
                    agent,
                    'CreateService',
                    {
                      cluster: 'tasks',
                      serviceName,
                      taskDefinition: 'crash-task',
                      desiredCount: 1,
                    },
                    signal,
                  );
                  createdServices.add(serviceName);
                  await ecsCall(
                    port,
                    agent,
                    'UpdateService',
                    { cluster: 'tasks', service: serviceName, forceNewDeployment: true },
                    signal,
                  );
                  redeployedServices.add(serviceName);
                  continue;
                }
                if (worker % 4 === 0 && creating.size > 0) {
                  const answer = await ecsCall(
                    port,
                    agent,
                    'DescribeClusters',
                    { clusters: [...creating].slice(0, 50) },
                    signal,
                  );
                  for (const cluster of answer.clusters as { clusterName: string }[]) {
                    revealed.add(cluster.clusterName);
                  }
                }
                const id = `r${run}-${next++}`;
                if (next % 2 === 0) {
                  creating.add(id);
                  await ecsCall(port, agent, 'CreateCluster', { clusterName: id }, signal);
                  creating.delete(id);
                } else {
                  await ecsCall(
                    port,
                    agent,
                    'RegisterTaskDefinition',
                    {
                      family: id,
                      containerDefinitions: [{ name: 'app', image: 'busybox', memory: 64 }],
                    },
                    signal,
                  );
                }
                acknowledge(id);
              }
            }),
          );
        } finally {
          agent.destroy();
        }
        // The last run is not killed: it stops as a user would stop it.
        if (!signal.aborted) child.kill('SIGTERM');
      },
    });
    console.log(
      `ECS endpoint crash test: ${describeReport(report)}; ${revealed.size} clusters seen by reads; ${ranTasks.size} tasks run; ${createdServices.size} services created`,
    );
    expect(report.kills).toBe(kills);
    expect(report.acknowledged.length).toBeGreaterThanOrEqual(1_000);

    // Start it once more and look for every acknowledged change.
    let missing: string[] | undefined;
    const lastStatuses = new Set<string>();
    const check = await runWithKills({
      command: process.execPath,
      args: () => [bin, 'ecs', '--port', '0', '--data-dir', dataDir],
      seed,
      kills: 1,
      finalRun: false,
      killDelayMs: { min: 60_000, max: 60_000 },
      isReady: (line) => line.includes('listening on'),
      async feed({ readyLine, child }) {
        const port = portOf(readyLine);
        const agent = new Agent({ keepAlive: true });
        const clusters = new Set<string>();
        let nextToken: string | undefined;
        do {
          const page = await ecsCall(port, agent, 'ListClusters', {
            maxResults: 100,
            ...(nextToken ? { nextToken } : {}),
          });
          for (const arn of page.clusterArns as string[]) clusters.add(arn.split('/')[1] ?? '');
          nextToken = page.nextToken as string | undefined;
        } while (nextToken);
        const families = new Set<string>();
        nextToken = undefined;
        do {
          const page = await ecsCall(port, agent, 'ListTaskDefinitionFamilies', {
            maxResults: 100,
            ...(nextToken ? { nextToken } : {}),
          });
          for (const family of page.families as string[]) families.add(family);
          nextToken = page.nextToken as string | undefined;
        } while (nextToken);
        missing = [...report.acknowledged, ...revealed].filter(
          (id) => !clusters.has(id) && !families.has(id),
        );
        const arns = [...ranTasks];
        for (let start = 0; start < arns.length; start += 100) {
          const answer = await ecsCall(port, agent, 'DescribeTasks', {
            cluster: 'tasks',
            tasks: arns.slice(start, start + 100),
          });
          for (const failure of answer.failures as { arn: string }[]) missing.push(failure.arn);
          for (const task of answer.tasks as { lastStatus: string }[]) {
            lastStatuses.add(task.lastStatus);
          }
        }
        const names = [...createdServices];
        for (let start = 0; start < names.length; start += 10) {
          const answer = await ecsCall(port, agent, 'DescribeServices', {
            cluster: 'tasks',
            services: names.slice(start, start + 10),
          });
          for (const failure of answer.failures as { arn: string }[]) missing.push(failure.arn);
          for (const service of answer.services as { serviceName: string; status: string }[]) {
            if (service.status !== 'ACTIVE') missing.push(`${service.serviceName} ACTIVE`);
          }
        }
        for (const service of redeployedServices) {
          const history = await ecsCall(port, agent, 'ListServiceDeployments', {
            cluster: 'tasks',
            service,
          });
          if ((history.serviceDeployments as unknown[]).length < 2) {
            missing.push(`${service} deployments`);
          }
        }
        agent.destroy();
        child.kill('SIGTERM');
      },
    });
    expect(missing, `seed ${seed}: acknowledged or revealed changes lost`).toEqual([]);
    expect(revealed.size).toBeGreaterThan(0);
    expect(ranTasks.size).toBeGreaterThan(0);
    expect(redeployedServices.size).toBeGreaterThan(0);
    expect(
      [...lastStatuses].every((status) => ['PENDING', 'ACTIVATING', 'RUNNING'].includes(status)),
    ).toBe(true);
    const lines = check.runs[0]?.stdoutLines ?? [];
    expect(lines.some((line) => line.includes('listening on'))).toBe(true);
    // A moved-aside store would say so on stderr and start empty.
    expect(check.runs[0]?.stderr ?? '').not.toMatch(/unreadable|moved/);
  }, 240_000);
});
