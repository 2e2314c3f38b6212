import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tar from 'tar-stream';
import { afterAll, describe, expect, it } from 'vitest';
import { LayerTarReader } from './layer-tar';
import { TarParser, type TarHeader } from './tar-parser';

async function packed(
  entries: { header: Partial<tar.Header> & { name: string }; content?: string | Buffer }[],
): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (chunk) => chunks.push(chunk as Buffer));
  const done = new Promise<void>((resolve) => pack.on('end', () => resolve()));
  for (const { header, content } of entries) pack.entry(header, content ?? '');
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** Every entry with its bytes, the archive pushed in chunks of `chunkSize`. */
function parse(archive: Buffer, chunkSize: number) {
  const seen: (TarHeader & { content: string })[] = [];
  const parser = new TarParser((header) => {
    const parts: Buffer[] = [];
    return {
      data: (bytes) => parts.push(Buffer.from(bytes)),
      end: () => seen.push({ ...header, content: Buffer.concat(parts).toString() }),
    };
  });
  for (let offset = 0; offset < archive.length; offset += chunkSize) {
    parser.push(archive.subarray(offset, offset + chunkSize));
  }
  parser.end();
  return seen;
}

/** A ustar header written by hand, for what tar-stream's packer cannot write. */
function rawHeader(name: string, typeFlag: string, size = 0): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0);
  header.write('0000644\0', 100);
  header.write('0000000\0', 108);
  header.write('0000000\0', 116);
  header.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  header.write('00000000000\0', 136);
  header.write(typeFlag, 156);
  header.write('ustar\x0000', 257);
  return withChecksum(header);
}

function withChecksum(header: Buffer): Buffer {
  header.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return header;
}

const scratch = mkdtempSync(join(tmpdir(), 'stowage-tar-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the tar push parser', () => {
  it('reads every entry and its bytes however the archive is cut', async () => {
    const longName = `${'deep/'.repeat(40)}file.txt`;
    const archive = await packed([
      { header: { name: 'dir/', type: 'directory', mode: 0o755, uid: 1000, gid: 50 } },
      { header: { name: 'dir/a', mode: 0o640 }, content: 'a'.repeat(1500) },
      { header: { name: longName }, content: 'long' },
      { header: { name: 'link', type: 'symlink', linkname: `${'t/'.repeat(60)}target` } },
      { header: { name: 'empty' }, content: '' },
    ]);
    const expected = parse(archive, archive.length);
    expect(expected.map(({ name, typeFlag, size }) => [name, typeFlag, size])).toEqual([
      ['dir/', '5', 0],
      ['dir/a', '0', 1500],
      [longName, '0', 4],
      ['link', '2', 0],
      ['empty', '0', 0],
    ]);
    expect(expected[0]).toMatchObject({ mode: 0o755, uid: 1000, gid: 50 });
    expect(expected[1]?.content).toBe('a'.repeat(1500));
    expect(expected[3]?.linkName).toBe(`${'t/'.repeat(60)}target`);
    for (const chunkSize of [1, 7, 511, 512, 513, 4096]) {
      expect(parse(archive, chunkSize)).toEqual(expected);
    }
  });

  it("reads GNU tar's long names and base-256 numbers", () => {
    const root = join(scratch, 'gnu');
    const longName = `${'n'.repeat(120)}/${'m'.repeat(120)}`;
    mkdirSync(join(root, longName), { recursive: true });
    writeFileSync(join(root, longName, 'f'), 'gnu');
    const archive = execFileSync('tar', [
      '--format=gnu',
      '--owner=0',
      '--group=0',
      '--numeric-owner',
      '-cf',
      '-',
      '-C',
      root,
      'n'.repeat(120),
    ]);
    const names = parse(archive, 100).map((entry) => [entry.name, entry.content]);
    expect(names).toContainEqual([`${longName}/f`, 'gnu']);
    // A uid of 2^21 and more does not fit 7 octal digits: GNU writes it in base 256.
    const header = rawHeader('big', '0');
    header.fill(0, 108, 116).writeUInt8(0x80, 108);
    header.writeUIntBE(3_000_000, 108 + 2, 6);
    withChecksum(header);
    expect(parse(Buffer.concat([header, Buffer.alloc(1024)]), 512)[0]?.uid).toBe(3_000_000);
  });

  it('says an archive is corrupt or truncated', async () => {
    const archive = await packed([{ header: { name: 'f' }, content: 'x'.repeat(2000) }]);
    expect(() => parse(archive.subarray(0, 1000), 100)).toThrow(/truncated or corrupt/);
    const garbage = Buffer.from('this is not a tar file'.repeat(40));
    expect(() => parse(garbage, 512)).toThrow(/Invalid tar header/);
  });

  it('reads a layer: entries, whiteouts and the same content hash in one call or many', async () => {
    const big = Buffer.alloc(300_000, 'z');
    const entries = await packed([
      { header: { name: './etc/', type: 'directory' } },
      { header: { name: './etc/big', uid: 7 }, content: big },
      { header: { name: 'etc/.wh.old' } },
      { header: { name: 'var/.wh..wh..opq' } },
      { header: { name: 'bin/sh', type: 'link', linkname: './bin/busybox' } },
    ]);
    const globalRecords = Buffer.alloc(512);
    globalRecords.write('20 comment=ignored\n');
    const layer = Buffer.concat([rawHeader('pax_global_header', 'g', 20), globalRecords, entries]);
    const whole = new LayerTarReader();
    whole.push(layer);
    const inPieces = new LayerTarReader();
    for (let offset = 0; offset < layer.length; offset += 1000)
      inPieces.push(layer.subarray(offset, offset + 1000));
    const contents = whole.end();
    expect(inPieces.end()).toEqual(contents);
    expect(contents.deletions).toEqual(['etc/old']);
    expect(contents.opaqueDirectories).toEqual(['var']);
    expect(contents.entries).toEqual([
      { path: 'etc', type: 'dir', size: 0, mode: 0o755, uid: 0, gid: 0 },
      {
        path: 'etc/big',
        type: 'file',
        size: big.length,
        mode: 0o644,
        uid: 7,
        gid: 0,
        contentHash: createHash('sha1').update(big).digest('hex').slice(0, 16),
      },
      {
        path: 'bin/sh',
        type: 'hardlink',
        size: 0,
        mode: 0o644,
        uid: 0,
        gid: 0,
        linkTarget: 'bin/busybox',
      },
    ]);
  });
});
