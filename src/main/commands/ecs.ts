import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { connectEngine, systemEndpointSources } from '../docker/connection/engine';
import { startEcsEndpoint } from '../ecs/endpoint/server';
import { openDockerRuntime } from '../ecs/runtime/docker-probe';
import { openEcsSimulator } from '../ecs/simulator';
import { systemClock } from '../lib/clock';
import { isLoopback } from '../lib/host-names';
import { UsageError } from './usage-error';
import { createLoadBalancerDataPlane } from '../ecs/load-balancer/data-plane';
import { configuredHostNames, extraHostsVariable } from '../ecs/load-balancer/host-check';

const defaultPort = 4566;

export const ecsHelp = `Usage: stowage ecs [options]

Runs Stowage's simulated Amazon ECS control plane without the UI and serves the ECS API
(AWS JSON 1.1) for the AWS SDKs and the AWS CLI. Signatures are accepted, not checked:
any credentials do.

  aws ecs list-clusters --endpoint-url http://127.0.0.1:${defaultPort} --region us-east-1

Options:
  --port <n>          Port to listen on (default ${defaultPort}; 0 picks a free one)
  --host <address>    Address to listen on (default 127.0.0.1). Anything but loopback lets
                      your network drive the control plane: only do it on purpose.
  --data-dir <dir>    Where Stowage keeps its state (default ~/.local/share/stowage); the
                      ECS state is kept in <dir>/ecs and survives restarts
  --runtime <name>    simulated (default): tasks run in a simulation, no containers start.
                      docker: tasks run as labelled containers on the Docker engine (found
                      as the docker CLI finds it); without an engine, simulated
  -h, --help          Show this help
`;

/** `stowage ecs`: the control plane headless, behind the AWS-compatible endpoint. */
export async function ecsCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      runtime: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(ecsHelp);
    return 0;
  }
  const port = parsePort(values.port ?? String(defaultPort));
  const host = values.host ?? '127.0.0.1';
  const runtimeName = values.runtime ?? 'simulated';
  if (runtimeName !== 'simulated' && runtimeName !== 'docker') {
    throw new UsageError(`--runtime is simulated or docker, not "${runtimeName}".`);
  }
  const dataDir = resolve(values['data-dir'] ?? join(homedir(), '.local', 'share', 'stowage'));

  const engine =
    runtimeName === 'docker'
      ? connectEngine({
          sources: systemEndpointSources(),
          clock: systemClock,
          onStatus: () => undefined,
          onEvent: () => undefined,
        })
      : undefined;
  const probe = engine ? await openDockerRuntime({ engine, clock: systemClock }) : undefined;
  if (probe && 'unavailable' in probe) {
    process.stderr.write(
      `stowage ecs: no Docker engine answers (${probe.unavailable}); tasks run in the simulated runtime.\n`,
    );
  }
  const ecs = await openEcsSimulator({
    dataDir,
    clock: systemClock,
    ...(probe && 'runtime' in probe ? { dockerRuntime: probe.runtime } : {}),
    loadBalancers: createLoadBalancerDataPlane({
      clock: systemClock,
      hostNames: configuredHostNames(process.env[extraHostsVariable]),
      onError: (error) => report('a load balancer failed', error),
    }),
    onError: (error) => report('the reconcile loop failed', error),
  });
  // What opening the store had to do (a damaged journal, a file moved aside) it has said on
  // standard error itself.
  const { controlPlane, loadBalancers } = ecs;
  const endpoint = await startEcsEndpoint({
    controlPlane,
    ...(loadBalancers ? { loadBalancers } : {}),
    host,
    port,
    onUnexpectedError: (operation, error) => report(`${operation} failed unexpectedly`, error),
  }).catch(async (error: NodeJS.ErrnoException) => {
    await ecs.close();
    if (error.code === 'EADDRINUSE') {
      throw new UsageError(`Port ${port} is in use. Choose another with --port (0 picks one).`);
    }
    throw error;
  });

  if (!isLoopback(host)) {
    process.stderr.write(
      `Warning: listening on ${host}, not loopback. Anyone who can reach it can drive the control plane: there are no credentials to check.\n`,
    );
  }
  process.stdout.write(`Stowage ECS endpoint listening on ${endpoint.url}\n`);

  await new Promise<void>((done) => {
    process.once('SIGINT', () => done());
    process.once('SIGTERM', () => done());
  });
  await endpoint.close();
  await ecs.close();
  return 0;
}

/** One line on stderr: what failed and its message, never a stack. */
function report(what: string, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`stowage ecs: ${what}: ${message.slice(0, 500)}\n`);
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) {
    throw new UsageError(`--port must be a whole number from 0 to 65535, not "${text}".`);
  }
  return port;
}
