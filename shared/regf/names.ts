import { decodeUtf16le } from '../wim/utf16';

/** Key and value names: Latin-1 when the "compressed name" flag is set, else UTF-16LE. */
export function decodeName(bytes: Uint8Array, start: number, length: number, compressed: boolean): string {
  if (!compressed) return decodeUtf16le(bytes, start, length - (length % 2));
  let text = '';
  for (let i = 0; i < length; i++) text += String.fromCharCode(bytes[start + i] ?? 0);
  return text;
}
