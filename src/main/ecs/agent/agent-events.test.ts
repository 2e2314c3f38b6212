import { request } from 'node:http';
import type Docker from 'dockerode';
import { afterEach, describe, expect, it } from 'vitest';
import { events as contractEvents, protocolVersion, type ServerMessage } from '../../../shared';
import { stubHandlers } from '../../../../test/support/stub-handlers';
import { createClientConnection } from '../../rpc/connection';
import { EventHub } from '../../rpc/event-hub';
import { createRouter } from '../../rpc/router';
import type { RuntimeTaskSpec } from '../control-plane/core/runtime-port';
import { agentChangeIntervalMs, publishAgentChanges } from './change-feed';
import { TaskAgent } from './task-agent';
import { seededBytes, startClock, taskRole } from './test-support';

const taskArn = 'arn:aws:ecs:us-east-1:123456789012:task/c/0123456789abcdef';

const spec: RuntimeTaskSpec = {
  taskArn,
  clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/c',
  taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/orders:3',
  family: 'orders',
  revision: 3,
  networkMode: 'bridge',
  taskRoleArn: taskRole,
  containers: [
    { name: 'web', containerArn: 'arn:c/web', definition: {}, essential: true, portMappings: [] },
  ],
};

function get(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const sent = request(url, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    sent.on('error', reject);
    sent.end();
  });
}

let cleanUp: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanUp?.();
  cleanUp = undefined;
});

/**
 * The app's wiring from the container agent to a client: the agent on loopback (every caller
 * is the task), the event hub, and a client connection that records what it is sent.
 */
function wiredApp() {
  const clock = startClock();
  const agent = new TaskAgent({
    docker: () => ({}) as Docker,
    clock,
    randomBytes: seededBytes(),
    describeTask: async () => undefined,
    listen: { host: '127.0.0.1', port: 0 },
    callerTaskOf: async () => taskArn,
  });
  const hub = new EventHub();
  const unpublish = publishAgentChanges(agent, hub, clock);
  const sent: ServerMessage[] = [];
  const connection = createClientConnection({
    router: createRouter(stubHandlers({})),
    events: hub,
    send: (message) => sent.push(message),
    disconnect: () => undefined,
  });
  connection.receive({ kind: 'hello', version: protocolVersion });
  cleanUp = async () => {
    connection.close();
    unpublish();
    await agent.close();
  };
  const agentEvents = () =>
    sent.filter((m) => m.kind === 'event' && m.name === 'ecs.agent.changed');
  return { clock, agent, agentEvents };
}

describe("the agent's changes, as the app's clients are told them", () => {
  it('tells the client ecs.agent.changed for the task, in the contract’s shape, throttled', async () => {
    const { clock, agent, agentEvents } = wiredApp();
    const attached = await agent.attach(spec);
    expect(agentEvents()).toEqual([
      { kind: 'event', name: 'ecs.agent.changed', payload: { taskArn } },
    ]);
    const [told] = agentEvents();
    const payload = told?.kind === 'event' ? told.payload : undefined;
    expect(contractEvents['ecs.agent.changed'].payload.safeParse(payload).success).toBe(true);

    // The task's SDK asks for its credentials three times within the interval: told once more,
    // when the interval ends.
    const uri = (attached?.environmentOf('web') ?? [])
      .find((line) => line.startsWith('AWS_CONTAINER_CREDENTIALS_FULL_URI='))
      ?.split('=')[1];
    expect(uri).toBeDefined();
    for (let i = 0; i < 3; i++) expect(await get(uri ?? '')).toBe(200);
    expect(agentEvents()).toHaveLength(1);
    expect(agent.view(taskArn).requests).toHaveLength(3);
    clock.advance(agentChangeIntervalMs);
    expect(agentEvents()).toHaveLength(2);

    // The task stops: its release is told too, and nothing after the wiring is undone.
    clock.advance(agentChangeIntervalMs);
    agent.release(taskArn);
    expect(agentEvents()).toHaveLength(3);
    expect(agentEvents().at(-1)).toEqual({
      kind: 'event',
      name: 'ecs.agent.changed',
      payload: { taskArn },
    });
  });

  it('tells nothing once the app has stopped', async () => {
    const { clock, agent, agentEvents } = wiredApp();
    await cleanUp?.();
    cleanUp = undefined;
    agent.release(taskArn);
    clock.advance(agentChangeIntervalMs);
    expect(agentEvents()).toEqual([]);
  });
});
