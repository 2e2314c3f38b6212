import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';

/** What a command printed, capped, and how it ended. */
export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

const maxOutputBytes = 64 * 1024;

/** The variable that marks every process of one exec, so a cancel can find them all. */
const execMarkName = 'STOWAGE_EXEC_ID';

/**
 * Runs `command` in a running container and collects its output (at most 64 KiB of each).
 * The engine has no way to stop an exec, so every process of this one carries a variable of
 * its own in its environment, and a cancel kills each process that has it (with a second
 * exec: `sh`, `tr` and `grep` in the container, as busybox has them).
 */
export async function execInContainer(
  docker: Docker,
  containerId: string,
  command: string[],
  signal: AbortSignal,
): Promise<ExecResult> {
  signal.throwIfAborted();
  const mark = `${execMarkName}=${randomUUID()}`;
  const container = docker.getContainer(containerId);
  const exec = await container.exec({
    Cmd: command,
    Env: [mark],
    AttachStdout: true,
    AttachStderr: true,
  });
  const stream = await exec.start({ hijack: true, stdin: false });
  const stdout = collector();
  const stderr = collector();
  docker.modem.demuxStream(stream, stdout.sink, stderr.sink);
  const abort = () => stream.destroy(new Error('The check was cancelled.'));
  signal.addEventListener('abort', abort, { once: true });
  try {
    await new Promise<void>((resolve, reject) => {
      stream.on('end', resolve);
      stream.on('close', () => (signal.aborted ? reject(signal.reason) : resolve()));
      stream.on('error', reject);
    });
  } catch (error) {
    if (signal.aborted) {
      await killMarked(container, mark).catch(() => undefined);
      throw new Error('The check was cancelled.', { cause: error });
    }
    throw error;
  } finally {
    signal.removeEventListener('abort', abort);
  }
  const inspected = await exec.inspect();
  return { exitCode: inspected.ExitCode ?? -1, stdout: stdout.text(), stderr: stderr.text() };
}

/** Kills every process in the container whose environment holds `mark`, and waits for it. */
async function killMarked(container: Docker.Container, mark: string): Promise<void> {
  const script =
    'for p in /proc/[0-9]*; do ' +
    'if tr "\\0" "\\n" < "$p/environ" 2>/dev/null | grep -qx "$1"; then kill -KILL "${p#/proc/}"; fi; ' +
    'done';
  const killer = await container.exec({
    Cmd: ['sh', '-c', script, 'kill-marked', mark],
    AttachStdout: true,
    AttachStderr: true,
  });
  const stream = await killer.start({ hijack: true, stdin: false });
  stream.resume();
  await new Promise<void>((resolve) => {
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', () => resolve());
  });
}

function collector() {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  let size = 0;
  sink.on('data', (chunk: Buffer) => {
    if (size >= maxOutputBytes) return;
    chunks.push(chunk);
    size += chunk.length;
  });
  return { sink, text: () => Buffer.concat(chunks).toString('utf8').slice(0, maxOutputBytes) };
}
