import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { call, callEnvelope, openStream, testBackend } from '../../../../test/support/calls';
import { buildTestImage, docker, TEST_LABEL } from '../../../../test/support/docker';
import { fixtureKeeper } from '../../../../test/support/fixtures';
import { startRegistry, type LocalRegistry } from '../../../../test/support/registry';
import type { AppBackend } from '../../composition';

const fixtures = inject('fixtureImages');

describe('images against the real engine and a registry', () => {
  let services: AppBackend;
  let registry: LocalRegistry;

  beforeAll(async () => {
    services = testBackend();
    registry = await startRegistry();
  });

  afterAll(async () => {
    await registry.stop();
    await fixtureKeeper.dropForeignTags();
  });

  it('inspects an image: its config, history oldest first, and the raw answer', async () => {
    const detail = await call(services, 'images.inspect', { image: 'stowage-test/layered:1.0' });
    expect(detail.id).toBe(fixtures.layered.id);
    expect(detail.exposedPorts).toEqual(['8080/tcp']);
    expect(detail.cmd).toEqual(['/bin/httpd', '-f', '-p', '8080', '-h', '/srv']);
    expect(detail.history.at(-1)?.createdBy).toMatch(/CMD/);
    expect(detail.labels[TEST_LABEL]).toBe('1');
    expect((detail.raw as { Id: string }).Id).toBe(fixtures.layered.id);
  });

  it('says NOT_FOUND for an unknown image and INVALID_INPUT for a malformed reference', async () => {
    expect(
      await callEnvelope(services, 'images.inspect', { image: 'stowage-test/nope:1' }),
    ).toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
    expect(
      await callEnvelope(services, 'images.remove', { image: 'Not A Reference' }),
    ).toMatchObject({
      error: { code: 'INVALID_INPUT', message: expect.stringMatching(/image reference|image id/) },
    });
  });

  it('refuses to remove an image a container uses, naming it, and removes it with force', async () => {
    const image = await buildTestImage({
      tag: 'stowage-test/removable:1.0',
      files: { '/r': 'r' },
      extraDockerfileLines: ['CMD ["/bin/true"]'],
    });
    const container = await docker([
      'create',
      '--label',
      `${TEST_LABEL}=1`,
      '--name',
      `stowage-test-user-${Date.now()}`,
      image.id,
    ]);
    const refused = await callEnvelope(services, 'images.remove', { image: image.id });
    expect(refused).toMatchObject({ error: { code: 'CONFLICT' } });
    expect(JSON.stringify(refused)).toContain(container.slice(0, 12));

    const removed = await call(services, 'images.remove', { image: image.id, force: true });
    expect(removed.untagged).toContain('stowage-test/removable:1.0');
    expect((await call(services, 'images.list', {})).map((i) => i.id)).not.toContain(image.id);
  });

  it('pulls from a registry with progress per layer, then lists the image', async () => {
    const reference = `${registry.address}/stowage-test/pulled:1.0`;
    await docker(['tag', 'stowage-test/layered:1.0', reference]);
    await docker(['push', reference]);
    await docker(['rmi', reference]);
    await docker(['rmi', '--force', fixtures.layered.id]).catch(() => undefined);

    const pull = openStream(services, 'images.pull', { reference });
    const result = await pull.end;
    expect(result.reference).toBe(reference);
    expect(result.id).toMatch(/^sha256:[0-9a-f]{64}$/);
    const layers = new Set(
      pull.items.filter((item) => item.id && item.id !== '1.0').map((item) => item.id),
    );
    expect(layers.size).toBeGreaterThan(1);
    expect(
      pull.items.some(
        (item) => item.status === 'Pull complete' || item.status === 'Already exists',
      ),
    ).toBe(true);
    const listed = await call(services, 'images.list', {});
    expect(listed.some((image) => image.repoTags.includes(reference))).toBe(true);
    // Other suites expect the fixture under its own name again, and under no other.
    await docker(['tag', reference, 'stowage-test/layered:1.0']);
    await docker(['rmi', reference]);
  });

  it('answers NOT_FOUND for a missing tag and CANCELLED for a cancelled pull', async () => {
    const missing = openStream(services, 'images.pull', {
      reference: `${registry.address}/stowage-test/absent:1`,
    });
    await expect(missing.end).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const reference = `${registry.address}/stowage-test/cancelled:1.0`;
    await docker(['tag', 'stowage-test/fixture:1.0', reference]);
    await docker(['push', reference]);
    await docker(['rmi', reference]);
    const cancelled = openStream(services, 'images.pull', { reference });
    cancelled.cancel();
    await expect(cancelled.end).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('tags an image, and refuses a new name with a digest', async () => {
    const target = 'stowage-test/tagged:2';
    expect(await call(services, 'images.tag', { image: fixtures.fixture.id, target })).toEqual({
      reference: target,
    });
    const listed = await call(services, 'images.list', {});
    expect(listed.find((image) => image.id === fixtures.fixture.id)?.repoTags).toContain(target);
    await call(services, 'images.remove', { image: target });
    expect(
      await callEnvelope(services, 'images.tag', {
        image: fixtures.fixture.id,
        target: `stowage-test/x@sha256:${'a'.repeat(64)}`,
      }),
    ).toMatchObject({ error: { code: 'INVALID_INPUT', message: expect.stringMatching(/digest/) } });
  });

  it('pushes a tag with progress and answers with its digest; an unreachable registry is named', async () => {
    const reference = `${registry.address}/stowage-test/pushed:1.0`;
    await docker(['tag', 'stowage-test/fixture:1.0', reference]);
    const push = openStream(services, 'images.push', { reference });
    const result = await push.end;
    expect(result).toEqual({ reference, digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) });
    // Each layer ends pushed, or found in (or mounted from) what the registry holds already.
    const done = /^(Pushed|Layer already exists|Mounted from .+)$/;
    expect(push.items.filter((item) => item.id !== '' && done.test(item.status)).length).toBe(2);
    await docker(['rmi', reference]);

    const nowhere = '127.0.0.1:9/stowage-test/nowhere:1';
    await docker(['tag', 'stowage-test/fixture:1.0', nowhere]);
    try {
      const failed = openStream(services, 'images.push', { reference: nowhere });
      await expect(failed.end).rejects.toMatchObject({ code: 'UNREACHABLE' });
    } finally {
      await docker(['rmi', nowhere]);
    }
  });

  it('previews a prune and removes only what the preview listed and still qualifies', async () => {
    const tag = 'stowage-test/prunable:1';
    const first = await buildTestImage({ tag, files: { '/p': 'one' } });
    await buildTestImage({ tag, files: { '/p': 'two' } });
    // Rebuilt under the same name, the first image is now dangling.
    const preview = await call(services, 'images.prunePreview', { scope: 'dangling' });
    expect(preview.images.map((image) => image.id)).toContain(first.id);
    expect(preview.images.every((image) => image.repoTags.length === 0)).toBe(true);
    expect(preview.reclaimableBytes).toBeGreaterThan(0);
    const unused = await call(services, 'images.prunePreview', { scope: 'unused' });
    expect(unused.images.some((image) => image.repoTags.includes(tag))).toBe(true);

    const pruned = await call(services, 'images.prune', {
      scope: 'dangling',
      ids: [first.id, fixtures.fixture.id],
    });
    expect(pruned.removed).toEqual([first.id]);
    expect(pruned.kept).toEqual([{ id: fixtures.fixture.id, reason: expect.any(String) }]);
    expect((await call(services, 'images.list', {})).map((image) => image.id)).not.toContain(
      first.id,
    );
  });
});
