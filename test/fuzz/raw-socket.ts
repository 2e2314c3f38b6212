import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { tokenSubprotocol, webSocketPath, webSocketProtocol } from '../../src/shared';

/** Sends bytes on a fresh TCP connection; resolves with all it gets back until it closes. */
export function exchange(port: number, bytes: Buffer | string, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(bytes));
    const chunks: Buffer[] = [];
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(Buffer.concat(chunks).toString('latin1'));
    };
    const timer = setTimeout(done, timeoutMs);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('close', done);
    socket.on('error', done);
  });
}

/** One WebSocket frame as a client writes it (masked unless told otherwise). */
export function frame(
  opcode: number,
  payload: Buffer,
  options: { fin?: boolean; mask?: boolean; rsv?: number } = {},
): Buffer {
  const { fin = true, mask = true, rsv = 0 } = options;
  const length = payload.length;
  const header: number[] = [(fin ? 0x80 : 0) | ((rsv & 7) << 4) | (opcode & 0x0f)];
  const maskBit = mask ? 0x80 : 0;
  if (length < 126) header.push(maskBit | length);
  else if (length < 65_536) header.push(maskBit | 126, length >> 8, length & 0xff);
  else {
    header.push(maskBit | 127, 0, 0, 0, 0);
    header.push(
      (length >>> 24) & 0xff,
      (length >>> 16) & 0xff,
      (length >>> 8) & 0xff,
      length & 0xff,
    );
  }
  if (!mask) return Buffer.concat([Buffer.from(header), payload]);
  const key = randomBytes(4);
  const masked = Buffer.from(payload);
  for (let i = 0; i < masked.length; i++)
    masked[i] = (masked[i] as number) ^ (key[i % 4] as number);
  return Buffer.concat([Buffer.from(header), key, masked]);
}

export interface RawWebSocket {
  socket: Socket;
  /** The close code the server sent, once it has. */
  closeCode(): number | undefined;
  /** Resolves when the TCP connection is gone. */
  closed: Promise<void>;
  write(bytes: Buffer): boolean;
}

/** A WebSocket opened by hand, so frames can be anything, and reading can stop. */
export function rawWebSocket(
  port: number,
  token: string,
  options: { read?: boolean } = {},
): Promise<RawWebSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let buffered = Buffer.alloc(0);
    let upgraded = false;
    let code: number | undefined;
    const closed = new Promise<void>((done) => socket.on('close', () => done()));
    socket.on('error', () => undefined);
    socket.on('data', (chunk) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (!upgraded) {
        const end = buffered.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buffered.subarray(0, end).toString('latin1');
        if (!head.startsWith('HTTP/1.1 101')) {
          reject(new Error(`handshake refused: ${head.split('\r\n')[0]}`));
          return;
        }
        upgraded = true;
        buffered = buffered.subarray(end + 4);
        if (options.read === false) socket.pause();
        resolve({ socket, closeCode: () => code, closed, write: (bytes) => socket.write(bytes) });
      }
      code ??= closeCodeIn(buffered);
      if (buffered.length > 1 << 20) buffered = buffered.subarray(-1024);
    });
    socket.on('connect', () => {
      socket.write(
        `GET ${webSocketPath} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n` +
          `Origin: http://127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n` +
          `Sec-WebSocket-Protocol: ${webSocketProtocol}, ${tokenSubprotocol(token)}\r\n\r\n`,
      );
    });
  });
}

/** The status code of the first close frame in what the server sent, if there is one. */
function closeCodeIn(data: Buffer): number | undefined {
  let offset = 0;
  while (offset + 2 <= data.length) {
    const opcode = (data[offset] as number) & 0x0f;
    let length = (data[offset + 1] as number) & 0x7f;
    let start = offset + 2;
    if (length === 126) {
      length = data.readUInt16BE(start);
      start += 2;
    } else if (length === 127) {
      length = Number(data.readBigUInt64BE(start));
      start += 8;
    }
    if (start + length > data.length) return undefined;
    if (opcode === 8) return length >= 2 ? data.readUInt16BE(start) : 1005;
    offset = start + length;
  }
  return undefined;
}
