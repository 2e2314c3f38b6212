// The load balancer's data plane against no load balancer: GET / through a listener to three
// busybox httpd containers, against straight to one of them, with the same client (Node's
// http on a keep-alive agent) in the same run. The two are alternated in pairs (which goes
// first alternates too) so both see the same load, and the median of the per-pair figures is
// printed. Throughput: 8 requests in flight for a fixed time; latency: one at a time.
// Targets: throughput >= 0.7x direct, added p50 <= 1 ms, added p99 <= 5 ms.
//
// The data plane is TypeScript outside the app bundle, so it is built here with Vite into
// node_modules/.cache and imported. It uses the shared engine: run it under the engine lock,
//   flock /tmp/stowage-docker.lock node bench/load-balancer.bench.mjs
// Every container and image it makes is labelled dev.stowage.test=1 and removed at the end.

import { Agent, request } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { buildMain } from './build-main.mjs';
import { buildImage, docker, median, removeContainers, testLabel } from './ecs-docker-common.mjs';

const pairs = Number(process.env.BENCH_ROUNDS ?? 6);
const throughputMs = Number(process.env.BENCH_THROUGHPUT_MS ?? 2000);
const latencyRequests = Number(process.env.BENCH_LATENCY_REQUESTS ?? 400);
const concurrency = 8;
const image = 'stowage-bench/httpd:1.0';

/** httpd serving the container's hostname, so an answer says which target gave it. */
const buildHttpdImage = () =>
  buildImage(image, 'mkdir -p /srv && hostname > /srv/index.html && exec httpd -f -p 8080 -h /srv');

async function startHttpd() {
  const id = await docker(
    'run',
    '-d',
    '--label',
    testLabel,
    '--label',
    'stowage-bench=1',
    '-p',
    '127.0.0.1::8080',
    image,
  );
  const port = Number(/127\.0\.0\.1:(\d+)/.exec(await docker('port', id, '8080/tcp'))?.[1]);
  return { id, port };
}

function get(agent, url) {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { agent }, (answer) => {
      answer.resume();
      answer.on('end', () =>
        answer.statusCode === 200 ? resolve() : reject(new Error(`status ${answer.statusCode}`)),
      );
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/** Requests per second with `concurrency` in flight for `throughputMs`. */
async function throughput(url) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const until = performance.now() + throughputMs;
  let done = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        await get(agent, url);
        done++;
      }
    }),
  );
  agent.destroy();
  return (done * 1000) / (performance.now() - started);
}

/** p50 and p99 of one request at a time. */
async function latency(url) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const samples = [];
  for (let i = 0; i < latencyRequests; i++) {
    const began = performance.now();
    await get(agent, url);
    samples.push(performance.now() - began);
  }
  agent.destroy();
  samples.sort((a, b) => a - b);
  const at = (fraction) =>
    samples[Math.min(samples.length - 1, Math.floor(samples.length * fraction))];
  return { p50: at(0.5), p99: at(0.99) };
}

async function measure(url) {
  return { rps: await throughput(url), ...(await latency(url)) };
}

async function main() {
  const built = await buildMain('lb', {
    'src/main/ecs/load-balancer/data-plane.ts': ['createLoadBalancerDataPlane'],
    'src/main/lib/clock.ts': ['systemClock'],
  });
  await buildHttpdImage();
  // The data plane runs on its own thread, as it runs in the app's main process: not on the
  // event loop of the client measuring it.
  const worker = new Worker(
    `const { parentPort } = require('node:worker_threads');
    import(${JSON.stringify(built.url)}).then(({ createLoadBalancerDataPlane, systemClock }) => {
      const proxy = createLoadBalancerDataPlane({ clock: systemClock });
      parentPort.on('message', async (plan) => {
        if (plan === 'close') {
          await proxy.close();
          parentPort.close();
          return;
        }
        proxy.apply(plan);
        await proxy.settled();
        parentPort.postMessage(proxy.bindings());
      });
      parentPort.postMessage('ready');
    });`,
    { eval: true },
  );
  const fromWorker = () => new Promise((resolve) => worker.once('message', resolve));
  await fromWorker();
  const proxy = {
    apply: (plan) => worker.postMessage(plan),
    close: async () => {
      worker.postMessage('close');
      await new Promise((resolve) => worker.once('exit', resolve));
    },
  };
  try {
    const targets = await Promise.all([startHttpd(), startHttpd(), startHttpd()]);
    const tg =
      'arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/bench/0123456789abcdef';
    const loadBalancerArn =
      'arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/bench/0123456789abcdef';
    const listenerArn =
      'arn:aws:elasticloadbalancing:us-east-1:000000000000:listener/app/bench/0123456789abcdef/0123456789abcdef';
    proxy.apply({
      loadBalancers: [
        {
          loadBalancerArn,
          name: 'bench',
          dnsName: 'bench-0000000000.us-east-1.elb.localhost',
          state: 'active',
          listeners: [
            {
              listenerArn,
              loadBalancerArn,
              protocol: 'HTTP',
              port: 80,
              forward: [{ targetGroupArn: tg, weight: 1 }],
            },
          ],
        },
      ],
      targetGroups: [
        {
          targetGroupArn: tg,
          name: 'bench',
          protocol: 'HTTP',
          port: 8080,
          targetType: 'ip',
          healthCheck: {
            enabled: true,
            protocol: 'HTTP',
            port: 'traffic-port',
            path: '/',
            intervalSeconds: 5,
            timeoutSeconds: 2,
            healthyThresholdCount: 2,
            unhealthyThresholdCount: 2,
            matcher: '200',
          },
          deregistrationDelaySeconds: 5,
          targets: targets.map((target) => ({
            id: '127.0.0.1',
            port: target.port,
            state: 'healthy',
            endpoint: { kind: 'address', host: '127.0.0.1', port: target.port },
          })),
        },
      ],
    });
    const bindings = await fromWorker();
    // The listener's port 80 is not ours to open: the data plane serves it on a free one.
    const { fallbackUrl } = bindings.find((binding) => binding.listenerArn === listenerArn);
    const viaLb = `${fallbackUrl}/`;
    const direct = `http://127.0.0.1:${targets[0].port}/`;
    // Warm both paths (containers up, sockets, JIT) before timing.
    for (let i = 0; i < 50; i++) await Promise.all([get(undefined, viaLb), get(undefined, direct)]);

    const ratios = [];
    const addedP50 = [];
    const addedP99 = [];
    const rows = [];
    for (let pair = 0; pair < pairs; pair++) {
      const lbFirst = pair % 2 === 1;
      const first = await measure(lbFirst ? viaLb : direct);
      const second = await measure(lbFirst ? direct : viaLb);
      const [lb, straight] = lbFirst ? [first, second] : [second, first];
      ratios.push(lb.rps / straight.rps);
      addedP50.push(lb.p50 - straight.p50);
      addedP99.push(lb.p99 - straight.p99);
      rows.push(
        `  pair ${pair + 1}: through ${lb.rps.toFixed(0)}/s p50 ${lb.p50.toFixed(2)} p99 ${lb.p99.toFixed(2)} ms; ` +
          `direct ${straight.rps.toFixed(0)}/s p50 ${straight.p50.toFixed(2)} p99 ${straight.p99.toFixed(2)} ms`,
      );
    }
    const ratio = median(ratios);
    const p50 = median(addedP50);
    const p99 = median(addedP99);
    console.log(
      `${pairs} pairs; ${concurrency} in flight for ${throughputMs} ms, then ${latencyRequests} one at a time; ` +
        `load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`,
    );
    for (const row of rows) console.log(row);
    console.log(
      `throughput ratio ${ratio.toFixed(2)} (${ratio >= 0.7 ? 'meets' : 'MISSES'} >= 0.7)`,
    );
    console.log(`added p50 ${p50.toFixed(2)} ms (${p50 <= 1 ? 'meets' : 'MISSES'} <= 1 ms)`);
    console.log(`added p99 ${p99.toFixed(2)} ms (${p99 <= 5 ? 'meets' : 'MISSES'} <= 5 ms)`);
  } finally {
    await proxy.close();
    built.remove();
    await removeContainers().catch(() => undefined);
    await docker('rmi', image).catch(() => undefined);
  }
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
