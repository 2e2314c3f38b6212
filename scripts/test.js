#!/usr/bin/env node
// `npm test`: every check, in order, stopping at the first failure. Ends with one line per step
// and a last line `N passed, N failed` counting the tests of Vitest and Playwright.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const reportDir = join(repoRoot, '.stowage-test', 'reports');
const bin = (name) => join(repoRoot, 'node_modules', '.bin', name);

const vitestStep = (project) => {
  const report = join(reportDir, `vitest-${project}.json`);
  return {
    name: `vitest ${project}`,
    command: bin('vitest'),
    args: [
      'run',
      '--project',
      project,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
    ],
    report: { kind: 'vitest', file: report },
  };
};

const steps = [
  { name: 'lint', command: 'npm', args: ['run', 'lint'] },
  { name: 'typecheck', command: 'npm', args: ['run', 'typecheck'] },
  { name: 'test:setup', command: 'npm', args: ['run', 'test:setup'] },
  { name: 'build', command: 'npm', args: ['run', 'build'] },
  vitestStep('unit'),
  vitestStep('component'),
  vitestStep('integration'),
  {
    name: 'playwright',
    command: bin('playwright'),
    args: ['test'],
    // Must match the json reporter's outputFile in playwright.config.ts.
    report: { kind: 'playwright', file: join(reportDir, 'playwright.json') },
  },
];

// The integration and end-to-end suites share the fixture images of this run; the last suite
// removes them, and `removeLeftovers` makes sure of it when a step fails before.
const testEnv = { ...process.env, STOWAGE_TEST_SHARED_FIXTURES: '1' };

function run(command, args) {
  return new Promise((resolveRun) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: 'inherit', env: testEnv });
    child.once('error', (error) => resolveRun({ code: 127, error: error.message }));
    child.once('exit', (code, signal) => resolveRun({ code: code ?? 1, signal }));
  });
}

/** Test counts from a reporter's JSON file, or undefined when the run wrote none. */
function readCounts(report) {
  if (!existsSync(report.file)) return undefined;
  try {
    const json = JSON.parse(readFileSync(report.file, 'utf8'));
    if (report.kind === 'vitest') {
      return {
        passed: json.numPassedTests ?? 0,
        failed: json.numFailedTests ?? 0,
        skipped: (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0),
      };
    }
    const stats = json.stats ?? {};
    return {
      passed: (stats.expected ?? 0) + (stats.flaky ?? 0),
      failed: stats.unexpected ?? 0,
      skipped: stats.skipped ?? 0,
    };
  } catch (error) {
    console.error(`test: could not read ${report.file}: ${error.message}`);
    return undefined;
  }
}

/** Removes every container and image the tests labelled, whatever happened before. */
function removeLeftovers() {
  const label = 'label=dev.stowage.test=1';
  const script = [
    'command -v docker >/dev/null || exit 0',
    `ids=$(docker ps -aq --filter ${label}); [ -z "$ids" ] || docker rm -f -v $ids >/dev/null`,
    `ids=$(docker images -q --filter ${label} | sort -u); [ -z "$ids" ] || docker rmi -f $ids >/dev/null 2>&1`,
    `ids=$(docker images -aq --filter ${label} | sort -u); [ -z "$ids" ] || docker rmi -f $ids >/dev/null 2>&1`,
    'exit 0',
  ].join('\n');
  spawnSync('sh', ['-c', script], { stdio: 'inherit', timeout: 120_000 });
}

const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)}s`;

mkdirSync(reportDir, { recursive: true });
const results = [];
let failedStep;

for (const step of steps) {
  console.log(`\n=== test: ${step.name} (${[step.command, ...step.args].join(' ')}) ===\n`);
  if (step.report) rmSync(step.report.file, { force: true });
  const started = Date.now();
  const { code, signal, error } = await run(step.command, step.args);
  const counts = step.report ? readCounts(step.report) : undefined;
  let problem;
  if (error) problem = `could not start: ${error}`;
  else if (signal) problem = `killed by ${signal}`;
  else if (code !== 0) problem = `exit code ${code}`;
  else if (step.report && !counts) problem = 'wrote no test report';
  else if (counts && counts.passed + counts.failed === 0) problem = 'ran zero tests';
  results.push({ step, counts, problem, time: seconds(started) });
  if (problem) {
    failedStep = step.name;
    console.error(`\ntest: FAILED at step "${step.name}": ${problem}`);
    break;
  }
}

removeLeftovers();

let passed = 0;
let failed = 0;
console.log('\n=== test: summary ===');
for (const step of steps) {
  const result = results.find((candidate) => candidate.step === step);
  if (!result) {
    console.log(`  -    ${step.name}: not run`);
    continue;
  }
  const { counts } = result;
  if (counts) {
    passed += counts.passed;
    failed += counts.failed;
  }
  const tests = counts
    ? ` — ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`
    : '';
  const verdict = result.problem ? `FAIL (${result.problem})` : 'ok';
  console.log(
    `  ${result.problem ? '✗' : '✓'}    ${step.name}: ${verdict} in ${result.time}${tests}`,
  );
}
if (failedStep) console.log(`First failing step: ${failedStep}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failedStep || failed > 0 ? 1 : 0);
