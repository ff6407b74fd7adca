import { create } from 'xmlbuilder2';
import { type DomNode, elementChildren } from '../xml/dom-node';
import { WimFormatError } from './errors';
import { joinFiletime } from './filetime';
import { decodeUtf16le } from './utf16';
import type { ParsedXmlData, ParsedXmlImage } from './xml-data';

/** Reading the WIM XML data (docs/format/wim-format.md §6); the format notes and the writer are in xml-data.ts. */

function optionalInteger(value: string | undefined): number | undefined {
  return value !== undefined && /^\d+$/.test(value.trim()) ? Number(value.trim()) : undefined;
}

function parseTime(element: DomNode | undefined): bigint | undefined {
  if (!element) return undefined;
  const parts = new Map(elementChildren(element).map((c) => [c.nodeName, (c.textContent ?? '').trim()]));
  const high = Number(parts.get('HIGHPART'));
  const low = Number(parts.get('LOWPART'));
  return Number.isInteger(high) && Number.isInteger(low) ? joinFiletime(high, low) : undefined;
}

/** Real WIM XML is a few KiB (WCD: ~1.5 KiB) and about 5 levels deep; these limits only stop hostile input. */
const MAX_XML_BYTES = 16 * 1024 * 1024;
const MAX_XML_DEPTH = 64;

/**
 * Linear pre-scan of element nesting: the XML parser takes superlinear time on very deep documents (15 s for
 * 200 000 levels), so depth is bounded before parsing.
 */
function checkNestingDepth(text: string, fileOffset: number): void {
  let depth = 0;
  for (const tag of text.matchAll(/<(\/?)[^<>]*?(\/?)>/g)) {
    const [whole, closing, selfClosing] = tag;
    if (whole.startsWith('<?') || whole.startsWith('<!')) continue;
    if (closing) depth--;
    else if (!selfClosing) depth++;
    if (depth > MAX_XML_DEPTH) {
      throw new WimFormatError('xml data', fileOffset, `elements nested deeper than ${MAX_XML_DEPTH} levels`);
    }
  }
}

/**
 * Parses the XML data read from `fileOffset`. Like wimlib, requires a WIM root and IMAGE elements with
 * INDEX 1…N without gaps; unknown elements are kept as properties or ignored.
 */
export function parseXmlData(bytes: Uint8Array, fileOffset: number): ParsedXmlData {
  const hasBom = bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe;
  const start = hasBom ? 2 : 0;
  if ((bytes.length - start) % 2 !== 0) {
    throw new WimFormatError('xml data', fileOffset, `odd UTF-16LE byte count ${bytes.length - start}`);
  }
  if (bytes.length > MAX_XML_BYTES) {
    throw new WimFormatError('xml data', fileOffset, `${bytes.length} bytes is more than ${MAX_XML_BYTES}`);
  }
  const text = decodeUtf16le(bytes, start, bytes.length - start).replace(/\0+$/, '');
  checkNestingDepth(text, fileOffset);
  let root: DomNode;
  try {
    root = create(text).root().node as unknown as DomNode;
  } catch (error) {
    throw new WimFormatError(
      'xml data',
      fileOffset,
      `malformed XML: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  if (root.nodeName !== 'WIM') {
    throw new WimFormatError('xml data', fileOffset, `root element is <${root.nodeName}>, not <WIM>`);
  }
  const children = elementChildren(root);
  const images: ParsedXmlImage[] = [];
  for (const element of children.filter((c) => c.nodeName === 'IMAGE')) {
    const index = Number(element.getAttribute?.('INDEX'));
    if (index !== images.length + 1) {
      throw new WimFormatError(
        'xml data',
        fileOffset,
        `IMAGE INDEX="${element.getAttribute?.('INDEX')}" out of order`,
      );
    }
    const imageChildren = elementChildren(element);
    const byName = new Map(imageChildren.map((c) => [c.nodeName, c]));
    const textOf = (name: string): string | undefined => byName.get(name)?.textContent ?? undefined;
    images.push({
      index,
      properties: imageChildren
        .filter((c) => elementChildren(c).length === 0)
        .map((c) => [c.nodeName, c.textContent ?? ''] as const),
      dirCount: optionalInteger(textOf('DIRCOUNT')),
      fileCount: optionalInteger(textOf('FILECOUNT')),
      totalBytes: optionalInteger(textOf('TOTALBYTES')),
      creationTime: parseTime(byName.get('CREATIONTIME')),
      lastModificationTime: parseTime(byName.get('LASTMODIFICATIONTIME')),
    });
  }
  const totalBytesElement = children.find((c) => c.nodeName === 'TOTALBYTES');
  return { text, totalBytes: optionalInteger(totalBytesElement?.textContent ?? undefined), images };
}
