import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { call, callEnvelope, openStream, testBackend } from '../../../test/support/calls';
import { docker } from '../../../test/support/docker';
import type { AppBackend } from '../composition';

const fixtures = inject('fixtureImages');

/** Opens an upload, starts its analysis and sends the file in order, a chunk at a time. */
async function upload(
  services: AppBackend,
  bytes: Buffer,
  name = 'image.tar',
  select: { image?: string; platform?: string } = {},
) {
  const { uploadId, chunkBytes } = await call(services, 'layers.archiveOpen', {
    name,
    size: bytes.length,
  });
  const analysis = openStream(services, 'layers.archiveAnalyze', { uploadId, ...select });
  const sent: Promise<unknown>[] = [];
  for (let offset = 0; offset < bytes.length; offset += chunkBytes) {
    const data = bytes.subarray(offset, offset + chunkBytes).toString('base64');
    const chunk = call(services, 'layers.archiveChunk', { uploadId, offset, data });
    sent.push(chunk);
    // One chunk waits for its answer before the next goes: the answer is the credit.
    await chunk.catch(() => undefined);
  }
  return { uploadId, analysis, sent: Promise.all(sent) };
}

describe('image archives opened from the UI', () => {
  const services = testBackend();
  let workDir: string;
  let saved: Buffer;

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'stowage-archive-upload-'));
    const file = join(workDir, 'layered.tar');
    await docker(['save', '--output', file, fixtures.layered.tags[0] ?? fixtures.layered.id]);
    saved = readFileSync(file);
  });
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it('reads an archive sent in chunks and answers the inspector’s calls about it', async () => {
    const { analysis, sent } = await upload(services, saved, 'layered.tar');
    const result = await analysis.end;
    await sent;
    const diffIds: string[] = JSON.parse(
      await docker([
        'image',
        'inspect',
        '--format',
        '{{json .RootFS.Layers}}',
        fixtures.layered.id,
      ]),
    );
    expect(result).toMatchObject({
      imageId: fixtures.layered.id,
      tags: fixtures.layered.tags,
      layers: diffIds.length,
    });
    const stacked = analysis.items.flatMap((item) =>
      item.stage === 'stacked' ? [item.layer] : [],
    );
    expect(stacked.map((layer) => layer.diffId)).toEqual(diffIds);
    expect(stacked[0]?.instruction).toMatch(/COPY .*busybox/);
    expect(analysis.items.some((item) => item.stage === 'read')).toBe(true);

    const replacing = stacked.find((layer) => layer.instruction.includes('rm -rf /opt/app'));
    const page = await call(services, 'layers.changes', {
      image: result.imageId,
      layer: replacing?.index ?? -1,
    });
    expect(page.changes.map((change) => [change.path, change.kind])).toEqual([
      ['opt/app/new', 'added'],
      ['opt/app/sub', 'removed'],
      ['opt/app/sub/y', 'removed'],
      ['opt/app/x', 'removed'],
    ]);
    const tree = await call(services, 'layers.tree', {
      image: result.imageId,
      layer: 0,
      directory: 'bin',
    });
    expect(tree.entries.map((entry) => [entry.path, entry.mark])).toEqual([
      ['bin/busybox', 'added'],
    ]);
  });

  it('refuses chunks out of order, past the size given, or for an upload that has ended', async () => {
    const { uploadId } = await call(services, 'layers.archiveOpen', { name: 'x.tar', size: 10 });
    const analysis = openStream(services, 'layers.archiveAnalyze', { uploadId });
    const chunk = (offset: number, bytes: string) =>
      callEnvelope(services, 'layers.archiveChunk', {
        uploadId,
        offset,
        data: Buffer.from(bytes).toString('base64'),
      });
    expect(await chunk(4, 'abcd')).toMatchObject({
      error: { code: 'INVALID_INPUT', message: expect.stringMatching(/out of order: 0 bytes/) },
    });
    expect(await chunk(0, 'more than ten bytes')).toMatchObject({
      error: { code: 'INVALID_INPUT', message: expect.stringMatching(/past the 10 bytes/) },
    });
    await expect(
      openStream(services, 'layers.archiveAnalyze', { uploadId }).end,
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    analysis.cancel();
    await expect(analysis.end).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(await chunk(0, 'abcd')).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('asks which image an archive of several holds, and reads the one chosen', async () => {
    const file = join(workDir, 'two.tar');
    const [first, second] = [fixtures.layered.tags[0]!, fixtures.fixture.tags[0]!];
    await docker(['save', '--output', file, first, second]);
    const both = readFileSync(file);
    const unchosen = await upload(services, both, 'two.tar');
    await expect(unchosen.analysis.end).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/^two\.tar: The archive holds several images; choose one of/),
      details: { choose: { what: 'image', choices: expect.arrayContaining([first, second]) } },
    });
    await unchosen.sent.catch(() => undefined);

    const chosen = await upload(services, both, 'two.tar', { image: second });
    await expect(chosen.analysis.end).resolves.toMatchObject({
      imageId: fixtures.fixture.id,
      tags: [second],
    });
    const wrong = await upload(services, both, 'two.tar', { image: 'no-such:tag' });
    await expect(wrong.analysis.end).rejects.toMatchObject({
      message: expect.stringMatching(/has no image no-such:tag; it has/),
    });
    await wrong.sent.catch(() => undefined);
  });

  it('says what is wrong with a file that is not an image archive, and validates input', async () => {
    const { analysis, sent } = await upload(services, Buffer.from('not a tar file\n'.repeat(100)));
    await expect(analysis.end).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/^image\.tar: The archive is truncated or corrupt/),
    });
    await sent.catch(() => undefined);
    expect(
      await callEnvelope(services, 'layers.archiveOpen', { name: 'huge.tar', size: 2 ** 40 }),
    ).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    expect(
      await callEnvelope(services, 'layers.archiveChunk', {
        uploadId: '00000000-0000-0000-0000-000000000000',
        offset: 0,
        data: 'not base64!',
      }),
    ).toMatchObject({ error: { code: 'INVALID_INPUT' } });
  });
});
