import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, callEnvelope, testBackend } from '../../../../test/support/calls';
import { docker, TEST_LABEL } from '../../../../test/support/docker';
import type { AppBackend } from '../../composition';

const label = { [TEST_LABEL]: '1' };
const unique = (prefix: string) => `stowage-test-${prefix}-${Date.now().toString(36)}`;

/** A labelled, running container of the busybox fixture (it stops at once on SIGTERM). */
async function runningContainer(): Promise<string> {
  const name = unique('box');
  await docker([
    'run',
    '-d',
    '--label',
    `${TEST_LABEL}=1`,
    '--name',
    name,
    'stowage-test/fixture:1.0',
  ]);
  return name;
}

describe('networks against the real engine', () => {
  let services: AppBackend;

  beforeAll(() => {
    services = testBackend();
  });

  afterAll(() => services.stop());

  it('creates a network with a subnet and gateway, lists, inspects and removes it', async () => {
    const name = unique('net');
    const created = await call(services, 'networks.create', {
      name,
      subnet: '10.231.7.0/24',
      gateway: '10.231.7.254',
      attachable: true,
      labels: label,
    });
    expect(created).toMatchObject({
      name,
      driver: 'bridge',
      subnets: [{ subnet: '10.231.7.0/24', gateway: '10.231.7.254' }],
      attachable: true,
      internal: false,
      predefined: false,
      containers: [],
    });
    expect(created.id).toMatch(/^[a-f0-9]{64}$/);

    const listed = (await call(services, 'networks.list', {})).find((n) => n.name === name);
    expect(listed?.id).toBe(created.id);
    const bridge = (await call(services, 'networks.list', {})).find((n) => n.name === 'bridge');
    expect(bridge?.predefined).toBe(true);

    const detail = await call(services, 'networks.inspect', { network: name });
    expect((detail.raw as { Id: string }).Id).toBe(created.id);

    expect(await callEnvelope(services, 'networks.create', { name, labels: label })).toMatchObject({
      error: { code: 'CONFLICT', message: expect.stringContaining('exists') },
    });

    expect(await call(services, 'networks.remove', { network: name })).toEqual({ name });
    expect(await callEnvelope(services, 'networks.inspect', { network: name })).toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
  });

  it('makes an internal network without a subnet of its own', async () => {
    const name = unique('internal');
    const created = await call(services, 'networks.create', {
      name,
      internal: true,
      labels: label,
    });
    expect(created.internal).toBe(true);
    expect(created.subnets.length).toBe(1);
    await call(services, 'networks.remove', { network: created.id });
  });

  it('connects and disconnects a container, showing its address', async () => {
    const name = unique('attach');
    await call(services, 'networks.create', { name, subnet: '10.231.8.0/24', labels: label });
    const container = await runningContainer();

    await call(services, 'networks.connect', {
      network: name,
      container,
      ipv4Address: '10.231.8.42',
    });
    const attached = await call(services, 'networks.inspect', { network: name });
    expect(attached.containers).toEqual([
      {
        id: expect.stringMatching(/^[a-f0-9]{64}$/),
        name: container,
        state: 'running',
        ipv4: '10.231.8.42',
      },
    ]);
    const listed = (await call(services, 'networks.list', {})).find((n) => n.name === name);
    expect(listed?.containers.map((c) => c.name)).toEqual([container]);

    expect(
      await callEnvelope(services, 'networks.connect', { network: name, container }),
    ).toMatchObject({ error: { code: 'CONFLICT' } });

    const refused = await callEnvelope(services, 'networks.remove', { network: name });
    expect(refused).toMatchObject({
      error: { code: 'CONFLICT', message: expect.stringContaining(container) },
    });

    await call(services, 'networks.disconnect', { network: name, container, force: true });
    expect((await call(services, 'networks.inspect', { network: name })).containers).toEqual([]);
    await call(services, 'networks.remove', { network: name });
  });

  it('refuses to remove a network that only a stopped container is attached to', async () => {
    const name = unique('stopped');
    await call(services, 'networks.create', { name, labels: label });
    const container = unique('idle');
    await docker([
      'create',
      '--label',
      `${TEST_LABEL}=1`,
      '--name',
      container,
      '--network',
      name,
      'stowage-test/fixture:1.0',
    ]);
    expect(await callEnvelope(services, 'networks.remove', { network: name })).toMatchObject({
      error: { code: 'CONFLICT', message: expect.stringContaining(container) },
    });
    expect((await call(services, 'networks.inspect', { network: name })).containers).toMatchObject([
      { name: container, state: 'created', ipv4: '' },
    ]);
  });

  it('refuses the predefined networks, bad names, bad subnets and unknown networks', async () => {
    for (const network of ['bridge', 'host', 'none']) {
      expect(await callEnvelope(services, 'networks.remove', { network })).toMatchObject({
        error: { code: 'CONFLICT', message: expect.stringContaining('predefined') },
      });
    }
    const invalid = [
      { name: 'has space' },
      { name: '-x' },
      { name: 'ok', subnet: '10.0.0.0' },
      { name: 'ok', subnet: '10.0.0.1/24' },
      { name: 'ok', subnet: '300.0.0.0/8' },
      { name: 'ok', subnet: '10.0.0.0/24', gateway: '10.0.1.1' },
      { name: 'ok', gateway: '10.0.0.1' },
    ];
    for (const input of invalid) {
      expect(await callEnvelope(services, 'networks.create', input)).toMatchObject({
        error: { code: 'INVALID_INPUT' },
      });
    }
    expect(
      await callEnvelope(services, 'networks.remove', { network: 'stowage-test-absent' }),
    ).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect(
      await callEnvelope(services, 'networks.connect', {
        network: 'bridge',
        container: 'stowage-test-absent',
      }),
    ).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('previews a prune and removes only what the preview listed and still qualifies', async () => {
    const empty = unique('empty');
    const later = unique('later');
    const emptyNet = await call(services, 'networks.create', { name: empty, labels: label });
    const laterNet = await call(services, 'networks.create', { name: later, labels: label });
    const preview = await call(services, 'networks.prunePreview', {});
    const names = preview.networks.map((n) => n.name);
    expect(names).toEqual(expect.arrayContaining([empty, later]));
    expect(names).not.toContain('bridge');

    const container = await runningContainer();
    await call(services, 'networks.connect', { network: later, container });
    const pruned = await call(services, 'networks.prune', { ids: [emptyNet.id, laterNet.id] });
    expect(pruned.removed).toEqual([empty]);
    expect(pruned.kept).toEqual([{ name: later, reason: expect.stringMatching(/attached/) }]);
    const left = (await call(services, 'networks.list', {})).map((n) => n.name);
    expect(left).toContain(later);
    expect(left).not.toContain(empty);
  });
});
