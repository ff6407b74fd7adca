/**
 * Makes text from an untrusted file safe to print in a terminal or show in the UI: control characters
 * (C0, DEL, C1 — terminal escapes among them), bidirectional overrides and zero-width characters are
 * written as visible `\xNN` / `\uNNNN` escapes, so a name or value cannot hide or reorder the text
 * around it. One helper for the CLI and the renderer.
 */
// eslint-disable-next-line no-control-regex -- these characters are exactly what must be made visible
const INVISIBLE = /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF]/g;

export function escapeControlCharacters(text: string): string {
  return text.replace(INVISIBLE, (ch) => {
    const code = ch.charCodeAt(0);
    return code < 0x100
      ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`
      : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
  });
}
