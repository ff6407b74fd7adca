/**
 * UTF-8 and UTF-16LE codecs. Hand-written because shared/ is compiled without DOM or Node typings, so
 * TextEncoder/TextDecoder are not declared here (the same reason as shared/wim/utf16.ts).
 */

export function encodeUtf8(text: string): Uint8Array {
  const out: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x80) out.push(code);
    else if (code < 0x800) out.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
    else if (code < 0x10000) out.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
    else {
      out.push(
        0xf0 | (code >> 18),
        0x80 | ((code >> 12) & 0x3f),
        0x80 | ((code >> 6) & 0x3f),
        0x80 | (code & 0x3f),
      );
    }
  }
  return Uint8Array.from(out);
}

/** Strict UTF-8 decoding; returns the byte offset of the first malformed sequence instead of guessing. */
export function decodeUtf8(bytes: Uint8Array): { text: string } | { badOffset: number } {
  const parts: string[] = [];
  let chunk: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0;
    let code: number;
    let length: number;
    let min: number;
    if (lead < 0x80) [code, length, min] = [lead, 1, 0];
    else if (lead >= 0xc2 && lead < 0xe0) [code, length, min] = [lead & 0x1f, 2, 0x80];
    else if (lead >= 0xe0 && lead < 0xf0) [code, length, min] = [lead & 0x0f, 3, 0x800];
    else if (lead >= 0xf0 && lead < 0xf5) [code, length, min] = [lead & 0x07, 4, 0x10000];
    else return { badOffset: i };
    if (i + length > bytes.length) return { badOffset: i };
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k] ?? 0;
      if ((next & 0xc0) !== 0x80) return { badOffset: i };
      code = (code << 6) | (next & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return { badOffset: i };
    chunk.push(code);
    if (chunk.length >= 8192) {
      parts.push(String.fromCodePoint(...chunk));
      chunk = [];
    }
    i += length;
  }
  parts.push(String.fromCodePoint(...chunk));
  return { text: parts.join('') };
}

export function decodeUtf16le(bytes: Uint8Array): string {
  const units: string[] = [];
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    units.push(String.fromCharCode((bytes[i] ?? 0) | ((bytes[i + 1] ?? 0) << 8)));
  }
  return units.join('');
}
