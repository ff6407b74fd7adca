/**
 * Byte helpers the compiler needs in the renderer as well as in Node (shared/ has no TextEncoder or Buffer
 * typings): UTF-8 encoding, standard Base64, hex.
 */

export const UTF8_BOM = '\uFEFF';

/**
 * The platform TextEncoder where there is one (Node, Electron, browsers: ~10× faster than a JS loop on the
 * preview's hot path). shared/ compiles without DOM or Node typings, hence the structural type.
 */
const NativeTextEncoder = (globalThis as { TextEncoder?: new () => { encode(text: string): Uint8Array } })
  .TextEncoder;
const nativeEncoder = NativeTextEncoder ? new NativeTextEncoder() : undefined;

/** UTF-8 encoding (lone surrogates become U+FFFD, as TextEncoder does). */
export function encodeUtf8(text: string): Uint8Array {
  return nativeEncoder ? nativeEncoder.encode(text) : encodeUtf8Portable(text);
}

/** The same in plain code, for platforms without TextEncoder. */
export function encodeUtf8Portable(text: string): Uint8Array {
  let out = new Uint8Array(text.length + 16);
  let at = 0;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (at + 4 > out.length) {
      const grown = new Uint8Array(out.length * 2 + 16);
      grown.set(out);
      out = grown;
    }
    if (code < 0x80) {
      out[at++] = code;
      continue;
    }
    if (code >= 0xd800 && code <= 0xdfff) {
      const low = text.charCodeAt(i + 1);
      if (code <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        i++;
      } else {
        code = 0xfffd;
      }
    }
    if (code < 0x800) {
      out[at++] = 0xc0 | (code >> 6);
      out[at++] = 0x80 | (code & 0x3f);
    } else if (code < 0x10000) {
      out[at++] = 0xe0 | (code >> 12);
      out[at++] = 0x80 | ((code >> 6) & 0x3f);
      out[at++] = 0x80 | (code & 0x3f);
    } else {
      out[at++] = 0xf0 | (code >> 18);
      out[at++] = 0x80 | ((code >> 12) & 0x3f);
      out[at++] = 0x80 | ((code >> 6) & 0x3f);
      out[at++] = 0x80 | (code & 0x3f);
    }
  }
  return out.slice(0, at);
}

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard Base64 with `=` padding and no line breaks (.NET Convert.ToBase64String). */
export function toBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    chunk +=
      BASE64_ALPHABET[n >> 18]! +
      BASE64_ALPHABET[(n >> 12) & 63]! +
      BASE64_ALPHABET[(n >> 6) & 63]! +
      BASE64_ALPHABET[n & 63]!;
    if (chunk.length >= 8192) {
      parts.push(chunk);
      chunk = '';
    }
  }
  const left = bytes.length - i;
  if (left > 0) {
    const n = ((bytes[i] ?? 0) << 16) | (left > 1 ? (bytes[i + 1] ?? 0) << 8 : 0);
    chunk += BASE64_ALPHABET[n >> 18]! + BASE64_ALPHABET[(n >> 12) & 63]!;
    chunk += left > 1 ? BASE64_ALPHABET[(n >> 6) & 63]! + '=' : '==';
  }
  parts.push(chunk);
  return parts.join('');
}

/** Strict standard Base64 decoding (whitespace ignored, as in PEM bodies); undefined when malformed. */
export function fromBase64(text: string): Uint8Array | undefined {
  const clean = text.replace(/[\s]/g, '');
  if (clean.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) return undefined;
  const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((clean.length / 4) * 3 - padding);
  let at = 0;
  for (let i = 0; i < clean.length; i += 4) {
    let n = 0;
    for (let k = 0; k < 4; k++) {
      const ch = clean[i + k]!;
      n = (n << 6) | (ch === '=' ? 0 : BASE64_ALPHABET.indexOf(ch));
    }
    if (at < out.length) out[at++] = (n >> 16) & 0xff;
    if (at < out.length) out[at++] = (n >> 8) & 0xff;
    if (at < out.length) out[at++] = n & 0xff;
  }
  return out;
}

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

/**
 * Text of an XML asset file: UTF-16 (either byte order, by BOM) or UTF-8 with or without BOM. Malformed
 * UTF-8 sequences become U+FFFD; the XML consumer reports what it cannot use.
 */
export function decodeTextFile(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16(bytes.subarray(2), true);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeUtf16(bytes.subarray(2), false);
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const codes: number[] = [];
  const parts: string[] = [];
  for (let i = start; i < bytes.length; ) {
    const lead = bytes[i]!;
    let length =
      lead < 0x80
        ? 1
        : lead >= 0xc2 && lead < 0xe0
          ? 2
          : lead >= 0xe0 && lead < 0xf0
            ? 3
            : lead >= 0xf0 && lead < 0xf5
              ? 4
              : 0;
    let code = length === 1 ? lead : length === 2 ? lead & 0x1f : length === 3 ? lead & 0x0f : lead & 0x07;
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) {
        length = 0;
        break;
      }
      code = (code << 6) | (next & 0x3f);
    }
    if (length === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
      codes.push(0xfffd);
      i += 1;
    } else {
      codes.push(code);
      i += length;
    }
    if (codes.length >= 8192) parts.push(String.fromCodePoint(...codes.splice(0)));
  }
  parts.push(String.fromCodePoint(...codes));
  return parts.join('');
}

function decodeUtf16(bytes: Uint8Array, littleEndian: boolean): string {
  const parts: string[] = [];
  let units: number[] = [];
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    units.push(littleEndian ? bytes[i]! | (bytes[i + 1]! << 8) : (bytes[i]! << 8) | bytes[i + 1]!);
    if (units.length >= 8192) {
      parts.push(String.fromCharCode(...units));
      units = [];
    }
  }
  parts.push(String.fromCharCode(...units));
  return parts.join('');
}
