import { describe, expect, it } from 'vitest';
import { answerElbCall } from '../../src/main/ecs/endpoint/elbv2-query-service';
import { startEcsEndpoint } from '../../src/main/ecs/endpoint/server';
import { createPlane } from '../../src/main/ecs/control-plane/test-support';
import { fuzzSeed, pick, randomString, seededRandom, type Random } from '../fuzz/generate';
import { fuzzBody, operationSets } from './fuzz-bodies';

// Generated and malformed AWS Query bodies at the ELBv2 service: every one is answered with
// XML (the result, or an ELB error with its code), none reaches the client as an internal
// failure, and the endpoint process goes on answering.

const seed = fuzzSeed();
const elbOperations = {
  ...operationSets.loadBalancers,
  ...operationSets.listeners,
  ...operationSets.targetGroups,
};

/** A value flattened the Query way: `A.member.1.B=x`. */
function flatten(value: unknown, prefix: string, into: [string, string][], depth = 0): void {
  // Deeper input still makes a long, deep key; the rest of it is left out.
  if (depth > 200) into.push([prefix, 'deep']);
  else if (Array.isArray(value)) {
    if (value.length === 0) into.push([prefix, '']);
    value.forEach((item, index) => flatten(item, `${prefix}.member.${index + 1}`, into, depth + 1));
  } else if (typeof value === 'object' && value !== null) {
    for (const [name, member] of Object.entries(value)) {
      flatten(member, prefix ? `${prefix}.${name}` : name, into, depth + 1);
    }
  } else into.push([prefix, String(value)]);
}

const brokenKeys = [
  'A..B',
  'Names.member.0',
  'Names.member.99999',
  'Names.member.1.member.1',
  'Targets.member.x',
  '.',
  'member',
  '__proto__',
  'constructor.prototype',
  'Names.member.1&Names.member.1',
  'Tags.member.1.Key.Sub',
];

function malformedBody(random: Random, action: string): string {
  const roll = random();
  if (roll < 0.15) return randomString(random, 400);
  if (roll < 0.25) return `Action=${action}&Version=2015-12-01&${pick(random, brokenKeys)}=1`;
  if (roll < 0.3) return `Action=${action}&Version=2015-12-01&Names=1&Names.member.1=2`;
  if (roll < 0.35) return `Action=${action}&Version=2015-12-01&Port=%zz%&Name=%E0%A4%A`;
  if (roll < 0.4) return `Action=${action}&Version=${pick(random, ['', '2012-06-01', 'x'])}`;
  if (roll < 0.45) return `Action=${randomString(random, 80)}&Version=2015-12-01`;
  return '';
}

function queryBody(random: Random, action: string, refs: string[]): string {
  if (random() < 0.3) {
    const malformed = malformedBody(random, action);
    if (malformed !== '' || random() < 0.1) return malformed;
  }
  let members: unknown;
  try {
    members = JSON.parse(fuzzBody(random, elbOperations[action] ?? {}, { refs }));
  } catch {
    members = {};
  }
  const pairs: [string, string][] = [
    ['Action', action],
    ['Version', '2015-12-01'],
  ];
  flatten(members, '', pairs);
  return new URLSearchParams(pairs.filter(([name]) => name !== '')).toString();
}

describe('the ELBv2 Query service under generated and malformed bodies', () => {
  it(`answers every body with XML and no internal failure (seed ${seed})`, async () => {
    const { plane, run } = createPlane();
    const lb = (await plane.createLoadBalancer({ Name: 'fuzz' })).LoadBalancers?.[0];
    const group = (
      await plane.createTargetGroup({ Name: 'fuzz', Protocol: 'HTTP', Port: 80, TargetType: 'ip' })
    ).TargetGroups?.[0];
    const listener = (
      await plane.createListener({
        LoadBalancerArn: lb?.LoadBalancerArn,
        Port: 8080,
        DefaultActions: [{ Type: 'forward', TargetGroupArn: group?.TargetGroupArn }],
      })
    ).Listeners?.[0];
    const refs = [
      lb?.LoadBalancerArn ?? '',
      group?.TargetGroupArn ?? '',
      listener?.ListenerArn ?? '',
      'fuzz',
      '10.0.0.1',
    ];
    const random = seededRandom(seed);
    const unexpected: string[] = [];
    const codes = new Set<string>();
    for (const action of Object.keys(elbOperations)) {
      for (let i = 0; i < 120; i++) {
        const body = queryBody(random, action, refs);
        const answer = await answerElbCall(plane, body, `r${i}`, (operation, error) =>
          unexpected.push(`${operation} ${body.slice(0, 200)}: ${String(error)}`),
        );
        expect([200, 400]).toContain(answer.status);
        expect(answer.body).toMatch(/^<[A-Za-z]+Response xmlns="[^"]+">/);
        codes.add(answer.errorType ?? 'OK');
      }
      await run(300);
    }
    expect(unexpected).toEqual([]);
    // The generated calls reached past the parsing: some were answered, some refused by meaning.
    expect(codes).toContain('OK');
    expect(codes).toContain('ValidationError');
    expect(codes).toContain('MalformedQueryString');
  }, 120_000);

  it('keeps the endpoint process answering after malformed bodies over HTTP', async () => {
    const { plane } = createPlane();
    const endpoint = await startEcsEndpoint({ controlPlane: plane });
    const random = seededRandom(seed + 1);
    const post = (body: string) =>
      fetch(endpoint.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization:
            'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/elasticloadbalancing/aws4_request, SignedHeaders=host, Signature=0',
        },
        body,
      });
    try {
      for (let i = 0; i < 60; i++) {
        const response = await post(malformedBody(random, 'DescribeLoadBalancers'));
        expect([200, 400]).toContain(response.status);
        expect(await response.text()).toMatch(/^<[A-Za-z]+Response xmlns=/);
      }
      const fine = await post('Action=DescribeLoadBalancers&Version=2015-12-01');
      expect(fine.status).toBe(200);
      expect(await fine.text()).toContain('<DescribeLoadBalancersResult>');
    } finally {
      await endpoint.close();
    }
  }, 60_000);
});
