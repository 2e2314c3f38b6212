import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';

/** What a command printed, capped, and how it ended. */
export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

const maxOutputBytes = 64 * 1024;

/** Runs `command` in a running container and collects its output (at most 64 KiB of each). */
export async function execInContainer(
  docker: Docker,
  containerId: string,
  command: string[],
  signal: AbortSignal,
): Promise<ExecResult> {
  const exec = await docker.getContainer(containerId).exec({
    Cmd: command,
    AttachStdout: true,
    AttachStderr: true,
  });
  const stream = await exec.start({ hijack: true, stdin: false });
  const stdout = collector();
  const stderr = collector();
  docker.modem.demuxStream(stream, stdout.sink, stderr.sink);
  await new Promise<void>((resolve, reject) => {
    const abort = () => {
      stream.destroy();
      reject(new Error('The check was cancelled.'));
    };
    signal.addEventListener('abort', abort, { once: true });
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', reject);
  });
  const inspected = await exec.inspect();
  return { exitCode: inspected.ExitCode ?? -1, stdout: stdout.text(), stderr: stderr.text() };
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
