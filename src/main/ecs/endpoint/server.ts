import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { systemClock, type Clock } from '../../lib/clock';
import { loopbackServerOptions, startLoopbackListener } from '../../lib/loopback-listener';
import type { LoadBalancerRoute } from '../control-plane/core/load-balancer-port';
import { answerCall, type UnexpectedErrorListener } from './call';
import { servedOperations, type EcsControlPlaneApi } from './operations';
import { amzJsonContentType, errorAnswer, type AwsAnswer } from './aws-json';
import { ecsTargetPrefix } from './ecs-json-service';
import { isQueryContentType, queryErrorAnswer } from './aws-query';
import { answerElbCall } from './elbv2-query-service';
import {
  answerStsCall,
  credentialScopeOf,
  stsXmlns,
  type IdentityLookup,
} from './sts-query-service';

export interface EcsEndpointLimits {
  maxBodyBytes: number;
  maxHeaderBytes: number;
  maxConnections: number;
  /** Until the headers are in: a client that trickles them (slowloris) is cut off. */
  headersTimeoutMs: number;
  /** Until the whole request is in. */
  requestTimeoutMs: number;
  /** A connection with no traffic for this long is closed, busy or not. */
  idleTimeoutMs: number;
  keepAliveTimeoutMs: number;
}

export const defaultEcsEndpointLimits: EcsEndpointLimits = {
  maxBodyBytes: 1024 * 1024,
  maxHeaderBytes: 16 * 1024,
  maxConnections: 64,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  idleTimeoutMs: 60_000,
  keepAliveTimeoutMs: 5_000,
};

export interface EcsEndpointOptions {
  controlPlane: EcsControlPlaneApi;
  /** Loopback unless the user says otherwise. */
  host?: string;
  port?: number;
  limits?: Partial<EcsEndpointLimits>;
  onUnexpectedError?: UnexpectedErrorListener;
  /** STS GetCallerIdentity's answer for credentials the app minted. */
  identify?: IdentityLookup;
  /** What a signature's date is checked against (STS); the system clock by default. */
  clock?: Pick<Clock, 'now'>;
  /** Serves a request whose `Host` is a load balancer's DNSName (as LocalStack does). */
  loadBalancers?: { route(host: string): LoadBalancerRoute | undefined };
}

export interface EcsEndpoint {
  /** What to give the SDK or the AWS CLI as its endpoint. */
  url: string;
  port: number;
  close(): Promise<void>;
}

const statusText: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  413: 'Payload Too Large',
  431: 'Request Header Fields Too Large',
};

/**
 * The AWS-compatible ECS endpoint: AWS JSON 1.1 on `POST /`. Like browser mode it answers
 * only requests that name it in `Host` and carry no `Origin` (so neither a rebound DNS name
 * nor a web page can drive it), and nothing a client sends can stop the process: bodies and
 * headers are capped, slow and idle sockets time out, connections are limited, every socket
 * has an error handler and every parse is total.
 */
export async function startEcsEndpoint(options: EcsEndpointOptions): Promise<EcsEndpoint> {
  const limits = { ...defaultEcsEndpointLimits, ...options.limits };
  const host = options.host ?? '127.0.0.1';
  const context: RequestContext = {
    plane: options.controlPlane,
    limits,
    hosts: new Set(),
    onUnexpected: options.onUnexpectedError,
    identify: options.identify,
    clock: options.clock ?? systemClock,
    loadBalancers: options.loadBalancers,
  };
  const listener = await startLoopbackListener({
    host,
    port: options.port ?? 0,
    ...loopbackServerOptions(limits),
    request: (request, response) => handleRequest(request, response, context),
    upgrade: (request, socket, head) => handleUpgrade(request, socket, head, context),
    refuseRequest: (response, status) =>
      send(response, errorAnswer('SerializationException', 'Bad Request.', status), {
        Connection: 'close',
      }),
    refuseUpgrade: (socket, status) => socket.end(rawErrorResponse(status)),
  });
  const server = listener.server;
  server.maxHeadersCount = 64;
  server.setTimeout(limits.idleTimeoutMs);
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    const status =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? 431
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? 408
          : 400;
    if (error.code !== 'ECONNRESET' && socket.writable) socket.end(rawErrorResponse(status));
    socket.destroy();
  });
  context.hosts = listener.hosts;
  return { url: listener.origin, port: listener.port, close: listener.close };
}

interface RequestContext {
  plane: EcsControlPlaneApi;
  limits: EcsEndpointLimits;
  /** `host:port` values this endpoint answers to. */
  hosts: ReadonlySet<string>;
  onUnexpected: UnexpectedErrorListener | undefined;
  identify: IdentityLookup | undefined;
  clock: Pick<Clock, 'now'>;
  loadBalancers: EcsEndpointOptions['loadBalancers'];
}

function handleRequest(
  request: IncomingMessage,
  response: ServerResponse,
  context: RequestContext,
): void {
  request.on('error', () => response.destroy());
  response.on('error', () => undefined);
  const answer = (reply: AwsAnswer, extra: Record<string, string> = {}) =>
    send(response, reply, extra);
  // Refusals before the body is read close the connection rather than read what follows.
  const refuse = (reply: AwsAnswer, extra: Record<string, string> = {}) =>
    answer(reply, { ...extra, Connection: 'close' });

  const hostHeader = request.headers.host?.toLowerCase();
  const balanced = hostHeader === undefined ? undefined : context.loadBalancers?.route(hostHeader);
  if (balanced) return balanced.request(request, response);
  if (hostHeader === undefined || !context.hosts.has(hostHeader)) {
    return refuse(
      errorAnswer('AccessDeniedException', 'This endpoint answers to its own address only.', 403),
    );
  }
  if (request.headers.origin !== undefined) {
    return refuse(
      errorAnswer('AccessDeniedException', 'Requests from web pages are refused.', 403),
    );
  }
  const path = (request.url ?? '').split('?')[0];
  if (request.method === 'GET' || request.method === 'HEAD') {
    if (path !== '/') return refuse(errorAnswer('NotFoundException', 'Only / is served.', 404));
    return answer({ status: 200, body: request.method === 'HEAD' ? '' : hello });
  }
  if (request.method !== 'POST') {
    return refuse(errorAnswer('MethodNotAllowedException', 'Send ECS calls as POST /.', 405), {
      Allow: 'GET, HEAD, POST',
    });
  }
  if (path !== '/') {
    return refuse(errorAnswer('UnknownOperationException', 'Send ECS calls to POST /.', 404));
  }
  const tooLarge = errorAnswer(
    'SerializationException',
    `The request body is larger than ${context.limits.maxBodyBytes} bytes.`,
    413,
  );
  if (Number(request.headers['content-length'] ?? 0) > context.limits.maxBodyBytes) {
    return refuse(tooLarge);
  }
  readBody(request, context.limits.maxBodyBytes).then(
    (body) => {
      if (body === undefined) return refuse(tooLarge);
      if (isQueryContentType(request.headers['content-type'])) {
        return Promise.resolve(answerQueryCall(request, body, context)).then((reply) =>
          answer(reply),
        );
      }
      const call = {
        target: singleHeader(request.headers['x-amz-target']),
        contentType: request.headers['content-type'],
        body,
      };
      return answerCall(context.plane, call, context.onUnexpected).then((reply) => answer(reply));
    },
    () => response.destroy(),
  );
}

/**
 * An Upgrade (WebSocket) handshake: carried to a load balancer whose DNSName is its `Host`,
 * under that load balancer's caps; the endpoint itself speaks no other protocol.
 */
function handleUpgrade(
  request: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  context: RequestContext,
): void {
  const hostHeader = request.headers.host?.toLowerCase();
  const balanced = hostHeader === undefined ? undefined : context.loadBalancers?.route(hostHeader);
  if (balanced) return balanced.upgrade(request, socket, head);
  socket.end(
    rawErrorResponse(hostHeader !== undefined && context.hosts.has(hostHeader) ? 400 : 403),
  );
}

/** An AWS Query call, sent to the service its SigV4 credential scope names (ELBv2 or STS). */
function answerQueryCall(
  request: IncomingMessage,
  body: string,
  context: RequestContext,
): AwsAnswer | Promise<AwsAnswer> {
  const authorization = singleHeader(request.headers.authorization);
  const service = credentialScopeOf(authorization)?.service ?? 'sts';
  if (service === 'elasticloadbalancing') {
    return answerElbCall(context.plane, body, randomUUID(), context.onUnexpected);
  }
  if (service !== 'sts') {
    return queryErrorAnswer(
      stsXmlns,
      'UnknownService',
      'AWS Query calls are served for ELBv2 and STS only.',
    );
  }
  const call = {
    authorization,
    securityToken: singleHeader(request.headers['x-amz-security-token']),
    body,
    requestId: randomUUID(),
    signed: {
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headers,
      body,
    },
  };
  return answerStsCall(call, context.identify, context.clock.now());
}

/** The body as text, or undefined once it passes `maxBytes` (reading stops there). */
function readBody(request: IncomingMessage, maxBytes: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        request.pause();
        request.removeAllListeners('data');
        resolve(undefined);
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
    request.on('close', () => {
      if (!request.complete) reject(new Error('The client went away mid-request.'));
    });
  });
}

/** A repeated header is taken as absent rather than guessed at. */
function singleHeader(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function send(response: ServerResponse, reply: AwsAnswer, extra: Record<string, string>): void {
  if (response.destroyed) return;
  if (response.headersSent) {
    response.destroy();
    return;
  }
  response.writeHead(reply.status, {
    'Content-Type': reply.contentType ?? amzJsonContentType,
    'Content-Length': String(Buffer.byteLength(reply.body)),
    'x-amzn-RequestId': randomUUID(),
    ...(reply.errorType === undefined ? {} : { 'x-amzn-ErrorType': reply.errorType }),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...extra,
  });
  response.end(reply.body);
}

const hello = JSON.stringify({
  service: 'Stowage ECS endpoint',
  protocol: 'awsJson1_1',
  usage: `POST / with X-Amz-Target: ${ecsTargetPrefix}<Operation>`,
  operations: servedOperations('ecs'),
});

/** An AWS error on a socket that never became an HTTP exchange (a parse error or timeout). */
function rawErrorResponse(status: number): string {
  const reason = statusText[status] ?? 'Bad Request';
  const body = JSON.stringify({ __type: 'SerializationException', message: `${reason}.` });
  return (
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: ${amzJsonContentType}\r\n` +
    `x-amzn-RequestId: ${randomUUID()}\r\nx-amzn-ErrorType: SerializationException\r\n` +
    `Connection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  );
}
