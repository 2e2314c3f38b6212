import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, openStream } from '../../../test/support/calls';
import { docker, TEST_LABEL } from '../../../test/support/docker';
import { createAppBackend, type AppBackend } from '../composition';
import { systemEndpointSources } from '../docker/connection/engine';

const tourFilter = 'label=stowage.tour=1';
const labelled = async (kind: 'ps' | 'images') =>
  (await docker([kind, ...(kind === 'ps' ? ['-a'] : []), '-q', '--filter', tourFilter]))
    .split('\n')
    .filter(Boolean);

describe('the Learn tour on the real engine', () => {
  let dataDir: string;
  let services: AppBackend;
  let bystander: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'stowage-tour-'));
    services = createAppBackend({
      dataDir,
      ecsRuntime: 'simulated',
      endpointSources: systemEndpointSources(),
    });
    // Something the tour did not make, which no reset may touch.
    bystander = await docker([
      'create',
      '--label',
      `${TEST_LABEL}=1`,
      '--name',
      'stowage-tour-bystander',
      'stowage-test/fixture:1.0',
    ]);
  });

  afterAll(async () => {
    await call(services, 'tour.reset', {}).catch(() => undefined);
    services.stop();
    await docker(['rm', '-f', bystander]).catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('shows every container runs the host’s kernel, timed, with how many fit', async () => {
    const run = openStream(services, 'tour.steps.run', { step: 'kernel' });
    const status = await run.end;
    expect(status.state).toBe('done');
    const result = status.result;
    if (result?.step !== 'kernel') throw new Error(`no kernel result: ${JSON.stringify(status)}`);
    const hostKernel = await docker(['info', '--format', '{{.KernelVersion}}']);
    expect(result.hostKernel).toBe(hostKernel);
    expect(result.containers.map((container) => container.kernel)).toEqual([
      hostKernel,
      hostKernel,
    ]);
    expect(result.startMs).toHaveLength(2);
    expect(result.fitEstimate).toBeGreaterThan(0);
    expect(run.items.some((item) => item.message.includes(hostKernel))).toBe(true);
    expect(status.created.map((resource) => resource.name)).toContain('stowage-tour-kernel-1');
  });

  it('builds an image one instruction at a time, a layer for each that changes files', async () => {
    const status = await openStream(services, 'tour.steps.run', { step: 'layers' }).end;
    const result = status.result;
    if (result?.step !== 'layers') throw new Error(`no layers result: ${JSON.stringify(status)}`);
    expect(result.instructions.map((row) => row.layerCount)).toEqual([2, 2, 3, 4, 4, 5, 5]);
    const inspected = await docker([
      'image',
      'inspect',
      '--format',
      '{{len .RootFS.Layers}}',
      result.image,
    ]);
    expect(inspected).toBe('5');
  });

  it('writes a file in one of two containers: only its read-write layer has it', async () => {
    const status = await openStream(services, 'tour.steps.run', { step: 'read-write' }).end;
    const result = status.result;
    if (result?.step !== 'read-write') throw new Error(`no result: ${JSON.stringify(status)}`);
    expect(result.writerChanges).toContain(`A ${result.path}`);
    expect(result.readerChanges).not.toContain(`A ${result.path}`);
    expect(await docker(['diff', result.writer.id])).toContain(`A ${result.path}`);
    expect(result.sharedLayers).toBe(2);
  });

  it('remembers progress in the data directory', async () => {
    const saved = JSON.parse(await readFile(join(dataDir, 'tour.json'), 'utf8')) as {
      steps: Record<string, { state: string }>;
    };
    expect(saved.steps.kernel?.state).toBe('done');
    expect(saved.steps['read-write']?.state).toBe('done');
  });

  it('resets one step, then the whole tour, removing only what the tour made', async () => {
    const before = await labelled('ps');
    const cleaned = await call(services, 'tour.steps.reset', { step: 'read-write' });
    expect(cleaned.removed.map((resource) => resource.name).sort()).toEqual([
      'stowage-tour-rw-reader',
      'stowage-tour-rw-writer',
    ]);
    expect((await labelled('ps')).length).toBe(before.length - 2);
    const status = await call(services, 'tour.status', {});
    expect(status.steps.find((step) => step.id === 'read-write')?.state).toBe('not-started');
    expect(status.steps.find((step) => step.id === 'kernel')?.state).toBe('done');

    const all = await call(services, 'tour.reset', {});
    expect(all.kept).toEqual([]);
    expect(await labelled('ps')).toEqual([]);
    expect(await labelled('images')).toEqual([]);
    expect(await docker(['ps', '-aq', '--filter', 'name=stowage-tour-bystander'])).not.toBe('');
    const after = await call(services, 'tour.status', {});
    expect(after.steps.every((step) => step.state === 'not-started')).toBe(true);
  });

  it('stops a step when cancelled and says so', async () => {
    const run = openStream(services, 'tour.steps.run', { step: 'layers' });
    await run.itemsArrived(1, 60_000);
    run.cancel();
    await expect(run.end).rejects.toMatchObject({ code: 'CANCELLED' });
    const status = await call(services, 'tour.status', {});
    expect(status.steps.find((step) => step.id === 'layers')?.state).toBe('failed');
  });
});
