import sax from 'sax';
import type { SettingNode } from '../model/settings-tree';
import { ProjectFileError } from './errors';
import { scanTags } from './xml-text';

type FileKind = ProjectFileError['file'];

interface OpenElement {
  node: SettingNode;
  path: string;
  content: string;
  hasText: boolean;
  selfClosing: boolean;
}

/**
 * Parses XML text (BOM already removed) and returns the root element as an ordered element tree. Attributes
 * keep their document order, and a childless element keeps whether it was `<X />` (text undefined) or
 * `<X></X>` (text ''). Comments and processing instructions are dropped: WCD never writes them.
 *
 * scanTags enforces the well-formedness rules first (nesting, unique attributes, known references, no
 * DOCTYPE); sax (a streaming parser, linear in the input — xmlbuilder2's DOM adds attributes in quadratic
 * time, 100k attributes took minutes) then builds the tree. Errors name a position, never the text there.
 */
export function parseXmlTree(text: string, file: FileKind): SettingNode {
  // XML 2.11: a parser sees every line end as LF. Done here so CRLF files and LF files parse alike.
  const normalized = text.replace(/\r\n?/g, '\n');
  scanTags(normalized, file);
  const parser = sax.parser(true, { position: true });
  const open: OpenElement[] = [];
  let root: SettingNode | undefined;

  parser.onerror = () => {
    throw new ProjectFileError(
      file,
      `line ${parser.line + 1}, column ${parser.column + 1}`,
      'not well-formed XML',
    );
  };
  parser.onopentag = (tag) => {
    const parent = open.at(-1);
    const node: SettingNode = { name: tag.name, attributes: Object.entries(tag.attributes), children: [] };
    if (parent) parent.node.children.push(node);
    else root ??= node;
    open.push({
      node,
      path: parent ? `${parent.path}/${tag.name}` : tag.name,
      content: '',
      hasText: false,
      selfClosing: tag.isSelfClosing,
    });
  };
  const onText = (value: string) => {
    const current = open.at(-1);
    if (!current) return;
    current.content += value;
    current.hasText = true;
  };
  parser.ontext = onText;
  parser.oncdata = onText;
  parser.onclosetag = () => {
    const element = open.pop();
    if (!element) return;
    const { node, content, hasText, selfClosing, path } = element;
    if (node.children.length > 0) {
      // Indentation between child elements is layout; real text next to elements is mixed content.
      if (content.trim() !== '') {
        throw new ProjectFileError(file, path, 'text mixed with child elements is not supported');
      }
    } else if (hasText || !selfClosing) {
      node.text = content;
    }
  };
  parser.write(normalized).close();
  if (!root) throw new ProjectFileError(file, 'xml', 'the document has no root element');
  return root;
}
