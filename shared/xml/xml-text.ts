import type { SettingNode } from '../model/settings-tree';
import { ProjectFileError } from './errors';
import { decodeUtf16le, decodeUtf8, encodeUtf8 } from './utf8';
import { escapeAttribute, escapeText, INVALID_XML_CHARACTER } from './xml-escape';

/**
 * Text-level reading and writing shared by the customizations.xml and icdproj readers/writers.
 *
 * Why a hand-written serializer: WCD writes with .NET's XmlWriter, and xmlbuilder2's writer cannot reproduce
 * it byte for byte. It picks one empty-element form for the whole document (`<Notes />` everywhere, or with
 * `allowEmptyTags` `<X></X>` everywhere), while WCD mixes `<Notes></Notes>` with self-closed elements and we
 * must write back each element as read. It also leaves TAB/LF/CR raw inside attribute values where XmlWriter
 * writes `&#x9;`/`&#xA;`/`&#xD;`. The escaping itself is xml-escape.ts's; sax parses (xml-tree.ts).
 */

type FileKind = ProjectFileError['file'];

export const UTF8_BOM = '\uFEFF';

export interface DecodedText {
  /** Text with the BOM removed and line ends as in the file. */
  text: string;
  byteOrderMark: boolean;
  newline: '\r\n' | '\n';
  trailingNewline: boolean;
}

/** Decodes the file bytes (or an already-decoded string) and records the byte-level form. */
export function decodeXmlText(input: string | Uint8Array, file: FileKind): DecodedText {
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else if (input.length >= 2 && input[0] === 0xff && input[1] === 0xfe) {
    text = UTF8_BOM + decodeUtf16le(input.subarray(2));
  } else {
    // The BOM decodes to U+FEFF and is recorded below exactly like in the string-input case.
    const decoded = decodeUtf8(input);
    if ('badOffset' in decoded) {
      throw new ProjectFileError(file, `byte ${decoded.badOffset}`, 'the file is not valid UTF-8');
    }
    text = decoded.text;
  }
  const byteOrderMark = text.startsWith(UTF8_BOM);
  if (byteOrderMark) text = text.slice(1);
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const trailingNewline = /\r?\n$/.test(text);
  return { text, byteOrderMark, newline, trailingNewline };
}

/**
 * For every start tag in document order, whether it was written self-closing (`<X />`). The parsed DOM
 * loses that, yet `<X />` (no value) and `<X></X>` (empty value) are both written by WCD builds.
 * Start tags appear in the text in the same order as elements in a pre-order walk of the DOM.
 *
 * The scan also enforces the well-formedness rules xmlbuilder2's lenient parser lets through (it accepts
 * `<a><b></a>`, a truncated file, duplicate attributes and undeclared entities without complaint), so a
 * damaged project file fails loudly instead of losing settings.
 */
/**
 * Limits that keep a hostile file (e.g. the customizations.xml inside a downloaded .ppkg) from exhausting
 * the stack or the parser, which is superlinear on deep documents. Real files nest about 12 levels deep
 * and weigh a few KiB.
 */
export const MAX_DEPTH = 256;
export const MAX_TEXT_LENGTH = 32 * 1024 * 1024;

export function scanTags(text: string, file: FileKind): boolean[] {
  if (text.length > MAX_TEXT_LENGTH) {
    throw new ProjectFileError(file, 'size', `the file is larger than ${MAX_TEXT_LENGTH} characters`);
  }
  const flags: boolean[] = [];
  const open: string[] = [];
  let roots = 0;
  let at = 0;
  const fail = (offset: number, detail: string): never => {
    const before = text.slice(0, offset).split('\n');
    const where = `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
    throw new ProjectFileError(file, where, `not well-formed XML: ${detail}`);
  };
  const checkReferences = (from: number, to: number): void => {
    const segment = text.slice(from, to);
    if (!segment.includes('&')) return;
    for (const ref of segment.matchAll(/&([^;\s<&]*);?/g)) {
      const known = /^(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+)$/.test(ref[1] ?? '');
      // The message gives the position only: the reference may sit inside a password.
      if (!known || !ref[0].endsWith(';')) fail(from + ref.index, 'unknown or unterminated & reference');
      const number = /^#(x?)([0-9a-fA-F]+)$/.exec(ref[1] ?? '');
      if (number && !isXmlChar(Number.parseInt(number[2]!, number[1] ? 16 : 10)))
        fail(from + ref.index, 'a character reference names a character XML does not allow');
    }
  };
  for (;;) {
    const lt = text.indexOf('<', at);
    if (open.length > 0 || lt < 0) checkReferences(at, lt < 0 ? text.length : lt);
    if (lt < 0) break;
    if (text.startsWith('<!--', lt)) at = endOf(text, '-->', lt);
    else if (text.startsWith('<![CDATA[', lt)) at = endOf(text, ']]>', lt);
    else if (text.startsWith('<?', lt)) at = endOf(text, '?>', lt);
    else if (text.startsWith('<!', lt))
      fail(lt, 'a DOCTYPE or other declaration is not allowed in a project file');
    else if (text.startsWith('</', lt)) {
      const close = endOf(text, '>', lt);
      const name = text.slice(lt + 2, close - 1).trim();
      const expected = open.pop();
      if (expected !== name) {
        fail(lt, expected ? `</${name}> closes <${expected}>` : `</${name}> has no start tag`);
      }
      at = close;
    } else {
      let quote = '';
      let i = lt + 1;
      for (; i < text.length; i++) {
        const ch = text[i];
        if (quote) {
          if (ch === quote) quote = '';
        } else if (ch === '"' || ch === "'") quote = ch;
        else if (ch === '>') break;
      }
      if (i >= text.length) fail(lt, 'unterminated start tag');
      const tag = text.slice(lt + 1, i);
      const selfClosing = tag.endsWith('/');
      const name = /^[^\s/>]+/.exec(tag)?.[0] ?? '';
      if (hasRepeatedAttribute(tag, name.length)) fail(lt, `<${name}> repeats an attribute`);
      checkReferences(lt, i);
      if (open.length === 0) roots++;
      if (roots > 1) fail(lt, 'more than one root element');
      if (!selfClosing) open.push(name);
      if (open.length > MAX_DEPTH) fail(lt, `elements nest deeper than ${MAX_DEPTH} levels`);
      flags.push(selfClosing);
      at = i + 1;
    }
  }
  if (open.length > 0) fail(text.length, `<${open.at(-1)}> is never closed (the file may be truncated)`);
  return flags;
}

/**
 * Whether a start tag's text (between `<` and `>`) names an attribute twice. Walks name="value" pairs, so
 * ` x=` inside a quoted value is not taken for an attribute; one pass with a Set, linear in the tag.
 */
function hasRepeatedAttribute(tag: string, nameEnd: number): boolean {
  const seen = new Set<string>();
  let at = nameEnd;
  for (;;) {
    const equals = tag.indexOf('=', at);
    if (equals < 0) return false;
    const attributeName = tag.slice(at, equals).trim();
    if (seen.has(attributeName)) return true;
    seen.add(attributeName);
    let open = equals + 1;
    while (open < tag.length && /\s/.test(tag[open]!)) open++;
    const quote = tag[open];
    if (quote !== '"' && quote !== "'") return false; // malformed: sax reports it with its position
    const close = tag.indexOf(quote, open + 1);
    if (close < 0) return false;
    at = close + 1;
  }
}

/** XML 1.0 §2.2 Char: what a character reference may name (`&#0;` and most controls may not). */
function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

function endOf(text: string, terminator: string, from: number): number {
  const end = text.indexOf(terminator, from);
  return end < 0 ? text.length : end + terminator.length;
}

function assertXmlChars(value: string, file: FileKind, where: string): void {
  const bad = INVALID_XML_CHARACTER.exec(value);
  if (bad) {
    const code = bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    throw new ProjectFileError(file, where, `U+${code} at character ${bad.index} cannot be written to XML`);
  }
}

/** Element text as escapeText writes it, after refusing a character XML cannot carry (named by `where`). */
export function escapeCheckedText(value: string, newline: string, file: FileKind, where: string): string {
  assertXmlChars(value, file, where);
  return escapeText(value, newline);
}

/** An attribute value as escapeAttribute writes it, after refusing a character XML cannot carry. */
export function escapeCheckedAttribute(value: string, file: FileKind, where: string): string {
  assertXmlChars(value, file, where);
  return escapeAttribute(value);
}

export function formatAttributes(
  attributes: ReadonlyArray<readonly [string, string]>,
  file: FileKind,
  where: string,
): string {
  return attributes
    .map(([name, value]) => ` ${name}="${escapeCheckedAttribute(value, file, `${where}/@${name}`)}"`)
    .join('');
}

/**
 * Appends `node` (and its subtree) as indented lines: two spaces per level, attributes on the start tag,
 * `<X />` for an element with neither children nor text, `<X></X>` for empty text.
 */
export function writeElementLines(
  node: SettingNode,
  depth: number,
  lines: string[],
  newline: string,
  file: FileKind,
  parentPath: string,
): void {
  const where = parentPath ? `${parentPath}/${node.name}` : node.name;
  const indent = '  '.repeat(depth);
  const start = `${indent}<${node.name}${formatAttributes(node.attributes, file, where)}`;
  if (node.children.length > 0) {
    lines.push(`${start}>`);
    for (const child of node.children) writeElementLines(child, depth + 1, lines, newline, file, where);
    lines.push(`${indent}</${node.name}>`);
  } else if (node.text === undefined) {
    lines.push(`${start} />`);
  } else {
    lines.push(`${start}>${escapeCheckedText(node.text, newline, file, where)}</${node.name}>`);
  }
}

/** Joins lines with the document's newline (and a leading U+FEFF when the form has a BOM). */
export function joinXmlLines(
  lines: readonly string[],
  form: { byteOrderMark: boolean; newline: string; trailingNewline: boolean },
): string {
  const body = lines.join(form.newline) + (form.trailingNewline ? form.newline : '');
  return (form.byteOrderMark ? UTF8_BOM : '') + body;
}

/** joinXmlLines encoded to UTF-8 bytes. */
export function encodeXmlLines(
  lines: readonly string[],
  form: { byteOrderMark: boolean; newline: string; trailingNewline: boolean },
): Uint8Array {
  return encodeUtf8(joinXmlLines(lines, form));
}
