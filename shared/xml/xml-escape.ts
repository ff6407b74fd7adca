/**
 * The one owner of XML escaping. Every file we write goes out as .NET XmlWriter would write it, which is what
 * every file inside a WCD package went through (docs/format/compile-rules.md §2.9): attributes `& < > "` and
 * TAB/LF/CR as character references, apostrophes raw; element text `& < >` only, line breaks as the file's newline.
 */
const MARKUP = /[&<>]/g;
const MARKUP_AND_QUOTE = /[&<>"]/g;
const ATTRIBUTE_SPECIAL = /[&<>"\t\n\r]/;
const TEXT_SPECIAL = /[&<>\r\n]/;

const REFERENCE: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#x9;',
  '\n': '&#xA;',
  '\r': '&#xD;',
};
const referenceOf = (char: string): string => REFERENCE[char] ?? char;

/** `& < >` escaped, nothing else: element text as any serializer writes it (the WIM XML data, xmlbuilder2's form). */
export function escapeMarkup(value: string): string {
  return value.replace(MARKUP, referenceOf);
}

/**
 * `& < > "` escaped, nothing else: the form a value is most often quoted in by other writers. For finding a secret
 * inside text to mask it, not for writing our own files.
 */
export function escapeMarkupAndQuotes(value: string): string {
  return value.replace(MARKUP_AND_QUOTE, referenceOf);
}

export function escapeAttribute(value: string): string {
  if (!ATTRIBUTE_SPECIAL.test(value)) return value;
  return value.replace(/[&<>"\t\n\r]/g, referenceOf);
}

/**
 * Element text; line breaks become `newline` (XmlWriter NewLineHandling.Replace: CRLF in every package file), a
 * lone CR `&#xD;` so it survives a re-read.
 */
export function escapeText(value: string, newline = '\r\n'): string {
  if (!TEXT_SPECIAL.test(value)) return value;
  return escapeMarkup(value).replace(/\r\n|\n|\r/g, (lineBreak) => (lineBreak === '\r' ? '&#xD;' : newline));
}

/** Characters XML 1.0 cannot carry at all, not even as a character reference (lone surrogates included). */
export const INVALID_XML_CHARACTER =
  // eslint-disable-next-line no-control-regex -- matching the forbidden control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
