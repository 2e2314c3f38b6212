// Layer analysis against the bare export, on a large image built here.
//
// Reports, in one run: the time of `docker save IMAGE` to /dev/null (the baseline) and of
// `stowage layers IMAGE --json`, run alternately in pairs (which of the two goes first
// alternates too), and the median of the per-pair ratios: a median of each series drifts with
// the machine, a pair's ratio much less. Also the Stowage process's peak RSS and bytes written
// to disk, and the time and disk space of what other desktop tools do (save the image to a
// file, untar it and every layer to disk). Targets: ratio <= 1.15, peak RSS <= 300 MB, nothing
// written. BENCH_RUNS sets the number of pairs (default 5).
//
// Then the same image in the UI (stowage web in Chromium): when the first layer is on screen
// and when the first measured one is, against when the analysis ends, and the main-thread
// long tasks (PerformanceObserver) meanwhile. Target: the first layer on screen before the
// export is read, no task over 100 ms. `--ui` runs only this part; `--cli` only the first
// figures (ratio, peak RSS, bytes written), without the untar comparison and the UI.

import { execFileSync, spawn } from 'node:child_process';
import {
  copyFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startWeb } from './web.mjs';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const stowageBin = join(repoRoot, 'bin', 'stowage.js');
const image = 'stowage-bench/large:1.0';
const runs = Number(process.env.BENCH_RUNS ?? 5);
const ratioTarget = 1.15;

const sh = (script) => `RUN ["/bin/sh","-c","${script}"]`;
/** Writes `count` small files under `dir`, spread over 100 folders. */
const manyFiles = (dir, count, text) =>
  sh(
    `i=0; while [ $i -lt 100 ]; do mkdir -p ${dir}/$i; i=$((i+1)); done; ` +
      `i=0; while [ $i -lt ${count} ]; do echo ${text} $i > ${dir}/$((i%100))/$i; i=$((i+1)); done`,
  );
const bigFile = (path, megabytes) =>
  sh(`mkdir -p /big && dd if=/dev/urandom of=${path} bs=1M count=${megabytes} 2>/dev/null`);

const dockerfile = [
  'FROM scratch',
  'LABEL stowage.bench=1',
  'COPY busybox /bin/busybox',
  'RUN ["/bin/busybox","--install","-s","/bin"]',
  manyFiles('/data/a', 30_000, 'first'),
  bigFile('/big/one', 200),
  manyFiles('/data/b', 20_000, 'second'),
  bigFile('/big/two', 150),
  // Modified files, a deleted directory tree and a deleted large file.
  sh('i=0; while [ $i -lt 5000 ]; do echo changed > /data/a/$((i%100))/$i; i=$((i+1)); done'),
  sh('chmod -R go-w /data/b/1 && rm -rf /data/a/5 /data/a/6 /data/a/7 && rm /big/one'),
  bigFile('/big/three', 200),
];

function docker(args, options = {}) {
  return execFileSync('docker', args, { encoding: 'utf8', maxBuffer: 1 << 26, ...options }).trim();
}

function ensureImage() {
  const existing = docker(['images', '-q', image]);
  if (existing && !process.argv.includes('--rebuild')) return;
  console.log(`Building ${image} (about 550 MB and 50,000 files over 8 layers)…`);
  const context = mkdtempSync(join(tmpdir(), 'stowage-bench-'));
  try {
    copyFileSync('/bin/busybox', join(context, 'busybox'));
    writeFileSync(join(context, 'Dockerfile'), `${dockerfile.join('\n')}\n`);
    docker(['build', '--quiet', '-t', image, context], {
      env: { ...process.env, DOCKER_BUILDKIT: '0' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
}

/** Runs a command; resolves with its wall time, peak RSS and bytes it wrote to storage. */
function measure(command, args) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let peakRss = 0;
    let written = 0;
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const sample = () => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        peakRss = Math.max(peakRss, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024);
        const io = readFileSync(`/proc/${child.pid}/io`, 'utf8');
        written = Math.max(written, Number(/write_bytes:\s+(\d+)/.exec(io)?.[1] ?? 0));
      } catch {
        // The process has just ended.
      }
    };
    const timer = setInterval(sample, 10);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(timer);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0) reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr}`));
      else resolve({ seconds, peakRss, written });
    });
  });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;

function untarEverything() {
  const dir = mkdtempSync(join(tmpdir(), 'stowage-bench-untar-'));
  try {
    const started = process.hrtime.bigint();
    docker(['save', '--output', join(dir, 'image.tar'), image]);
    execFileSync('mkdir', [join(dir, 'image')]);
    execFileSync('tar', ['-xf', join(dir, 'image.tar'), '-C', join(dir, 'image')]);
    const layers = readdirSync(join(dir, 'image'), { recursive: true }).filter((name) =>
      String(name).endsWith('layer.tar'),
    );
    layers.forEach((layer, index) => {
      const target = join(dir, 'layers', String(index));
      execFileSync('mkdir', ['-p', target]);
      execFileSync('tar', ['-xf', join(dir, 'image', String(layer)), '-C', target]);
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const disk = Number(execFileSync('du', ['-sb', dir], { encoding: 'utf8' }).split('\t')[0]);
    return { seconds, disk };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measureUi() {
  const { chromium } = await import('@playwright/test');
  const imageId = docker(['image', 'inspect', '--format', '{{.Id}}', image]);
  const web = await startWeb();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.addInitScript(() => {
      globalThis.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) globalThis.__longTasks.push(entry.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(web.url);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Images', exact: true })
      .click();
    await page.locator(`[data-testid="image-row"][data-image-id="${imageId}"]`).click();
    await page.evaluate(() => (globalThis.__longTasks.length = 0));
    const started = Date.now();
    const at = async (locator, timeout = 600_000) => {
      await locator.first().waitFor({ timeout });
      return (Date.now() - started) / 1000;
    };
    await page.getByTestId('image-detail').getByRole('tab', { name: 'Layers' }).click();
    const listed = await at(page.getByTestId('layer-row'));
    const firstStacked = await at(page.locator('[data-testid="layer-row"][data-pending="false"]'));
    const done = await at(page.getByTestId('layers-waste'));
    const treeShown = await at(page.getByTestId('tree-row'));
    const analysisTasks = await page.evaluate(() => [...globalThis.__longTasks]);
    await page.getByLabel('Aggregated').check();
    await page
      .getByRole('group', { name: 'Kinds of entry shown' })
      .getByRole('button', { name: /^unchanged/ })
      .click();
    const aggregatedStart = Date.now();
    await page.locator('[data-testid="tree-row"][data-kind="lower"]').first().waitFor();
    const aggregated = (Date.now() - aggregatedStart) / 1000;
    const allTasks = await page.evaluate(() => [...globalThis.__longTasks]);
    const longest = (tasks) => Math.round(Math.max(0, ...tasks));
    const verdict = (ok) => (ok ? 'meets target' : 'MISSES target');
    console.log('\nIn the UI (stowage web, Chromium), seconds after opening the Layers tab');
    console.log(`  first layer on screen (from history)   ${listed.toFixed(2)} s`);
    console.log(`  first layer measured                   ${firstStacked.toFixed(2)} s`);
    console.log(
      `  analysis done (export read)            ${done.toFixed(2)} s  ` +
        `(${verdict(listed < done)}: first layer before)`,
    );
    console.log(`  layer's file tree on screen            ${treeShown.toFixed(2)} s`);
    console.log(
      `  aggregated tree of the whole image     ${aggregated.toFixed(2)} s after the toggle`,
    );
    console.log(
      `  longest main-thread task, analysis     ${longest(analysisTasks)} ms  ` +
        `(${analysisTasks.length} over 50 ms; ${verdict(longest(analysisTasks) <= 100)} <= 100 ms)`,
    );
    console.log(
      `  longest main-thread task, with tree    ${longest(allTasks)} ms  ` +
        `(${allTasks.length} over 50 ms; ${verdict(longest(allTasks) <= 100)} <= 100 ms)`,
    );
  } finally {
    await browser.close();
    web.stop();
  }
}

async function main() {
  ensureImage();
  if (process.argv.includes('--ui')) return measureUi();
  const report = JSON.parse(
    execFileSync(process.execPath, [stowageBin, 'layers', image, '--json'], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    }),
  );
  const files = report.layers.reduce((total, layer) => total + layer.added, 0);
  console.log(
    `Image: ${image}, ${report.layers.length} layers, ${mb(report.image.size)} in its layers, ` +
      `${files} paths added\n`,
  );

  const save = [];
  const stowage = [];
  const ratios = [];
  const measureSave = () => measure('docker', ['save', image]);
  const measureStowage = () => measure(process.execPath, [stowageBin, 'layers', image, '--json']);
  for (let pair = 0; pair < runs; pair++) {
    const saveFirst = pair % 2 === 0;
    const first = await (saveFirst ? measureSave() : measureStowage());
    const second = await (saveFirst ? measureStowage() : measureSave());
    const [saveRun, stowageRun] = saveFirst ? [first, second] : [second, first];
    save.push(saveRun);
    stowage.push(stowageRun);
    ratios.push(stowageRun.seconds / saveRun.seconds);
  }
  const saveSeconds = median(save.map((run) => run.seconds));
  const stowageSeconds = median(stowage.map((run) => run.seconds));
  const peakRss = Math.max(...stowage.map((run) => run.peakRss));
  const written = Math.max(...stowage.map((run) => run.written));
  const ratio = median(ratios);

  const verdict = (ok) => (ok ? 'meets target' : 'MISSES target');
  console.log(`${runs} alternating pairs; load average ${loadavg()[0].toFixed(1)} at the end`);
  console.log(`  docker save > /dev/null (baseline)  ${saveSeconds.toFixed(2)} s (median)`);
  console.log(`  stowage layers --json               ${stowageSeconds.toFixed(2)} s (median)`);
  console.log(
    `  median of per-pair ratios           ${ratio.toFixed(2)}  ` +
      `(${verdict(ratio <= ratioTarget)} <= ${ratioTarget})`,
  );
  console.log(
    `  stowage peak RSS                    ${mb(peakRss)}  (${verdict(peakRss <= 300e6)} <= 300 MB)`,
  );
  console.log(`  stowage bytes written to disk       ${written}  (${verdict(written === 0)} 0)`);
  console.log(
    `  pairs (save / stowage = ratio): ` +
      save
        .map((run, index) => {
          const own = stowage[index].seconds;
          return `${run.seconds.toFixed(2)} / ${own.toFixed(2)} = ${ratios[index].toFixed(2)}`;
        })
        .join(', '),
  );
  if (process.argv.includes('--cli')) return;
  const untar = untarEverything();
  console.log(
    `  save + untar every layer to disk    ${untar.seconds.toFixed(2)} s, ${mb(untar.disk)} on disk ` +
      `(${(untar.seconds / saveSeconds).toFixed(2)} x the baseline)`,
  );
  await measureUi();
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
