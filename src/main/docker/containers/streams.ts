import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { StowageError, type LogLine, type StatsSample } from '../../../shared';
import { parseJsonLines } from '../connection/json-lines';
import {
  inspectContainer,
  listContainers,
  openLogs,
  openStats,
  startExec,
  type ExecSession,
} from './api';
import { FrameDemuxer, LineSplitter } from './log-frames';
import { toStatsSample, type RawStats } from './readings/map';
import type { UsageSource } from './usage';

/** Lines per item, and characters: a batch stays well under a frame's size. */
const maxLinesPerItem = 2000;
const maxCharsPerItem = 256 * 1024;
/** Lines read ahead while the client lags; beyond this the engine is held back. */
const readAhead = 10_000;

/** Takes a batch from the front of `lines`: many lines, but not too many characters. */
export function takeBatch(lines: LogLine[]): LogLine[] {
  let count = 0;
  let chars = 0;
  while (count < lines.length && count < maxLinesPerItem) {
    chars += (lines[count] as LogLine).text.length;
    if (count > 0 && chars > maxCharsPerItem) break;
    count++;
  }
  return lines.splice(0, count);
}

export async function followLogs(
  docker: Docker,
  input: { container: string; follow: boolean; timestamps: boolean; tail?: number | undefined },
  signal: AbortSignal,
  emit: (item: { lines: LogLine[] }) => Promise<void>,
): Promise<void> {
  // Without a TTY the engine multiplexes stdout and stderr in frames; with one it is raw.
  const { Config } = await inspectContainer(docker, input.container, signal);
  const splitter = new LineSplitter(input.timestamps);
  const pending: LogLine[] = [];
  const demuxer = Config.Tty
    ? undefined
    : new FrameDemuxer((stream, payload) => splitter.push(stream, payload, pending));
  const feed = (chunk: Uint8Array) =>
    demuxer ? demuxer.push(chunk) : splitter.push('stdout', chunk, pending);

  const source = await openLogs(docker, input.container, input, signal);
  if (!('on' in source) || Buffer.isBuffer(source)) {
    feed(source as Buffer);
    splitter.flush(pending);
    while (pending.length > 0) await emit({ lines: takeBatch(pending) });
    return;
  }
  await pump(source, feed, () => splitter.flush(pending), pending, signal, emit);
}

/**
 * Reads the engine's stream into `pending` while sending batches: while the client keeps up
 * each batch is what just arrived; while it lags, lines pile up (to `readAhead`, then the
 * engine waits) and go out many per item.
 */
async function pump(
  source: Readable,
  feed: (chunk: Uint8Array) => void,
  flush: () => void,
  pending: LogLine[],
  signal: AbortSignal,
  emit: (item: { lines: LogLine[] }) => Promise<void>,
): Promise<void> {
  let ended = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const poke = () => {
    wake?.();
    wake = undefined;
  };
  source.on('data', (chunk: Buffer) => {
    feed(chunk);
    if (pending.length >= readAhead) source.pause();
    poke();
  });
  source.once('end', () => {
    flush();
    ended = true;
    poke();
  });
  source.once('error', (error) => {
    failure = error;
    ended = true;
    poke();
  });
  const onAbort = () => {
    ended = true;
    poke();
  };
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      if (pending.length === 0) {
        if (ended) break;
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      const lines = takeBatch(pending);
      if (source.isPaused() && pending.length < readAhead) source.resume();
      await emit({ lines });
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    source.destroy();
  }
  if (signal.aborted) throw new StowageError('CANCELLED', 'The log stream was cancelled.');
  if (failure) throw failure;
}

/** The engine's readings for the usage columns: the running containers and their stats. */
export function engineUsageSource(engine: { docker(): Docker }): UsageSource {
  return {
    running: async (signal) =>
      (await listContainers(engine.docker(), { all: false, size: false }, signal))
        .filter((container) => container.State === 'running')
        .map((container) => container.Id),
    follow: (id, signal, onSample) =>
      followStats(engine.docker(), id, signal, async (sample) => onSample(sample)),
    engineKey: () => engine.docker(),
  };
}

export async function followStats(
  docker: Docker,
  container: string,
  signal: AbortSignal,
  emit: (sample: StatsSample) => Promise<void>,
): Promise<void> {
  const source = await openStats(docker, container, signal);
  const samples: StatsSample[] = [];
  const feed = parseJsonLines<RawStats>((raw) => samples.push(toStatsSample(raw)));
  try {
    for await (const chunk of source) {
      feed((chunk as Buffer).toString('utf8'));
      for (const sample of samples.splice(0)) if (sample.time > 0) await emit(sample);
    }
  } finally {
    source.destroy();
  }
  if (signal.aborted) throw new StowageError('CANCELLED', 'The stats stream was cancelled.');
}

/** Running exec sessions by id: how input and resize calls find their terminal. */
export class ExecSessions {
  private readonly sessions = new Map<string, ExecSession>();

  get(id: string): ExecSession {
    const session = this.sessions.get(id);
    if (!session) throw new StowageError('NOT_FOUND', 'That terminal session has ended.');
    return session;
  }

  async run(
    docker: Docker,
    input: { container: string; cmd: string[]; cols?: number | undefined; rows?: number },
    signal: AbortSignal,
    emit: (
      item: { kind: 'session'; session: string } | { kind: 'output'; data: string },
    ) => Promise<void>,
  ): Promise<{ exitCode: number }> {
    const session = await startExec(docker, input.container, input.cmd, signal);
    const id = randomUUID();
    this.sessions.set(id, session);
    const onAbort = () => session.socket.destroy();
    signal.addEventListener('abort', onAbort, { once: true });
    // The first output says whether the command could start at all.
    let opening = '';
    try {
      // Sized before the client can resize it, so its own resize comes last.
      if (input.cols && input.rows) {
        await session.resize(input.cols, input.rows).catch(() => undefined);
      }
      await emit({ kind: 'session', session: id });
      const decoder = new TextDecoder();
      for await (const chunk of session.socket) {
        const data = decoder.decode(chunk as Buffer, { stream: true });
        if (opening.length < 4096) opening += data;
        if (data) await emit({ kind: 'output', data });
      }
    } catch (error) {
      if (!signal.aborted) throw error;
    } finally {
      signal.removeEventListener('abort', onAbort);
      this.sessions.delete(id);
      session.socket.destroy();
    }
    if (signal.aborted) throw new StowageError('CANCELLED', 'The terminal was closed.');
    const exitCode = await session.exitCode();
    if ((exitCode === 126 || exitCode === 127) && missingCommand(opening)) {
      throw new StowageError(
        'NOT_FOUND',
        `This container has no ${input.cmd[0]}: the image does not include it. Choose another shell, such as /bin/sh.`,
      );
    }
    return { exitCode };
  }
}

const missingCommand = (output: string) =>
  /executable file not found|no such file or directory|not found/i.test(output);
