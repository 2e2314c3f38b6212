import WebSocket from 'ws';
import { z } from 'zod';
import { errorPayloadSchema, eventNames, protocolVersion } from '../../src/shared';
import type { ServerProcess } from './server-process';

const envelope = z.union([
  z.object({ result: z.unknown() }).strict(),
  z.object({ error: errorPayloadSchema.strict() }).strict(),
]);
const id = z.number().int().nonnegative();

/** Every message the server may send, exactly: anything else is a defect. */
export const serverMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('hello'), version: z.literal(protocolVersion) }).strict(),
  z.object({ kind: z.literal('reply'), id, envelope }).strict(),
  z.object({ kind: z.literal('end'), id, envelope }).strict(),
  z.object({ kind: z.literal('item'), id, item: z.unknown() }).strict(),
  z
    .object({
      kind: z.literal('event'),
      name: z.enum(eventNames as [string, ...string[]]),
      payload: z.unknown(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('protocol-error'),
      id: id.optional(),
      error: errorPayloadSchema.strict(),
    })
    .strict(),
]);

/** Frames longer than this are suspicious unless they carry a real result. */
const maxErrorFrame = 4096;

/**
 * A hostile client that checks every answer: each must be JSON, a message of the protocol,
 * without a stack trace, and an error must be short (echoed input is truncated).
 */
export class FuzzClient {
  readonly problems: string[] = [];
  /** Ids still waiting for their answer, with the message that asked. */
  readonly outstanding = new Map<number, string>();
  received = 0;
  /** Calls and streams the server answered (reply, end or protocol error with their id). */
  answered = 0;
  /** Of those, the ones a handler ran to a result: inputs that got through validation. */
  succeeded = 0;
  /** The latest messages sent, to show the context of a failure. */
  private readonly recent: string[] = [];
  closedBy: number | undefined;
  private readonly opened: Promise<void>;
  private readonly ws: WebSocket;

  constructor(server: ServerProcess) {
    this.ws = server.socket();
    this.ws.on('message', (data) => this.check(data.toString()));
    this.ws.on('close', (code) => {
      this.closedBy = code;
      this.outstanding.clear();
    });
    this.ws.on('error', () => undefined);
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => {
        this.send({ kind: 'hello', version: protocolVersion });
        resolve();
      });
      this.ws.once('unexpected-response', (_request, response) =>
        reject(new Error(`refused with ${response.statusCode}`)),
      );
      this.ws.once('error', reject);
    });
  }

  ready(): Promise<void> {
    return this.opened;
  }

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** Sends a message; an id it carries is expected back in a reply, end or protocol error. */
  send(message: unknown, expectAnswerFor?: number): void {
    if (!this.open) return;
    const text = JSON.stringify(message);
    this.remember(text);
    if (expectAnswerFor !== undefined) this.outstanding.set(expectAnswerFor, text.slice(0, 300));
    this.ws.send(text);
  }

  sendRaw(data: string | Buffer, binary = false): void {
    if (!this.open) return;
    this.remember(binary ? `<binary ${data.length} bytes>` : String(data));
    this.ws.send(data, { binary });
  }

  private remember(text: string): void {
    this.recent.push(text.slice(0, 200));
    if (this.recent.length > 40) this.recent.shift();
  }

  /** Resolves once every expected answer came, or the server closed this connection. */
  async settled(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.outstanding.size > 0 && this.closedBy === undefined) {
      if (Date.now() > deadline) {
        const waiting = [...this.outstanding.values()].slice(0, 3).join('\n');
        throw new Error(
          `${this.outstanding.size} messages got no answer within ${timeoutMs} ms, e.g.:\n${waiting}` +
            `\nproblems so far:\n${this.problems.slice(0, 5).join('\n')}` +
            `\nlast messages sent:\n${this.recent.join('\n')}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  close(): void {
    this.ws.terminate();
  }

  private check(frame: string): void {
    this.received++;
    let message: unknown;
    try {
      message = JSON.parse(frame);
    } catch {
      this.problems.push(`not JSON: ${frame.slice(0, 200)}`);
      return;
    }
    const parsed = serverMessageSchema.safeParse(message);
    if (!parsed.success) {
      this.problems.push(`not a protocol message: ${frame.slice(0, 300)}`);
      return;
    }
    if (/\n\s+at /.test(frame)) this.problems.push(`stack trace: ${frame.slice(0, 300)}`);
    const value = parsed.data;
    const isError =
      value.kind === 'protocol-error' ||
      ((value.kind === 'reply' || value.kind === 'end') && 'error' in value.envelope);
    if (isError && frame.length > maxErrorFrame) {
      this.problems.push(`error of ${frame.length} bytes: ${frame.slice(0, 200)}`);
    }
    if ('id' in value && value.id !== undefined && value.kind !== 'item') {
      if (this.outstanding.delete(value.id)) this.answered++;
      if (value.kind !== 'protocol-error' && 'result' in value.envelope) this.succeeded++;
    }
  }
}
