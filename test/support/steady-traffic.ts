/** Steady HTTP traffic for tests on the real engine: every answer recorded with its time. */
import { Agent, request } from 'node:http';

export interface Sample {
  sentAt: number;
  status: number | 'error';
  body: string;
}

/** Steady traffic from four keep-alive clients until stopped; every answer recorded. */
export function steadyTraffic(url: string) {
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  const samples: Sample[] = [];
  let running = true;
  const one = () =>
    new Promise<void>((resolve) => {
      const sentAt = Date.now();
      const outgoing = request(`${url}/`, { agent, timeout: 5000 }, (answer) => {
        let body = '';
        answer.setEncoding('utf8');
        answer.on('data', (chunk: string) => (body += chunk));
        answer.on('end', () => {
          samples.push({ sentAt, status: answer.statusCode ?? 0, body: body.trim() });
          resolve();
        });
        answer.on('error', () => {
          samples.push({ sentAt, status: 'error', body: '' });
          resolve();
        });
      });
      outgoing.on('timeout', () => outgoing.destroy());
      outgoing.on('error', () => {
        samples.push({ sentAt, status: 'error', body: '' });
        resolve();
      });
      outgoing.end();
    });
  const loops = Array.from({ length: 4 }, async () => {
    while (running) await one();
  });
  return {
    samples,
    async stop() {
      running = false;
      await Promise.all(loops);
      agent.destroy();
    },
  };
}
