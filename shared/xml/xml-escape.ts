/**
 * Escaping as .NET XmlWriter does it, which is what every file inside a WCD package went through
 * (docs/format/compile-rules.md §2.9): attributes `& < > "` and TAB/LF/CR as character references, apostrophes raw;
 * element text `& < >` only.
 */
const ATTRIBUTE_SPECIAL = /[&<>"\t\n\r]/;
const TEXT_SPECIAL = /[&<>\r\n]/;

export function escapeAttribute(value: string): string {
  if (!ATTRIBUTE_SPECIAL.test(value)) return value;
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#x9;')
    .replace(/\n/g, '&#xA;')
    .replace(/\r/g, '&#xD;');
}

/** Element text; line breaks become the file's CRLF (XmlWriter NewLineHandling.Replace), a lone CR `&#xD;`. */
export function escapeText(value: string): string {
  if (!TEXT_SPECIAL.test(value)) return value;
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r\n|\n|\r/g, (lineBreak) => (lineBreak === '\r' ? '&#xD;' : '\r\n'));
}

/** Characters XML 1.0 cannot carry at all; a value holding one cannot be compiled. */
export const INVALID_XML_CHARACTER =
  // eslint-disable-next-line no-control-regex -- matching the forbidden control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
