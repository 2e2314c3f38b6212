import { connect, createServer, type Server, type Socket } from 'node:net';

export interface SocketProxyOptions {
  /** The engine's unix socket; defaults to DOCKER_HOST when it is a unix:// address. */
  target?: string;
}

export interface SocketProxy {
  /** What the app under test gets as DOCKER_HOST. */
  dockerHost: string;
  port: number;
  /** Drops every open connection and stops listening: the engine "disappears" for clients. */
  cut(): Promise<void>;
  /** How many client connections are open through the proxy now. */
  clients(): number;
  /** Listens again on the same port. */
  restore(): Promise<void>;
  /** Cuts for good. */
  close(): Promise<void>;
}

export function defaultDockerSocket(): string {
  const dockerHost = process.env.DOCKER_HOST;
  return dockerHost?.startsWith('unix://')
    ? dockerHost.slice('unix://'.length)
    : '/var/run/docker.sock';
}

/**
 * A TCP front for the engine's unix socket on 127.0.0.1. Tests hand its address to the app and
 * cut it to make the engine unreachable for the app alone, without stopping anyone's daemon.
 */
export async function startSocketProxy(options: SocketProxyOptions = {}): Promise<SocketProxy> {
  const target = options.target ?? defaultDockerSocket();
  const openSockets = new Set<Socket>();
  const openClients = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  let closed = false;

  const track = (socket: Socket): void => {
    openSockets.add(socket);
    socket.once('close', () => openSockets.delete(socket));
  };

  const handleConnection = (client: Socket): void => {
    const engine = connect(target);
    track(client);
    track(engine);
    openClients.add(client);
    client.once('close', () => openClients.delete(client));
    const closeBoth = (): void => {
      client.destroy();
      engine.destroy();
    };
    client.on('error', closeBoth).on('close', closeBoth);
    engine.on('error', closeBoth).on('close', closeBoth);
    client.pipe(engine);
    engine.pipe(client);
  };

  const listen = async (): Promise<void> => {
    const listening = createServer(handleConnection);
    await new Promise<void>((resolve, reject) => {
      listening.once('error', reject);
      listening.listen({ host: '127.0.0.1', port }, () => {
        listening.off('error', reject);
        resolve();
      });
    });
    const address = listening.address();
    if (address === null || typeof address === 'string') throw new Error('proxy has no TCP port');
    port = address.port;
    server = listening;
  };

  const cut = async (): Promise<void> => {
    const stopping = server;
    server = undefined;
    for (const socket of openSockets) socket.destroy();
    openSockets.clear();
    openClients.clear();
    if (stopping) await new Promise<void>((resolve) => stopping.close(() => resolve()));
  };

  await listen();

  return {
    dockerHost: `tcp://127.0.0.1:${port}`,
    port,
    cut,
    clients: () => openClients.size,
    async restore() {
      if (closed) throw new Error('the socket proxy is closed');
      if (!server) await listen();
    },
    async close() {
      closed = true;
      await cut();
    },
  };
}
