// The UI while a service scales: stowage web (simulated ECS runtime, the app's clock and
// delays) in Chromium with a service's view open (its cluster map, scaling controls,
// deployments and events), while the service goes 0 → 1,000 tasks on 1,000 instances and then
// rolls all 1,000 out to a new revision. The figure is the longest main-thread task the page
// had meanwhile (PerformanceObserver 'longtask'), from the call until the view shows the
// steady state. Target: none over 100 ms.
//
// The set-up and the calls go through the app's own contract socket (test/support's client,
// built here with Vite). It needs the built app: `npm run bench` builds it first.
// BENCH_INSTANCES and BENCH_TASKS change the sizes; BENCH_CPU_PROFILE=<file> writes the page's
// CPU profile over both measurements (open it in Chromium's DevTools, Performance panel).

import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { importMain } from './build-main.mjs';
import { launchBrowser, longest } from './containers-common.mjs';
import { startWeb } from './web.mjs';

const instanceCount = Number(process.env.BENCH_INSTANCES ?? 1_000);
const taskCount = Number(process.env.BENCH_TASKS ?? 1_000);
const targetMs = 100;
const cluster = 'bench';

const loadSocket = () =>
  importMain('services-ui', {
    'test/support/contract-socket.ts': ['openContractSocket'],
    'src/shared/index.ts': ['webSocketPath'],
  });

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  const { openContractSocket, webSocketPath } = await loadSocket();
  const web = await startWeb();
  let browser;
  let socket;
  try {
    const launched = await launchBrowser();
    browser = launched.browser;
    const newPage = launched.newPage;
    socket = await openContractSocket(`ws://${new URL(web.url).host}${webSocketPath}`, {
      token: web.token,
    });
    const call = async (name, input) => {
      const envelope = await socket.call(name, input);
      if ('error' in envelope) throw new Error(`${name}: ${envelope.error.message}`);
      return envelope.result;
    };
    await call('ecs.clusters.create', { clusterName: cluster });
    const zones = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
    for (let launched = 0, index = 0; launched < instanceCount; index++) {
      const count = Math.min(20, instanceCount - launched);
      await call('ecs.instances.launch', {
        cluster,
        instanceType: 'm5.large',
        count,
        availabilityZone: zones[index % zones.length],
      });
      launched += count;
    }
    for (const image of ['nginx:1', 'nginx:2']) {
      await call('ecs.taskDefinitions.register', {
        definition: {
          family: 'web',
          containerDefinitions: [{ name: 'app', image, cpu: 64, memory: 128 }],
        },
      });
    }
    await call('ecs.services.create', {
      request: { cluster, serviceName: 'web', taskDefinition: 'web:1', desiredCount: 0 },
    });

    const page = await newPage({ width: 1440, height: 900 });
    await page.goto(web.url);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.evaluate(
      (hash) => (globalThis.location.hash = hash),
      `#/ecs/clusters/${cluster}/services/web`,
    );
    await page.getByTestId('service-view').waitFor();
    await page.getByTestId('cluster-map').waitFor();
    await sleep(1_000);
    const profileFile = process.env.BENCH_CPU_PROFILE;
    const profiler = profileFile ? await page.context().newCDPSession(page) : undefined;
    await profiler?.send('Profiler.enable');
    await profiler?.send('Profiler.start');

    const steadyOnScreen = async (revision) => {
      const service = await call('ecs.services.describe', { cluster, service: 'web' });
      const [deployment, ...others] = service.deployments ?? [];
      const steady =
        others.length === 0 &&
        deployment?.rolloutState === 'COMPLETED' &&
        deployment.taskDefinition?.endsWith(`:${revision}`) &&
        service.runningCount === taskCount &&
        service.pendingCount === 0;
      if (!steady) return false;
      const health = await page.getByTestId('service-health').getAttribute('data-health');
      return health === 'steady';
    };

    const measure = async (what, revision, request) => {
      await page.evaluate(() => (globalThis.__longTasks.length = 0));
      const started = performance.now();
      await call('ecs.services.update', { request: { cluster, service: 'web', ...request } });
      while (!(await steadyOnScreen(revision))) {
        if (performance.now() - started > 180_000) throw new Error(`${what}: not steady in 180 s`);
        await sleep(250);
      }
      const tookMs = performance.now() - started;
      // A long task still running as the last check answered is counted too.
      await sleep(500);
      const tasks = await page.evaluate(() => [...globalThis.__longTasks]);
      const over = tasks.filter((ms) => ms > targetMs).length;
      console.log(
        `${what}: on screen after ${(tookMs / 1000).toFixed(1)} s; longest main-thread task ${longest(tasks)} ms, ${tasks.length} over 50 ms, ${over} over ${targetMs} ms; target none over ${targetMs} ms: ${over === 0 ? 'met' : 'missed'}`,
      );
    };

    console.log(
      `${instanceCount} instances, ${taskCount} tasks, service view open; ${cpus().length} cores, load ${loadavg()[0].toFixed(1)}`,
    );
    await measure(`scale 0 → ${taskCount}`, 1, { desiredCount: taskCount });
    await measure(`rolling deployment of ${taskCount}`, 2, { taskDefinition: 'web:2' });
    if (profiler) {
      const { profile } = await profiler.send('Profiler.stop');
      writeFileSync(profileFile, JSON.stringify(profile));
      console.log(`CPU profile of the page written to ${profileFile}`);
    }
  } finally {
    socket?.close();
    await browser?.close();
    web.stop();
  }
}

main().catch((error) => {
  console.error(error?.stack ?? String(error));
  process.exit(1);
});
