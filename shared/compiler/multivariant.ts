import { ProjectFileError } from '../xml/errors';
import { decodeXmlText } from '../xml/xml-text';
import { parseXmlTree } from '../xml/xml-tree';
import { escapeAttribute } from '../xml/xml-escape';

/** One `<Element>` of an index file: its Index and the lines inside it. */
export interface IndexElement {
  index: number;
  body?: readonly string[];
}

/**
 * The three index files `Multivariant/Multivariant.xml`, `CommonSettings/CommonSettings.xml` and
 * `DataAsset/DataAsset.xml` share one form (docs/format/ppkg-format.md §3.2, OBSERVED in every sample): UTF-8
 * *without* BOM, upper-case `encoding="UTF-8"`, CRLF, no trailing newline, one `<Element Index="n">` frame.
 * Several elements (a multivariant package) repeat the frame [INFERRED, docs/format/ppkg-format.md §3.4].
 */
export function writeElementsIndex(type: string, elements: readonly IndexElement[]): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<Elements Type="${type}">`];
  for (const element of elements)
    lines.push(`  <Element Index="${element.index}">`, ...(element.body ?? []), '  </Element>');
  lines.push('</Elements>');
  return lines.join('\r\n');
}

/**
 * `Multivariant/Multivariant.xml`. WCD's packages only ever show the unconditional element 0 (OBSERVED). For
 * a project with Variants, PPKG Studio's inferred layout (docs/format/ppkg-format.md §3.4) adds one element per
 * Variant, numbered from 1 in document order, naming the Targets it applies to — one
 * `<Metadata Key="TargetRef" Value="<Target Id>" />` each — whose conditions stay in the embedded
 * customizations.xml [INFERRED: no WCD-built multivariant package has been seen].
 */
export function writeMultivariantIndex(
  variants: ReadonlyArray<{ targetRefs: readonly string[] }> = [],
): string {
  return writeElementsIndex('Multivariant', [
    { index: 0 },
    ...variants.map((variant, position) => ({
      index: position + 1,
      body: variant.targetRefs.map((id) => `    <Metadata Key="TargetRef" Value="${escapeAttribute(id)}" />`),
    })),
  ]);
}

/** A Multivariant.xml element read back: its Index (= its folder) and the Targets it names. */
export interface MultivariantElement {
  index: number;
  targetRefs: string[];
}

/**
 * Reads `Multivariant/Multivariant.xml` (the reverse of writeMultivariantIndex; also accepts WCD's own
 * single-element file). Throws a ProjectFileError naming the file on anything else.
 */
export function readMultivariantIndex(bytes: Uint8Array): MultivariantElement[] {
  const file = 'Multivariant.xml';
  const root = parseXmlTree(decodeXmlText(bytes, file).text, file);
  const attribute = (node: typeof root, name: string) => node.attributes.find(([key]) => key === name)?.[1];
  if (root.name !== 'Elements' || attribute(root, 'Type') !== 'Multivariant')
    throw new ProjectFileError(file, 'Multivariant/Multivariant.xml', `the root element is <${root.name}>`);
  return root.children
    .filter((node) => node.name === 'Element')
    .map((node) => {
      const index = Number(attribute(node, 'Index'));
      if (!Number.isSafeInteger(index) || index < 0)
        throw new ProjectFileError(file, 'Multivariant/Multivariant.xml', 'an Element has no valid Index');
      const targetRefs = node.children
        .filter((child) => child.name === 'Metadata' && attribute(child, 'Key') === 'TargetRef')
        .map((child) => attribute(child, 'Value') ?? '');
      return { index, targetRefs };
    });
}
