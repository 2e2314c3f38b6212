import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createAppBackend, ecsRuntimeFrom } from '../composition';
import { isLoopback } from '../lib/host-names';
import { offerFreshUrls } from '../web/fresh-urls';
import { minTokenLength, startWebServer } from '../web/server';
import { UsageError } from './usage-error';

const defaultPort = 5850;

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

/**
 * `stowage web`: the app's services in this process, and its UI (the built renderer in
 * `rendererDir`) served to a browser.
 */
export async function webCommand(argv: string[], rendererDir: string): Promise<number> {
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
