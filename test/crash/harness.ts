import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Crash harness: runs a command again and again on the same data, SIGKILLs it at seeded random
 * moments while it works, and collects every acknowledgement it gave before dying. The caller
 * then reopens the data and checks that each acknowledged piece of work survived.
 *
 * Acknowledgements come from stdout lines (`ack <id>` unless told otherwise) or, for a server,
 * from `feed`, which sends it work and calls `acknowledge` when a response arrives.
 */
export interface CrashRunOptions {
  command: string;
  /** The arguments of the n-th run (0-based); the last run is the one not killed. */
  args(run: number): readonly string[];
  env?: NodeJS.ProcessEnv;
  /** Printed with the results, so a failing sequence of kills can be replayed. */
  seed: number;
  /** How many runs are killed; one more runs to its end after them unless `finalRun` is false. */
  kills: number;
  finalRun?: boolean;
  /** The kill comes this long after the process said it was ready. */
  killDelayMs: { min: number; max: number };
  /** Whether a stdout line says the process is ready for work; the first line unless told. */
  isReady?(line: string): boolean;
  /** The id a stdout line acknowledges, if any. */
  acknowledgement?(line: string): string | undefined;
  /** Feeds work once the process is ready. Failures after the kill are expected and ignored. */
  feed?(process: RunningProcess): Promise<void>;
  /** How long a run may take to say it is ready, and a final run to finish. */
  timeoutMs?: number;
}

export interface RunningProcess {
  run: number;
  child: ChildProcess;
  /** The stdout line that said it was ready (a server's address, say). */
  readyLine: string;
  acknowledge(id: string): void;
  /** Aborted when the harness kills the process. */
  signal: AbortSignal;
}

export interface RunReport {
  run: number;
  /** Milliseconds after ready at which it was killed; undefined when it ended by itself. */
  killedAfterMs: number | undefined;
  exitCode: number | null;
  exitSignal: NodeJS.Signals | null;
  acknowledged: string[];
  stdoutLines: string[];
  stderr: string;
}

export interface CrashReport {
  seed: number;
  kills: number;
  runs: RunReport[];
  /** Every acknowledgement of every run, in the order they came. */
  acknowledged: string[];
}

/** mulberry32: small, seedable, good enough to spread kill moments. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ackLine = (line: string) => /^ack (\S+)$/.exec(line)?.[1];

export async function runWithKills(options: CrashRunOptions): Promise<CrashReport> {
  const random = seededRandom(options.seed);
  const runs: RunReport[] = [];
  const total = options.kills + (options.finalRun === false ? 0 : 1);
  for (let run = 0; run < total; run++) {
    const { min, max } = options.killDelayMs;
    const killDelay = run < options.kills ? Math.round(min + random() * (max - min)) : undefined;
    runs.push(await runOnce(options, run, killDelay));
  }
  return {
    seed: options.seed,
    kills: runs.filter((run) => run.killedAfterMs !== undefined).length,
    runs,
    acknowledged: runs.flatMap((run) => run.acknowledged),
  };
}

function runOnce(
  options: CrashRunOptions,
  run: number,
  killDelay: number | undefined,
): Promise<RunReport> {
  const isReady = options.isReady ?? (() => true);
  const acknowledgement = options.acknowledgement ?? ackLine;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const child = spawn(options.command, [...options.args(run)], {
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const abort = new AbortController();
  const report: RunReport = {
    run,
    killedAfterMs: undefined,
    exitCode: null,
    exitSignal: null,
    acknowledged: [],
    stdoutLines: [],
    stderr: '',
  };
  const acknowledge = (id: string) => report.acknowledged.push(id);
  let ready = false;
  let killTimer: NodeJS.Timeout | undefined;
  const timeout = setTimeout(() => {
    child.kill('SIGKILL');
    report.stderr += `\n[harness] run ${run} timed out after ${timeoutMs} ms`;
  }, timeoutMs);

  const onReady = (readyLine: string) => {
    ready = true;
    if (killDelay !== undefined) {
      killTimer = setTimeout(() => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        report.killedAfterMs = killDelay;
        abort.abort();
        child.kill('SIGKILL');
      }, killDelay);
    }
    options
      .feed?.({ run, child, readyLine, acknowledge, signal: abort.signal })
      .catch((error: Error) => {
        if (!abort.signal.aborted) report.stderr += `\n[harness] feed failed: ${error.stack}`;
      });
  };

  let pending = '';
  child.stdout.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      report.stdoutLines.push(line);
      if (!ready && isReady(line)) onReady(line);
      const id = acknowledgement(line);
      if (id !== undefined) acknowledge(id);
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (report.stderr += chunk.toString('utf8')));

  return new Promise((resolve, reject) => {
    child.once('error', reject);
    // 'close' comes once stdout is drained: every line written before the kill is counted.
    child.once('close', (code, signal) => {
      clearTimeout(timeout);
      clearTimeout(killTimer);
      report.exitCode = code;
      report.exitSignal = signal;
      resolve(report);
    });
  });
}

/** One line for the test output: the seed and what was checked. */
export function describeReport(report: CrashReport): string {
  const perRun = report.runs
    .map((run) =>
      run.killedAfterMs === undefined
        ? `run ${run.run}: ended (${run.acknowledged.length} acks)`
        : `run ${run.run}: killed at ${run.killedAfterMs} ms (${run.acknowledged.length} acks)`,
    )
    .join('; ');
  return `seed ${report.seed}: ${report.kills} kills, ${report.acknowledged.length} acknowledged changes checked — ${perRun}`;
}
