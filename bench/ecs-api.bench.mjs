// Throughput of the ECS endpoint (`stowage ecs`, simulated runtime) over loopback, at scale.
//
// Starts the built `stowage ecs` on a fresh data dir, registers 1,000 container instances and
// runs 10,000 tasks (1,000 RunTask calls of 10), then measures DescribeTasks (10 tasks a call)
// and RunTask throughput with 32 requests in flight on keep-alive connections. The baseline,
// measured in the same run with the same client, is a bare Node HTTP server on loopback that
// answers every POST with `{}`: the ratio says how much of the wire's capacity the control
// plane leaves. Each figure comes with the CPU time the server process spent per request,
// read from /proc (the endpoint's includes its reconcile loop, which runs beside the calls):
// a loaded machine distorts it far less than the rates. The baseline, DescribeTasks and RunTask
// take turns for three rounds (BENCH_ROUNDS); each figure is its median round, and every
// round's rate is printed (the first is the coldest: code not yet optimised, every task
// described for the first time). Target: at least 3,000 API requests/s.

import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const instances = Number(process.env.BENCH_INSTANCES ?? 1_000);
const tasks = Number(process.env.BENCH_TASKS ?? 10_000);
const measured = Number(process.env.BENCH_REQUESTS ?? 5_000);
const roundCount = Number(process.env.BENCH_ROUNDS ?? 3);
const inFlight = 32;
// E.g. BENCH_NODE_ARGS=--cpu-prof to profile the endpoint (the profile is written on exit).
const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
const agent = new Agent({ keepAlive: true, maxSockets: inFlight });

/**
 * Answers the parsed response, or only checks its status with `{ parse: false }`: the load
 * phases do not read what they get, so the client spends as little as it can per call and
 * the server, not the client, is what is measured.
 */
function post(port, operation, body, { parse = true } = {}) {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/',
        agent,
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': `AmazonEC2ContainerServiceV20141113.${operation}`,
          'content-length': Buffer.byteLength(payload),
        },
      },
      (res) => {
        if (!parse && res.statusCode === 200) {
          res.resume();
          res.on('end', () => resolve(undefined));
          return;
        }
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200) reject(new Error(`${operation}: ${res.statusCode} ${text}`));
          else resolve(text ? JSON.parse(text) : {});
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Runs `count` requests made by `make(i)`, `inFlight` at a time; answers requests per second. */
async function throughput(count, make) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < count) await make(next++);
    }),
  );
  return count / ((performance.now() - started) / 1000);
}

function startEndpoint(dataDir) {
  const child = spawn(
    process.execPath,
    [...nodeArgs, join(repoRoot, 'bin', 'stowage.js'), 'ecs', '--port', '0', '--data-dir', dataDir],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match) resolve({ child, port: Number(match[1]) });
    });
    child.once('exit', (code) => reject(new Error(`stowage ecs exited with ${code}: ${output}`)));
  });
}

// The bare server runs in a process of its own, as the endpoint does, so that the CPU time
// each spends per request can be read from /proc apart from the client's.
const bareServer = `
  const server = require('node:http').createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end('{}');
    });
  });
  server.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + server.address().port));
`;

function startBareServer() {
  const child = spawn(process.execPath, ['-e', bareServer], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve) => {
    child.stdout.on('data', (chunk) => {
      const match = /127\.0\.0\.1:(\d+)/.exec(String(chunk));
      if (match) resolve({ child, port: Number(match[1]) });
    });
  });
}

const clockTicks = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })) || 100;
  } catch {
    return 100;
  }
})();

/** The CPU seconds (user and system) a process has used, or undefined without /proc. */
function cpuSecondsOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicks;
  } catch {
    return undefined;
  }
}

/**
 * Requests per second over `count` requests, and the server process's CPU time per request:
 * the second does not move with what else the machine runs, so it is the figure to compare
 * when the machine is loaded (its inverse is what one core would serve).
 */
async function measure(pid, count, make) {
  const cpuBefore = cpuSecondsOf(pid);
  const clientBefore = process.cpuUsage();
  const rate = await throughput(count, make);
  const cpuAfter = cpuSecondsOf(pid);
  const client = process.cpuUsage(clientBefore);
  const cpuMs =
    cpuBefore === undefined || cpuAfter === undefined
      ? undefined
      : ((cpuAfter - cpuBefore) * 1000) / count;
  return { rate, cpuMs, clientCpuMs: (client.user + client.system) / 1000 / count };
}

async function baseline() {
  const { child, port } = await startBareServer();
  try {
    return await measure(child.pid, measured, () =>
      post(port, 'ListClusters', {}, { parse: false }),
    );
  } finally {
    child.kill();
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'stowage-ecs-bench-'));
const { child, port } = await startEndpoint(dataDir);
try {
  await post(port, 'CreateCluster', { clusterName: 'bench' });
  const setupStarted = performance.now();
  await throughput(instances, (i) =>
    post(port, 'RegisterContainerInstance', {
      cluster: 'bench',
      instanceIdentityDocument: JSON.stringify({
        instanceId: `i-${i.toString(16).padStart(17, '0')}`,
        availabilityZone: `us-east-1${'abc'[i % 3]}`,
        instanceType: 'm5.xlarge',
      }),
      totalResources: [
        { name: 'CPU', type: 'INTEGER', integerValue: 4096 },
        { name: 'MEMORY', type: 'INTEGER', integerValue: 15_000 },
      ],
    }),
  );
  await post(port, 'RegisterTaskDefinition', {
    family: 'bench',
    containerDefinitions: [{ name: 'app', image: 'busybox', cpu: 32, memory: 64 }],
  });
  const taskArns = [];
  await throughput(tasks / 10, async () => {
    const answer = await post(port, 'RunTask', {
      cluster: 'bench',
      taskDefinition: 'bench',
      count: 10,
    });
    if (answer.failures?.length)
      throw new Error(`RunTask failed: ${JSON.stringify(answer.failures[0])}`);
    for (const task of answer.tasks) taskArns.push(task.taskArn);
  });
  const setupSeconds = (performance.now() - setupStarted) / 1000;
  // DescribeTasks is measured on running tasks, not beside 10,000 tasks' pulls and starts.
  const settleStarted = performance.now();
  for (;;) {
    const answer = await post(port, 'DescribeTasks', {
      cluster: 'bench',
      tasks: taskArns.slice(-100),
    });
    if (answer.tasks.every((task) => task.lastStatus === 'RUNNING')) break;
    if (performance.now() - settleStarted > 120_000) throw new Error('the tasks never all ran');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const settleSeconds = (performance.now() - settleStarted) / 1000;

  await post(port, 'RegisterContainerInstance', {
    cluster: 'bench',
    totalResources: [
      { name: 'CPU', type: 'INTEGER', integerValue: 1_000_000 },
      { name: 'MEMORY', type: 'INTEGER', integerValue: 10_000_000 },
    ],
  });
  // The three measurements take turns, round after round, so a machine whose speed drifts
  // (a shared VM) moves all of them alike; each is reported as its median round. Later
  // rounds of RunTask run beside the lifecycles of the tasks the earlier ones started.
  const runs = Math.min(measured, 2_000);
  const rounds = { wire: [], describe: [], run: [] };
  for (let round = 0; round < roundCount; round++) {
    rounds.wire.push(await baseline());
    rounds.describe.push(
      await measure(child.pid, measured, (i) =>
        post(
          port,
          'DescribeTasks',
          {
            cluster: 'bench',
            tasks: Array.from({ length: 10 }, (_, k) => taskArns[(i * 10 + k) % taskArns.length]),
          },
          { parse: false },
        ),
      ),
    );
    rounds.run.push(
      await measure(child.pid, runs, () =>
        post(
          port,
          'RunTask',
          { cluster: 'bench', taskDefinition: 'bench', count: 1 },
          { parse: false },
        ),
      ),
    );
  }
  const median = (list) => [...list].sort((a, b) => a.rate - b.rate)[Math.floor(list.length / 2)];
  const wire = median(rounds.wire);
  const describe = median(rounds.describe);
  const run = median(rounds.run);

  const rate = ({ rate }) => Math.round(rate).toLocaleString('en');
  const fmt = (figures) =>
    `${rate(figures)} requests/s, server CPU ${
      figures.cpuMs === undefined ? 'n/a' : `${figures.cpuMs.toFixed(3)} ms`
    } per request (client ${figures.clientCpuMs.toFixed(3)} ms)`;
  const ratios = (figures) =>
    `${(figures.rate / wire.rate).toFixed(2)}x the baseline's rate` +
    (figures.cpuMs && wire.cpuMs
      ? `, ${(figures.cpuMs / wire.cpuMs).toFixed(1)}x its CPU per request`
      : '');
  const verdict = (figures) => `target ≥ 3,000/s: ${figures.rate >= 3000 ? 'met' : 'missed'}`;
  const each = (list) =>
    `rounds: ${list
      .map((figures) => `${rate(figures)}/s at ${figures.cpuMs?.toFixed(3) ?? 'n/a'} ms`)
      .join(', ')}`;
  console.log(
    `state: ${instances} container instances, ${taskArns.length} tasks (set up in ${setupSeconds.toFixed(1)} s, all running ${settleSeconds.toFixed(1)} s later), ${runs * roundCount} more run while measuring; load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores; medians of ${roundCount} rounds`,
  );
  console.log(`baseline, bare HTTP server on loopback: ${fmt(wire)} (${each(rounds.wire)})`);
  console.log(
    `DescribeTasks (10 tasks a call): ${fmt(describe)} — ${ratios(describe)}; ${verdict(describe)} (${each(rounds.describe)})`,
  );
  console.log(
    `RunTask (1 task a call, placed among ${instances + 1} instances): ${fmt(run)} — ${ratios(run)}; ${verdict(run)} (${each(rounds.run)})`,
  );
} finally {
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  agent.destroy();
  rmSync(dataDir, { recursive: true, force: true });
}
