import { create } from 'xmlbuilder2';
import type { SettingNode } from '../model/settings-tree';
import { ProjectFileError } from './errors';
import { scanTags } from './xml-text';

type FileKind = ProjectFileError['file'];

// DOM node types (the DOM interfaces xmlbuilder2 returns; `lib` has no DOM typings in shared/).
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

interface DomNode {
  nodeType: number;
  nodeName: string;
  data?: string;
  childNodes: Iterable<DomNode>;
  attributes?: Iterable<{ name: string; value: string }>;
}

/**
 * Parses XML text (BOM already removed) with xmlbuilder2 and returns the root element as an ordered
 * element tree. Attributes keep their document order, and a childless element keeps whether it was
 * `<X />` (text undefined) or `<X></X>` (text ''). Comments and processing instructions are dropped:
 * WCD never writes them.
 */
export function parseXmlTree(text: string, file: FileKind): SettingNode {
  // XML 2.11: a parser sees every line end as LF. Done here so CRLF files and LF files parse alike.
  const normalized = text.replace(/\r\n?/g, '\n');
  const selfClosing = scanTags(normalized, file);
  let documentNode: DomNode;
  try {
    documentNode = create({ skipWhitespaceOnlyText: false }, normalized).node as unknown as DomNode;
  } catch (error) {
    // The parser's message can quote the offending text (a password, say): keep only its position.
    const message = (error as Error).message;
    const line = /line:?\s*(\d+)/i.exec(message)?.[1];
    const column = /col(?:umn)?:?\s*(\d+)/i.exec(message)?.[1];
    const where = line ? `line ${line}${column ? `, column ${column}` : ''}` : 'xml';
    throw new ProjectFileError(file, where, 'not well-formed XML');
  }
  let elementIndex = 0;

  const convert = (element: DomNode, path: string): SettingNode => {
    const wasSelfClosing = selfClosing[elementIndex++] ?? false;
    const attributes: Array<[string, string]> = [];
    for (const attribute of element.attributes ?? []) attributes.push([attribute.name, attribute.value]);
    const children: SettingNode[] = [];
    let content = '';
    let hasText = false;
    for (const child of element.childNodes) {
      if (child.nodeType === ELEMENT_NODE) {
        children.push(convert(child, `${path}/${child.nodeName}`));
      } else if (child.nodeType === TEXT_NODE || child.nodeType === CDATA_SECTION_NODE) {
        content += child.data ?? '';
        hasText = true;
      }
    }
    const node: SettingNode = { name: element.nodeName, attributes, children };
    if (children.length > 0) {
      // Indentation between child elements is layout; real text next to elements is mixed content.
      if (content.trim() !== '') {
        throw new ProjectFileError(file, path, 'text mixed with child elements is not supported');
      }
    } else if (hasText || !wasSelfClosing) {
      node.text = content;
    }
    return node;
  };

  for (const child of documentNode.childNodes) {
    if (child.nodeType === ELEMENT_NODE) return convert(child, child.nodeName);
  }
  throw new ProjectFileError(file, 'xml', 'the document has no root element');
}
