import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { version } from '../../package.json';
import { ecsCommand } from './commands/ecs';
import { layersCommand } from './commands/layers';
import { UsageError } from './commands/usage-error';
import { createAppBackend, ecsRuntimeFrom } from './composition';
import { offerFreshUrls } from './web/fresh-urls';
import { isLoopback } from './lib/host-names';
import { minTokenLength, startWebServer } from './web/server';

const defaultPort = 5850;

const mainHelp = `Usage: stowage <command> [options]

Stowage manages the local Docker engine, shows inside image layers and simulates Amazon ECS.

Commands:
  web        Serve the Stowage UI to your browser on this machine
  layers     Show what each layer of an image adds, changes and removes, and what it wastes
  ecs        Serve the simulated Amazon ECS API for the AWS SDKs and CLI (no UI)

Options:
  -h, --help     Show help (also: stowage <command> --help)
  -v, --version  Show the version
`;

const webHelp = `Usage: stowage web [options]

Runs Stowage's services in this process and serves its UI to your browser. Open the
printed URL: it carries a one-time ticket, good for one browser tab within 5 minutes, which
the page trades for the session token. Press Enter in this terminal for a fresh URL. Anyone
without the token gets 401.

Options:
  --port <n>          Port to listen on (default ${defaultPort}; 0 picks a free one)
  --host <address>    Address to listen on (default 127.0.0.1). Anything but loopback
                      exposes the engine to your network: only do it on purpose.
  --data-dir <dir>    Where Stowage keeps its state (default ~/.local/share/stowage)
  -h, --help          Show this help

Environment:
  STOWAGE_TOKEN       Use this session token instead of a random one (at least ${minTokenLength}
                      characters). Scripts that know it present it in the WebSocket
                      handshake; the printed URL still carries a ticket, never the token.
  DOCKER_HOST         Engine address, as for the docker CLI (else the docker context, else
                      the default socket)
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(mainHelp);
    return command === undefined ? 2 : 0;
  }
  if (command === '-v' || command === '--version') {
    process.stdout.write(`${version}\n`);
    return 0;
  }
  if (command === 'web') return web(rest);
  if (command === 'layers') return layersCommand(rest);
  if (command === 'ecs') return ecsCommand(rest);
  throw new UsageError(`Unknown command "${command}". Run "stowage --help" for the commands.`);
}

async function web(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(webHelp);
    return 0;
  }
  const port = parsePort(values.port ?? String(defaultPort));
  const host = values.host ?? '127.0.0.1';
  const token = process.env.STOWAGE_TOKEN;
  if (token !== undefined && token.length < minTokenLength) {
    throw new UsageError(
      `STOWAGE_TOKEN is ${token.length} characters long; use at least ${minTokenLength} (or unset it for a random one).`,
    );
  }
  const dataDir = resolve(values['data-dir'] ?? join(homedir(), '.local', 'share', 'stowage'));
  mkdirSync(dataDir, { recursive: true });

  const services = createAppBackend({ dataDir, ecsRuntime: ecsRuntimeFrom(process.env) });
  services.start();
  const rendererDir = fileURLToPath(new URL('../renderer', import.meta.url));
  const server = await startWebServer({
    services,
    rendererDir,
    host,
    port,
    token,
  }).catch((error: NodeJS.ErrnoException) => {
    services.stop();
    if (error.code === 'EADDRINUSE') {
      throw new UsageError(`Port ${port} is in use. Choose another with --port (0 picks one).`);
    }
    throw error;
  });

  if (!isLoopback(host)) {
    process.stderr.write(
      `Warning: listening on ${host}, not loopback. Anyone who can reach it and has the token controls your Docker engine.\n`,
    );
  }
  process.stdout.write(`Stowage is running at ${server.url}\n`);
  const stopOffering = offerFreshUrls(process.stdin, server.freshUrl, (text) =>
    process.stdout.write(text),
  );

  await new Promise<void>((done) => {
    const shutdown = () => done();
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  });
  stopOffering();
  services.stop();
  await server.close();
  return 0;
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) {
    throw new UsageError(`--port must be a whole number from 0 to 65535, not "${text}".`);
  }
  return port;
}

/** Exits once what was written has left: a pipe takes it asynchronously and exit would cut it. */
function exitWhenFlushed(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

main(process.argv.slice(2)).then(exitWhenFlushed, (error: unknown) => {
  const usage =
    error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  process.stderr.write(`stowage: ${error instanceof Error ? error.message : String(error)}\n`);
  exitWhenFlushed(usage ? 2 : 1);
});
