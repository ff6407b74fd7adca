import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPackageSummary } from '../../shared/node/package/read-package';
import { PackageLimitError } from '../../shared/node/package/verify-package';
import { parseXmlTree } from '../../shared/xml/xml-tree';
import { writeExpandingPackage } from '../support/expanding-package';

/** Issue #10, limits: XML parsing linear in input, no false attribute errors, size caps on package XML. */

describe('XML parsing', () => {
  it('parses an element with 100k attributes, all kept in order (xmlbuilder2 took minutes: quadratic)', () => {
    const count = 100_000;
    const xml = `<root${Array.from({ length: count }, (_, i) => ` a${i}="v${i}"`).join('')}/>`;
    const root = parseXmlTree(xml, 'customizations.xml');
    expect(root.attributes).toHaveLength(count);
    expect(root.attributes[0]).toEqual(['a0', 'v0']);
    expect(root.attributes[count - 1]).toEqual([`a${count - 1}`, `v${count - 1}`]);
  });

  it('does not take ` x=` inside a value for a repeated attribute; a real repeat is still refused', () => {
    const root = parseXmlTree(`<a b="1 x=2" x="3" c='y = "q" x=4'/>`, 'customizations.xml');
    expect(root.attributes).toEqual([
      ['b', '1 x=2'],
      ['x', '3'],
      ['c', 'y = "q" x=4'],
    ]);
    expect(() => parseXmlTree('<a x="1" x="2"/>', 'customizations.xml')).toThrow(/repeats an attribute/);
    expect(() => parseXmlTree('<a x="1"  x = "2"/>', 'customizations.xml')).toThrow(/repeats an attribute/);
  });

  it('refuses character references to characters XML does not allow (&#0;), accepts the others', () => {
    for (const bad of ['&#0;', '&#x0;', '&#8;', '&#xFFFE;', '&#xD800;', '&#1114112;'])
      expect(() => parseXmlTree(`<a>${bad}</a>`, 'customizations.xml'), bad).toThrow(
        /character XML does not allow/,
      );
    expect(parseXmlTree('<a>&#9;&#x1F600;&#65;</a>', 'customizations.xml').text).toBe('\t\u{1F600}A');
  });

  it('keeps <X /> and <X></X> apart, text, CDATA and mixed-content errors as before', () => {
    const root = parseXmlTree('<r><a/><b></b><c>t&amp;<![CDATA[<x>]]></c>\n</r>', 'customizations.xml');
    expect(root.children.map((child) => [child.name, child.text])).toEqual([
      ['a', undefined],
      ['b', ''],
      ['c', 't&<x>'],
    ]);
    expect(() => parseXmlTree('<r>text<a/></r>', 'customizations.xml')).toThrow(/mixed/);
  });
});

describe('package XML size cap', () => {
  let work: string;
  let bomb: string;
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'xml-limits-'));
    bomb = join(work, 'expands-to-1GiB.ppkg');
    await writeExpandingPackage(bomb);
  }, 120_000);
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('refuses a small package whose customizations.xml expands to 1 GiB before reading it', async () => {
    expect((await stat(bomb)).size).toBeLessThan(16 << 20);
    const refused = readPackageSummary(bomb);
    await expect(refused).rejects.toThrow(PackageLimitError);
    await expect(readPackageSummary(bomb)).rejects.toThrow(
      /Multivariant\/0\/customizations\.xml expands to 1073741824 bytes, over the 64 MiB limit/,
    );
  });

  it('the cap is configurable', async () => {
    const small = join(work, 'expands-to-3MiB.ppkg');
    await writeExpandingPackage(small, 3 << 20);
    await expect(readPackageSummary(small, { maxXmlBytes: 2 << 20 })).rejects.toThrow(/over the 2 MiB limit/);
    // Under the default cap it is read (and found to be no customizations.xml a project could come from).
    const summary = await readPackageSummary(small);
    expect(summary.verification.differences.map((difference) => difference.kind)).toContain(
      'unreadable-customizations',
    );
  });
});
