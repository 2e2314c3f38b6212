import { expect, it } from 'vitest';
import { describeReport, runWithKills, seededRandom } from './harness';

// A server that acknowledges each POST after a short wait, as an endpoint would once durable.
const server = `
const http = require('node:http');
const s = http.createServer((req, res) => setTimeout(() => res.end('ok'), 2));
s.listen(0, '127.0.0.1', () => console.log('listening ' + s.address().port));
`;

it('spreads kill moments by seed, the same for the same seed', () => {
  const first = seededRandom(42);
  const again = seededRandom(42);
  const values = Array.from({ length: 100 }, () => first());
  expect(Array.from({ length: 100 }, () => again())).toEqual(values);
  expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
  expect(new Set(values.map((value) => Math.floor(value * 10))).size).toBe(10);
  expect(seededRandom(43)()).not.toBe(values[0]);
});

it('kills a server while it is fed work and keeps what it acknowledged before', async () => {
  const report = await runWithKills({
    command: process.execPath,
    args: () => ['-e', server],
    seed: 7,
    kills: 2,
    finalRun: false,
    killDelayMs: { min: 400, max: 600 },
    isReady: (line) => line.startsWith('listening '),
    async feed({ run, readyLine, acknowledge, signal }) {
      const url = `http://127.0.0.1:${readyLine.split(' ')[1]}/`;
      for (let i = 0; !signal.aborted; i++) {
        const response = await fetch(url, { method: 'POST', signal });
        await response.text();
        if (response.ok) acknowledge(`r${run}-${i}`);
      }
    },
  });
  expect(report.kills).toBe(2);
  expect(report.runs.map((run) => run.exitSignal)).toEqual(['SIGKILL', 'SIGKILL']);
  for (const run of report.runs) {
    expect(run.killedAfterMs).toBeGreaterThanOrEqual(400);
    expect(run.killedAfterMs).toBeLessThanOrEqual(600);
    expect(run.acknowledged.length).toBeGreaterThan(0);
    expect(run.stderr).toBe('');
  }
  expect(report.acknowledged[0]).toBe('r0-0');
  expect(describeReport(report)).toMatch(/^seed 7: 2 kills, \d+ acknowledged changes checked/);
});
