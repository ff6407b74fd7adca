import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeWim } from '../../shared/node/wim/wim-writer';

/** docs/format/wim-format.md §10.2: the golden vector, built from the spec's fixed inputs. */
const GOLDEN_SHA256 = '1b03be8ceb16c5b0f3c9adf2b0ac0c3f32b8c2dfc61ebfee88bdd78cf69b2067';
const GOLDEN_TIME = 0x01da3d285848c080n;
const ABC_600 = new TextEncoder().encode('abc'.repeat(200));

/** Example B (§8.8): wimlib's exact XPRESS bytes for `abc` × 200, which the golden vector embeds. */
function exampleB(): Uint8Array {
  const bytes = new Uint8Array(263);
  bytes[48] = 0x20;
  bytes[49] = 0x33;
  bytes[128] = 0x02;
  bytes[143] = 0x20;
  bytes.set([0x2a, 0x37, 0x00, 0x00, 0xff, 0x51, 0x02], 256);
  return bytes;
}

/** Test double for the codec: the vector is defined with Example B's bytes, independent of our compressor. */
function goldenCompressor(chunk: Uint8Array): Uint8Array | null {
  return Buffer.from(chunk).equals(Buffer.from(ABC_600)) ? exampleB() : null;
}

describe('WIM golden vector (docs/format/wim-format.md §10.2)', () => {
  let dir: string;
  let bytes: Buffer;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wim-golden-'));
    const target = join(dir, 'golden.wim');
    const times = { creationTime: GOLDEN_TIME, lastAccessTime: GOLDEN_TIME, lastWriteTime: GOLDEN_TIME };
    await writeWim(target, {
      entries: [
        {
          kind: 'directory',
          name: 'Dir',
          children: [{ kind: 'file', name: 'abc.txt', content: { bytes: ABC_600 } }],
        },
        { kind: 'file', name: 'hello.txt', content: { bytes: new TextEncoder().encode('hello\n') } },
      ],
      compression: 'xpress',
      guid: Uint8Array.from({ length: 16 }, (_, i) => i + 1),
      timestamp: GOLDEN_TIME,
      rootTimes: times,
      imageProperties: [['NAME', 'Golden']],
      xmlLayout: 'wimlib',
      security: 'none',
      compressMetadata: false,
      compressChunk: goldenCompressor,
    });
    bytes = await readFile(target);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('has the documented layout', () => {
    expect(bytes.length).toBe(1893);
    expect(bytes.subarray(0xd0, 0xd6).toString('latin1')).toBe('hello\n');
    // Blob table at 0x3CD: metadata entry (496 bytes @0x1DD, flags 0x02) with SHA-1 7711801b….
    expect(bytes.readUInt32LE(0x3cd)).toBe(496);
    expect(bytes[0x3cd + 7]).toBe(0x02);
    expect(bytes.subarray(0x3cd + 30, 0x3cd + 50).toString('hex')).toBe(
      '7711801b53ce3324095aaa48dfdf27a749b8d923',
    );
    // abc.txt: 263 stored, flags 0x04, at 0xD6, 600 original.
    expect(bytes.readUInt32LE(0x431)).toBe(263);
    expect(bytes[0x431 + 7]).toBe(0x04);
    const xml = bytes.subarray(0x463).toString('utf16le');
    expect(xml).toBe(
      '\ufeff<WIM><TOTALBYTES>1123</TOTALBYTES><IMAGE INDEX="1"><DIRCOUNT>2</DIRCOUNT><FILECOUNT>2</FILECOUNT>' +
        '<TOTALBYTES>606</TOTALBYTES><HARDLINKBYTES>0</HARDLINKBYTES><CREATIONTIME><HIGHPART>0x01DA3D28</HIGHPART>' +
        '<LOWPART>0x5848C080</LOWPART></CREATIONTIME><LASTMODIFICATIONTIME><HIGHPART>0x01DA3D28</HIGHPART>' +
        '<LOWPART>0x5848C080</LOWPART></LASTMODIFICATIONTIME><NAME>Golden</NAME></IMAGE></WIM>',
    );
  });

  it('is byte for byte the spec file (SHA-256)', () => {
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(GOLDEN_SHA256);
  });
});
