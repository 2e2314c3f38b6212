import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock';
import type { RuntimeEvent, RuntimeTaskSpec } from '../control-plane/core/runtime-port';
import { SimulatedRuntime } from './simulated';

const spec: RuntimeTaskSpec = {
  taskArn: 'task-1',
  clusterArn: 'cluster',
  taskDefinitionArn: 'td:1',
  family: 'td',
  revision: 1,
  networkMode: 'bridge',
  containerInstanceArn: 'instance-1',
  containers: [
    {
      name: 'web',
      containerArn: 'c-1',
      definition: { name: 'web', image: 'nginx' },
      essential: true,
      portMappings: [
        { containerPort: 80, hostPort: 0, protocol: 'tcp' },
        { containerPort: 443, hostPort: 8443, protocol: 'tcp' },
      ],
    },
  ],
};

function setup() {
  const clock = new ManualClock(1_000);
  const runtime = new SimulatedRuntime({ clock });
  const events: RuntimeEvent[] = [];
  runtime.onEvent((event) => events.push(event));
  return { clock, runtime, events };
}

describe('simulated runtime', () => {
  it('pulls for 2 s, starts in 1 s, binds ports and stops on SIGTERM, on the clock', () => {
    const { clock, runtime, events } = setup();
    runtime.startTask(spec);
    clock.advance(2_999);
    expect(events.map((e) => e.kind)).toEqual(['pull.started', 'pull.finished']);
    clock.advance(1);
    const running = events[2];
    expect(running).toMatchObject({
      kind: 'container.running',
      containerName: 'web',
      at: 4_000,
      networkBindings: [
        { bindIP: '0.0.0.0', containerPort: 80, hostPort: 49153, protocol: 'tcp' },
        { bindIP: '0.0.0.0', containerPort: 443, hostPort: 8443, protocol: 'tcp' },
      ],
    });
    runtime.stopTask('task-1', 30_000);
    clock.advance(1_000);
    expect(events[3]).toEqual({
      kind: 'container.exited',
      taskArn: 'task-1',
      containerName: 'web',
      exitCode: 0,
      at: 4_200,
    });
  });

  it('gives the same runtime ids every run and reuses freed dynamic ports', () => {
    const first = setup();
    const second = setup();
    for (const { clock, runtime } of [first, second]) {
      runtime.startTask(spec);
      clock.advance(3_000);
    }
    expect(first.events).toEqual(second.events);
    first.runtime.forgetTask('task-1');
    first.runtime.startTask({ ...spec, taskArn: 'task-2' });
    first.clock.advance(3_000);
    const rebound = first.events.filter((e) => e.kind === 'container.running').at(-1);
    expect(rebound).toMatchObject({
      taskArn: 'task-2',
      networkBindings: [{ hostPort: 49153 }, { hostPort: 8443 }],
    });
  });

  it('fails pulls it was told to fail, and kills containers that ignore SIGTERM', () => {
    const { clock, runtime, events } = setup();
    runtime.failPullsOf('nginx', 'no such image');
    runtime.startTask(spec);
    clock.advance(2_000);
    expect(events.at(-1)).toMatchObject({
      kind: 'container.failed',
      reason: 'CannotPullContainerError: no such image',
    });

    const other = setup();
    other.runtime.startTask(spec);
    other.clock.advance(3_000);
    other.runtime.ignoreSigterm('task-1', 'web');
    other.runtime.stopTask('task-1', 10_000);
    other.clock.advance(9_999);
    expect(other.events.at(-1)?.kind).toBe('container.running');
    other.clock.advance(1);
    expect(other.events.at(-1)).toMatchObject({ kind: 'container.exited', exitCode: 137 });
    expect(other.runtime.exitContainer('task-1', 'web')).toBe(false);
  });
});
