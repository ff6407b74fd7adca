import { expect, it } from 'vitest';
import { parseCustomizationsXml, serializeCustomizationsXml } from '../../shared/xml/customizations';
import {
  FIXTURE_CUSTOMIZATIONS_FILES,
  FIXTURE_PACKAGES,
  NEEDS_PPKG_FIXTURES,
  readEmbeddedCustomizations,
  readFixture,
} from '../support/fixtures';
import { realFixturePath, realFixtureProjects } from '../support/fixture-trees';
import { readFile } from 'node:fs/promises';
import { readMultivariant, writeMultivariant } from '../../shared/model/multivariant';
import { describeWith } from '../support/requirements';

describeWith(NEEDS_PPKG_FIXTURES, 'customizations.xml round trip (fixtures, byte for byte)', () => {
  it.each(FIXTURE_PACKAGES)('embedded in %s.ppkg', async (name) => {
    const bytes = await readEmbeddedCustomizations(name);
    const doc = parseCustomizationsXml(bytes);
    expect(Buffer.from(serializeCustomizationsXml(doc)).equals(Buffer.from(bytes))).toBe(true);
    // Also through a JSON copy: the document must be plain data (IPC, undo stacks).
    const copy = JSON.parse(JSON.stringify(doc)) as typeof doc;
    expect(Buffer.from(serializeCustomizationsXml(copy)).toString('utf8')).toBe(
      Buffer.from(bytes).toString('utf8'),
    );
  });

  it.each(FIXTURE_CUSTOMIZATIONS_FILES)('side file %s', async (name) => {
    const bytes = await readFixture(name);
    const doc = parseCustomizationsXml(bytes);
    expect(Buffer.from(serializeCustomizationsXml(doc)).toString('utf8')).toBe(
      Buffer.from(bytes).toString('utf8'),
    );
  });

  // Real WCD projects, some multivariant (Targets/Variant): kept byte for byte, also after the typed view
  // rewrote their Targets/Variant parts unchanged.
  it.each(realFixtureProjects())('real project %s', async (name) => {
    const bytes = await readFile(realFixturePath(name));
    const doc = parseCustomizationsXml(bytes);
    // clean_setup was edited by hand: its Condition/TargetRef elements close with `"/>`; the writer uses WCD's
    // (XmlWriter's) `" />`. Nothing else may differ.
    const expected = bytes.toString('utf8').replace(/"\/>/g, '" />');
    expect(Buffer.from(serializeCustomizationsXml(doc)).toString('utf8')).toBe(expected);
    const { multivariant, issues } = readMultivariant(doc);
    expect(issues).toEqual([]);
    writeMultivariant(doc, multivariant);
    expect(readMultivariant(parseCustomizationsXml(serializeCustomizationsXml(doc))).multivariant).toEqual(
      multivariant,
    );
  });
});
