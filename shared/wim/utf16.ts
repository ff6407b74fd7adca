/** UTF-16LE helpers (WIM names and XML are UTF-16LE). Hand-written because shared/ has no TextDecoder types. */
export function encodeUtf16le(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    out[2 * i] = unit & 0xff;
    out[2 * i + 1] = unit >>> 8;
  }
  return out;
}

/** Decodes `byteLength` bytes (must be even) at `offset`; unpaired surrogates are kept as-is, like Windows names. */
export function decodeUtf16le(bytes: Uint8Array, offset: number, byteLength: number): string {
  const parts: string[] = [];
  const units: number[] = [];
  for (let i = 0; i < byteLength; i += 2) {
    units.push((bytes[offset + i] ?? 0) | ((bytes[offset + i + 1] ?? 0) << 8));
    if (units.length === 4096) {
      parts.push(String.fromCharCode(...units));
      units.length = 0;
    }
  }
  parts.push(String.fromCharCode(...units));
  return parts.join('');
}
