import { splitFiletime } from './filetime';
import { escapeMarkup } from '../xml/xml-escape';
import { encodeUtf16le } from './utf16';

/**
 * WIM XML data (docs/format/wim-format.md §6, docs/format/ppkg-format.md §2.4): UTF-16LE with a BOM, no declaration, no whitespace,
 * stored uncompressed at the end of the file. Parsing is in xml-data-parse.ts: it needs an XML parser, while
 * writing a dozen fixed elements does not, so a capture never loads one (xmlbuilder2 costs tens of ms of
 * start-up). tests/unit/wim-structures.test.ts checks this output against xmlbuilder2's serialisation.
 */

export interface ImageStats {
  dirCount: number;
  fileCount: number;
  /** Sum of file sizes (× link count). */
  totalBytes: number;
  hardLinkBytes: number;
  creationTime: bigint;
  lastModificationTime: bigint;
}

/**
 * Element order of the IMAGE element:
 * - 'wcd': caller properties first (NAME, DESCRIPTION, NOTES, AUTHOR, VERSION, ALTITUDE, RESETCLEAR,
 *   PACKAGEID in WCD's order), then the counts and times, then `<WIMBOOT>0</WIMBOOT>` [OBS all 5 fixtures];
 * - 'wimlib': counts and times first, then the caller properties (the spec's golden vector, §10.2).
 * WIM-level TOTALBYTES comes first in both, as in WCD's files and the golden vector.
 */
export type XmlLayout = 'wcd' | 'wimlib';

export type ImageProperty = readonly [name: string, value: string];

const UTF16LE_BOM = Uint8Array.of(0xff, 0xfe);

function hex32(value: number): string {
  return `0x${value.toString(16).toUpperCase().padStart(8, '0')}`;
}

/** Element names the writer accepts (callers pass fixed WIM/WCD names; anything else is a bug). */
const XML_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function element(name: string, content: string): string {
  if (!XML_NAME.test(name)) throw new RangeError(`invalid XML element name ${JSON.stringify(name)}`);
  return `<${name}>${content}</${name}>`;
}

export function buildXmlText(
  wimTotalBytes: number,
  properties: readonly ImageProperty[],
  stats: ImageStats,
  layout: XmlLayout,
): string {
  const parts: string[] = [];
  const addProperties = (): void => {
    for (const [name, value] of properties) parts.push(element(name, escapeMarkup(value)));
  };
  const addTime = (name: string, filetime: bigint): void => {
    const { high, low } = splitFiletime(filetime);
    parts.push(element(name, element('HIGHPART', hex32(high)) + element('LOWPART', hex32(low))));
  };
  if (layout === 'wcd') addProperties();
  parts.push(element('DIRCOUNT', String(stats.dirCount)));
  parts.push(element('FILECOUNT', String(stats.fileCount)));
  parts.push(element('TOTALBYTES', String(stats.totalBytes)));
  parts.push(element('HARDLINKBYTES', String(stats.hardLinkBytes)));
  addTime('CREATIONTIME', stats.creationTime);
  addTime('LASTMODIFICATIONTIME', stats.lastModificationTime);
  if (layout === 'wcd') parts.push(element('WIMBOOT', '0'));
  else addProperties();
  return `<WIM>${element('TOTALBYTES', String(wimTotalBytes))}<IMAGE INDEX="1">${parts.join('')}</IMAGE></WIM>`;
}

/** Byte form: BOM + UTF-16LE text, as WCD and wimlib write it [HX][OBS]. */
export function buildXmlData(
  wimTotalBytes: number,
  properties: readonly ImageProperty[],
  stats: ImageStats,
  layout: XmlLayout,
): Uint8Array {
  const text = encodeUtf16le(buildXmlText(wimTotalBytes, properties, stats, layout));
  const bytes = new Uint8Array(UTF16LE_BOM.length + text.length);
  bytes.set(UTF16LE_BOM, 0);
  bytes.set(text, UTF16LE_BOM.length);
  return bytes;
}

export interface ParsedXmlImage {
  index: number;
  /** Every simple (text-only) child element of IMAGE in document order, e.g. ['NAME', 'KBF']. */
  properties: ImageProperty[];
  dirCount?: number;
  fileCount?: number;
  totalBytes?: number;
  creationTime?: bigint;
  lastModificationTime?: bigint;
}

export interface ParsedXmlData {
  text: string;
  totalBytes?: number;
  images: ParsedXmlImage[];
}
