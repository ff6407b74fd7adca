import { describe, expect, it } from 'vitest';
import { parseCustomizationsXml, serializeCustomizationsXml } from '../../shared/xml/customizations';
import {
  FIXTURE_CUSTOMIZATIONS_FILES,
  FIXTURE_PACKAGES,
  readEmbeddedCustomizations,
  readFixture,
} from '../support/fixtures';

describe('customizations.xml round trip (fixtures, byte for byte)', () => {
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
});
