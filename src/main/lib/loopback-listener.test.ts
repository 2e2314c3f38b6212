import { describe, expect, it } from 'vitest';
import { defaultConnectionLimits } from './connection-policy';
import { loopbackServerOptions } from './loopback-listener';

describe('loopbackServerOptions', () => {
  const limits = {
    maxHeaderBytes: 8192,
    maxConnections: 32,
    headersTimeoutMs: 5000,
    requestTimeoutMs: 60_000,
    keepAliveTimeoutMs: 30_000,
  };

  it("maps the caps onto Node's server options and the connection policy", () => {
    expect(loopbackServerOptions(limits)).toEqual({
      server: {
        maxHeaderSize: 8192,
        requestTimeout: 60_000,
        headersTimeout: 5000,
        keepAliveTimeout: 30_000,
        connectionsCheckingInterval: 1000,
      },
      connections: {
        maxConnections: 32,
        firstRequestTimeoutMs: Math.min(5000, defaultConnectionLimits.firstRequestTimeoutMs),
      },
    });
  });

  it('never lets the headers outlast the whole request, nor the checks outlast the headers', () => {
    const options = loopbackServerOptions({
      ...limits,
      headersTimeoutMs: 500,
      requestTimeoutMs: 200,
    });
    expect(options.server.headersTimeout).toBe(200);
    expect(options.server.connectionsCheckingInterval).toBe(500);
    expect(options.connections.firstRequestTimeoutMs).toBe(500);
  });
});
