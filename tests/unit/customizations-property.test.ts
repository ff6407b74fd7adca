import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CustomizationsDocument } from '../../shared/model/customizations-document';
import type { SettingNode } from '../../shared/model/settings-tree';
import { parseCustomizationsXml, serializeCustomizationsXml } from '../../shared/xml/customizations';
import { OWNER_TYPES } from '../../shared/model/owner-type';

// Text that XML 1.0 can carry, biased towards the characters escaping must handle. CR is left out of
// element text on purpose: XML parsers turn CRLF into LF there (attribute values keep it as &#xD;).
const interesting = fc.constantFrom(
  '&',
  '<',
  '>',
  '"',
  "'",
  '\t',
  '\n',
  ' ',
  'é',
  '€',
  '𝄞',
  ']]>',
  '%SERIAL%',
  '&amp;',
);
const plain = fc.string({ unit: 'grapheme-ascii', maxLength: 6 });
const xmlText = fc.array(fc.oneof(plain, interesting), { maxLength: 6 }).map((parts) => parts.join(''));
const attributeText = fc
  .array(fc.oneof(plain, interesting, fc.constant('\r')), { maxLength: 6 })
  .map((parts) => parts.join(''));
const elementName = fc.constantFrom(
  'Accounts',
  'Users',
  'User',
  'Password',
  'CACerificate',
  'HideOobe',
  'X-y.z_1',
);
const attributeName = fc.constantFrom('UserName', 'Name', 'SSID', 'UPN', 'CertificateName');

/** A tree at most `depth` levels deep; a node with children carries no text (no mixed content). */
function settingNode(depth: number): fc.Arbitrary<SettingNode> {
  const children: fc.Arbitrary<SettingNode[]> =
    depth === 0 ? fc.constant<SettingNode[]>([]) : fc.array(settingNode(depth - 1), { maxLength: 3 });
  return fc
    .record({
      name: elementName,
      attributes: fc.uniqueArray(fc.tuple(attributeName, attributeText), {
        maxLength: 2,
        selector: ([name]) => name,
      }),
      children,
      text: fc.option(xmlText, { nil: undefined }),
    })
    .map((node): SettingNode => {
      const result: SettingNode = { name: node.name, attributes: node.attributes, children: node.children };
      if (node.children.length === 0 && node.text !== undefined) result.text = node.text;
      return result;
    });
}

const documents: fc.Arbitrary<CustomizationsDocument> = fc.record({
  packageConfig: fc.record({
    id: fc.uuid().map((uuid) => `{${uuid}}`),
    name: xmlText,
    version: fc.constantFrom('1.0', '1.0.0.0', '20221006.6'),
    ownerType: fc.constantFrom(...OWNER_TYPES),
    rank: fc.integer({ min: 0, max: 99 }),
    notes: xmlText,
  }),
  common: fc.array(settingNode(3), { maxLength: 3 }),
  multivariant: fc.constant([]),
});

describe('customizations.xml property: write then read gives the same document', () => {
  it('for random trees, attributes and text', () => {
    fc.assert(
      fc.property(documents, (doc) => {
        const reread = parseCustomizationsXml(serializeCustomizationsXml(doc));
        expect(reread.packageConfig).toEqual(doc.packageConfig);
        expect(reread.common).toEqual(doc.common);
        // And the second write is byte-identical to the first.
        expect(serializeCustomizationsXml(reread)).toEqual(serializeCustomizationsXml(doc));
      }),
      { numRuns: 100 },
    );
  });
});
