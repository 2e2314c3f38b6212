import { spawn } from 'node:child_process';
import { describe, expect, inject, it } from 'vitest';
import { readImageArchive } from './archive';
import { LayerStack } from './tree/stack';

const fixtures = inject('fixtureImages');

describe('reading what the engine exports', () => {
  it('reads docker save of the layered fixture and finds the spec example in its last layer change', async () => {
    const save = spawn('docker', ['save', 'stowage-test/layered:1.0'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const image = await readImageArchive(save.stdout);
    expect(image.repoTags).toContain('stowage-test/layered:1.0');
    expect(image.layers.map((layer) => layer.diffId)).toEqual(image.config.rootfs?.diff_ids);

    const stack = new LayerStack();
    const results = image.layers.map((layer) => stack.apply(layer.contents));
    const kindsOf = (index: number) =>
      Object.fromEntries(
        (results[index]?.changes ?? [])
          .filter((change) => change.path.startsWith('opt'))
          .map((change) => [change.path, change.kind]),
      );
    const replaced = results.findIndex((result) =>
      result.changes.some((c) => c.path === 'opt/app/new'),
    );
    expect(kindsOf(replaced)).toEqual({
      opt: 'unmodified',
      'opt/app': 'unmodified',
      'opt/app/new': 'added',
      'opt/app/sub': 'removed',
      'opt/app/sub/y': 'removed',
      'opt/app/x': 'removed',
    });
    // The busybox layer holds the one big file, and the stack adds up to about the image size.
    expect(stack.get('bin/busybox')?.size).toBeGreaterThan(1_000_000);
    expect(stack.size).toBeLessThanOrEqual(fixtures.layered.size);
    expect(stack.size).toBeGreaterThan(fixtures.layered.size * 0.9);
  });
});
