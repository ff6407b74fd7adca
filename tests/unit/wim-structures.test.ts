import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { decodeBlobTable, encodeBlobTable } from '../../shared/wim/blob-table';
import { chunkTableEntrySize, decodeChunkTable, encodeChunkTable } from '../../shared/wim/chunk-table';
import { compareWimNames, decodeDentry, dentryLength } from '../../shared/wim/dentry';
import { WimFormatError } from '../../shared/wim/errors';
import { filetimeFromUnixMs, splitFiletime } from '../../shared/wim/filetime';
import { decodeWimHeader, encodeWimHeader, WCD_HEADER_FLAGS, type WimHeader } from '../../shared/wim/header';
import { decodeMetadata, encodeMetadata } from '../../shared/wim/metadata';
import { EMPTY_RESOURCE } from '../../shared/wim/resource-header';
import {
  decodeSecurityData,
  encodeSecurityData,
  NEUTRAL_SECURITY_DESCRIPTOR,
} from '../../shared/wim/security-data';
import { buildXmlText } from '../../shared/wim/xml-data';
import { parseXmlData } from '../../shared/wim/xml-data-parse';
import fc from 'fast-check';
import { create } from 'xmlbuilder2';
import { fixturePath, ppkgFixtureFile } from '../support/fixtures';
import { itWith } from '../support/requirements';

function expectWimError(run: () => unknown, structure: string, offset: number): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(WimFormatError);
    expect((error as WimFormatError).structure).toBe(structure);
    expect((error as WimFormatError).offset).toBe(offset);
    return;
  }
  throw new Error('expected a WimFormatError');
}

const sampleHeader: WimHeader = {
  flags: WCD_HEADER_FLAGS,
  chunkSize: 32768,
  guid: Uint8Array.from({ length: 16 }, (_, i) => i + 1),
  partNumber: 1,
  totalParts: 1,
  imageCount: 1,
  blobTable: { storedSize: 150, flags: 2, offset: 973, originalSize: 150 },
  xmlData: { storedSize: 770, flags: 2, offset: 1123, originalSize: 770 },
  bootMetadata: EMPTY_RESOURCE,
  bootIndex: 0,
  integrityTable: EMPTY_RESOURCE,
};

describe('header', () => {
  it('encodes the golden header bytes of docs/format/wim-format.md §2 and decodes them back', () => {
    const bytes = encodeWimHeader(sampleHeader);
    expect(Buffer.from(bytes.subarray(0, 0x60)).toString('hex')).toBe(
      '4d5357494d000000d0000000000d0100820002000080000001020304050607080' +
        '90a0b0c0d0e0f1001000100010000009600000000000002cd03000000000000' +
        '96000000000000000203000000000002630400000000000002030000000000' +
        '00',
    );
    const decoded = decodeWimHeader(bytes, 1893);
    expect(decoded.compression).toBe('xpress');
    expect(decoded.blobTable).toEqual(sampleHeader.blobTable);
    expect(decoded.xmlData).toEqual(sampleHeader.xmlData);
  });

  it('rejects the mistakes of §10.3 with the field offset', () => {
    const patch = (write: (view: DataView) => void): Uint8Array => {
      const bytes = encodeWimHeader(sampleHeader);
      write(new DataView(bytes.buffer));
      return bytes;
    };
    expectWimError(
      () =>
        decodeWimHeader(
          patch((v) => v.setUint8(0, 0x58)),
          1893,
        ),
      'header',
      0,
    );
    expectWimError(
      () =>
        decodeWimHeader(
          patch((v) => v.setUint32(8, 200, true)),
          1893,
        ),
      'header',
      0x08,
    );
    expectWimError(
      () =>
        decodeWimHeader(
          patch((v) => v.setUint32(12, 0x10c00, true)),
          1893,
        ),
      'header',
      0x0c,
    );
    expectWimError(
      () =>
        decodeWimHeader(
          patch((v) => v.setUint32(16, 0x82, true)),
          1893,
        ),
      'header',
      0x10,
    );
    expectWimError(
      () =>
        decodeWimHeader(
          patch((v) => v.setUint32(20, 3000, true)),
          1893,
        ),
      'header',
      0x14,
    );
    expectWimError(
      () =>
        decodeWimHeader(
          patch((v) => v.setUint16(40, 0, true)),
          1893,
        ),
      'header',
      0x28,
    );
    expectWimError(() => decodeWimHeader(encodeWimHeader(sampleHeader), 1500), 'header', 0x48);
    expectWimError(() => decodeWimHeader(new Uint8Array(100), 100), 'header', 0);
  });
});

describe('chunk table', () => {
  it('matches the x.wim hexdump (94 000 bytes, three 321-byte chunks)', () => {
    expect(Buffer.from(encodeChunkTable([321, 321, 321], 94_000)).toString('hex')).toBe('4101000082020000');
    const resource = { storedSize: 971, flags: 4, offset: 1000, originalSize: 94_000 };
    expect(decodeChunkTable(encodeChunkTable([321, 321, 321], 94_000), resource, 32768)).toEqual([
      { offset: 1008, storedSize: 321, originalSize: 32768 },
      { offset: 1329, storedSize: 321, originalSize: 32768 },
      { offset: 1650, storedSize: 321, originalSize: 28464 },
    ]);
  });

  it('uses 8-byte entries from 4 GiB on', () => {
    expect(chunkTableEntrySize(2 ** 32 - 1)).toBe(4);
    expect(chunkTableEntrySize(2 ** 32)).toBe(8);
  });

  it('rejects a chunk whose stored size exceeds its original size, naming the entry offset', () => {
    const resource = { storedSize: 8 + 40_000, flags: 4, offset: 500, originalSize: 65_536 };
    const table = new Uint8Array(4);
    new DataView(table.buffer).setUint32(0, 33_000, true);
    expectWimError(() => decodeChunkTable(table, resource, 32768), 'chunk table', 500);
  });
});

describe('dentry and metadata', () => {
  it('has the lengths of the spec examples', () => {
    expect(['', 'sub', 'a.txt', 'emptydir', 'empty.txt'].map((name) => dentryLength(name))).toEqual([
      104, 112, 120, 120, 128,
    ]);
  });

  it('sorts names case-insensitively with raw code units breaking ties', () => {
    expect(['b', 'ä', 'a', 'B', 'A', 'Z'].sort(compareWimNames)).toEqual(['A', 'a', 'B', 'b', 'Z', 'ä']);
  });

  it('round-trips a tree and detects a child list that loops back on itself', () => {
    const times = { creationTime: 1n, lastAccessTime: 2n, lastWriteTime: 3n };
    const metadata = encodeMetadata(
      {
        name: '',
        attributes: 0x10,
        securityId: -1,
        hash: null,
        ...times,
        children: [{ name: 'd', attributes: 0x10, securityId: -1, hash: null, ...times, children: [] }],
      },
      encodeSecurityData([]),
    );
    const tree = decodeMetadata(metadata);
    expect(tree.root.children.map((child) => [child.path, child.isDirectory, child.lastWriteTime])).toEqual([
      ['d', true, 3n],
    ]);
    // Point 'd' (the first dentry of the root's list at 120) back at the root's own list.
    const looped = metadata.slice();
    new DataView(looped.buffer).setBigUint64(120 + 0x10, 120n, true);
    expectWimError(() => decodeMetadata(looped), 'dentry', 120);
    expect(decodeDentry(metadata, 112)).toBeNull();
  });

  it('encodes the neutral security descriptor in a block that decodes back', () => {
    expect(Buffer.from(encodeSecurityData([])).toString('hex')).toBe('0800000000000000');
    const block = encodeSecurityData([NEUTRAL_SECURITY_DESCRIPTOR]);
    expect(block.length % 8).toBe(0);
    const decoded = decodeSecurityData(block);
    expect(decoded.descriptors).toEqual([NEUTRAL_SECURITY_DESCRIPTOR]);
    const sd = new DataView(NEUTRAL_SECURITY_DESCRIPTOR.buffer);
    expect(sd.getUint16(2, true)).toBe(0x8004); // SE_SELF_RELATIVE | SE_DACL_PRESENT
    expect(sd.getUint16(sd.getUint32(16, true) + 2, true)).toBe(NEUTRAL_SECURITY_DESCRIPTOR.length - 52);
  });
});

describe('blob table', () => {
  it('keeps metadata entries in order and rejects a metadata refcount of 2', () => {
    const entry = (flags: number, refCount: number, fill: number) => ({
      resource: { storedSize: 10, flags, offset: 208, originalSize: 10 },
      partNumber: 1,
      refCount,
      sha1: new Uint8Array(20).fill(fill),
    });
    const table = decodeBlobTable(
      encodeBlobTable([entry(2, 1, 1), entry(0, 3, 2), entry(0, 1, 0)]),
      300,
      1000,
      1,
    );
    expect(table.metadata).toHaveLength(1);
    expect([...table.blobs.keys()]).toEqual(['02'.repeat(20)]);
    expectWimError(() => decodeBlobTable(encodeBlobTable([entry(2, 2, 1)]), 300, 1000, 1), 'blob table', 326);
  });
});

describe('XML data and FILETIME', () => {
  it('converts 2024-01-02T03:04:05Z to the spec value', () => {
    expect(filetimeFromUnixMs(Date.UTC(2024, 0, 2, 3, 4, 5))).toBe(0x01da3d285848c080n);
  });

  itWith(
    { reference: [ppkgFixtureFile('kbf-minimal-oobe-policy.ppkg')] },
    "reproduces WCD's XML text of the kbf fixture exactly from its properties and counts",
    async () => {
      const kbf = await readFile(fixturePath('kbf-minimal-oobe-policy.ppkg'));
      const original = parseXmlData(new Uint8Array(kbf.subarray(4784)), 4784);
      const image = original.images[0];
      if (!image) throw new Error('kbf has no IMAGE');
      const wcdProperties = image.properties.filter(([name]) =>
        ['NAME', 'DESCRIPTION', 'NOTES', 'AUTHOR', 'VERSION', 'ALTITUDE', 'RESETCLEAR', 'PACKAGEID'].includes(
          name,
        ),
      );
      const rebuilt = buildXmlText(
        4784,
        wcdProperties,
        {
          dirCount: 6,
          fileCount: 10,
          totalBytes: 3041,
          hardLinkBytes: 0,
          creationTime: 0x01dc63aa5e15beacn,
          lastModificationTime: 0x01dc63aa5e4aee32n,
        },
        'wcd',
      );
      expect(rebuilt).toBe(original.text);
      expect(Buffer.from(`\ufeff${rebuilt}`, 'utf16le').equals(kbf.subarray(4784))).toBe(true);
      expect(splitFiletime(image.creationTime ?? 0n)).toEqual({ high: 0x01dc63aa, low: 0x5e15beac });
    },
  );

  it('rejects XML whose IMAGE index has a gap', () => {
    const bytes = Buffer.from('\ufeff<WIM><IMAGE INDEX="2"></IMAGE></WIM>', 'utf16le');
    expectWimError(() => parseXmlData(new Uint8Array(bytes), 999), 'xml data', 999);
  });
});

/** The serialisation the writer used before it wrote the XML by hand (kept here as the oracle). */
function xmlbuilder2Text(
  wimTotalBytes: number,
  properties: readonly (readonly [string, string])[],
  stats: Parameters<typeof buildXmlText>[2],
  layout: 'wcd' | 'wimlib',
): string {
  const wim = create().ele('WIM');
  wim.ele('TOTALBYTES').txt(String(wimTotalBytes));
  const image = wim.ele('IMAGE', { INDEX: '1' });
  const addProperties = (): void => {
    for (const [name, value] of properties) image.ele(name).txt(value);
  };
  const addTime = (name: string, filetime: bigint): void => {
    const { high, low } = splitFiletime(filetime);
    const hex = (value: number) => `0x${value.toString(16).toUpperCase().padStart(8, '0')}`;
    const element = image.ele(name);
    element.ele('HIGHPART').txt(hex(high));
    element.ele('LOWPART').txt(hex(low));
  };
  if (layout === 'wcd') addProperties();
  image.ele('DIRCOUNT').txt(String(stats.dirCount));
  image.ele('FILECOUNT').txt(String(stats.fileCount));
  image.ele('TOTALBYTES').txt(String(stats.totalBytes));
  image.ele('HARDLINKBYTES').txt(String(stats.hardLinkBytes));
  addTime('CREATIONTIME', stats.creationTime);
  addTime('LASTMODIFICATIONTIME', stats.lastModificationTime);
  if (layout === 'wcd') image.ele('WIMBOOT').txt('0');
  else addProperties();
  return wim.end({ headless: true, allowEmptyTags: true, prettyPrint: false });
}

describe('XML data writer', () => {
  it('writes exactly what xmlbuilder2 serialises, for any property text', () => {
    const name = fc.constantFrom('NAME', 'DESCRIPTION', 'NOTES', 'PACKAGEID', 'VERSION', 'X_1.a-b');
    const text = fc.oneof(fc.string(), fc.constantFrom('', 'a & b <c> "d" \'e\'', ']]>', 'ü €  \t'));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(name, text), { maxLength: 6 }),
        fc.constantFrom('wcd' as const, 'wimlib' as const),
        fc.nat(),
        fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
        (properties, layout, total, time) => {
          // xmlbuilder2 leaves text shaped like an entity reference (`&A;`) unescaped; see the test below.
          fc.pre(properties.every(([, value]) => !/&[^\s&<>]*;/.test(value)));
          const stats = {
            dirCount: total % 7,
            fileCount: total % 11,
            totalBytes: total,
            hardLinkBytes: 0,
            creationTime: time,
            lastModificationTime: time,
          };
          expect(buildXmlText(total, properties, stats, layout)).toBe(
            xmlbuilder2Text(total, properties, stats, layout),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('escapes an ampersand even where the text looks like an entity reference', () => {
    const stats = {
      dirCount: 0,
      fileCount: 0,
      totalBytes: 0,
      hardLinkBytes: 0,
      creationTime: 0n,
      lastModificationTime: 0n,
    };
    const xml = buildXmlText(0, [['NAME', '&A; &#0; &amp;']], stats, 'wcd');
    expect(xml).toContain('<NAME>&amp;A; &amp;#0; &amp;amp;</NAME>');
  });

  it('rejects an element name that is not XML', () => {
    const stats = {
      dirCount: 0,
      fileCount: 0,
      totalBytes: 0,
      hardLinkBytes: 0,
      creationTime: 0n,
      lastModificationTime: 0n,
    };
    expect(() => buildXmlText(0, [['A B', 'x']], stats, 'wcd')).toThrow(/invalid XML element name/);
  });
});

describe('XML data limits', () => {
  it('rejects absurdly deep XML before handing it to the parser', () => {
    const deep = `<WIM>${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}<IMAGE INDEX="1"></IMAGE></WIM>`;
    expectWimError(
      () => parseXmlData(new Uint8Array(Buffer.from(`\ufeff${deep}`, 'utf16le')), 77),
      'xml data',
      77,
    );
  });
});
