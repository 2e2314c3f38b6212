import { Agent as HttpAgent, type ClientRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { Socket } from 'node:net';

/**
 * An HTTP agent for one engine client that can end everything still in flight on it (calls,
 * streaming answers, attached exec sockets) with a given error, and refuses new requests
 * afterwards: what a switch to another engine leaves behind fails clearly instead of
 * carrying on against the old engine.
 */
export interface RetirableAgent {
  agent: HttpAgent;
  retire(error: Error): void;
}

type AddRequest = (request: ClientRequest, options: unknown) => void;

export function retirableAgent(secure: boolean): RetirableAgent {
  const agent = secure ? new HttpsAgent() : new HttpAgent();
  const requests = new Map<ClientRequest, IncomingMessage | undefined>();
  const sockets = new Set<Socket>();
  let retiredWith: Error | undefined;

  // addRequest is how every request reaches an agent (the hook agent-base and proxies use too).
  const patched = agent as unknown as { addRequest: AddRequest };
  const addRequest = patched.addRequest.bind(agent);
  patched.addRequest = (request, options) => {
    if (retiredWith) {
      // How an agent hands a request a failure instead of a socket (Node's own agent does so).
      const fail = request as unknown as { onSocket(socket: Socket, error: Error): void };
      fail.onSocket(new Socket(), retiredWith);
      return;
    }
    requests.set(request, undefined);
    request.once('response', (response: IncomingMessage) => requests.set(request, response));
    request.once('close', () => requests.delete(request));
    request.once('socket', (socket: Socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    });
    addRequest(request, options);
  };

  return {
    agent,
    retire(error) {
      if (retiredWith) return;
      retiredWith = error;
      for (const [request, response] of requests) {
        if (response && !response.complete) response.destroy(error);
        request.destroy(error);
      }
      // An attached socket nobody listens to for errors would crash the process with one.
      for (const socket of sockets) {
        if (socket.listenerCount('error') > 0) socket.destroy(error);
        else socket.destroy();
      }
      requests.clear();
      sockets.clear();
      agent.destroy();
    },
  };
}
