import { decodeUtf16le } from '../wim/utf16';
import { RegfFormatError } from './errors';

/** REG_* value types by number. */
export const REG_NONE = 0;
export const REG_SZ = 1;
export const REG_EXPAND_SZ = 2;
export const REG_BINARY = 3;
export const REG_DWORD = 4;
export const REG_DWORD_BIG_ENDIAN = 5;
export const REG_LINK = 6;
export const REG_MULTI_SZ = 7;
export const REG_QWORD = 11;

/** A decoded value: strings for REG_SZ/REG_EXPAND_SZ, numbers for DWORDs, bigint for QWORD, else bytes. */
export type DecodedValue =
  | { type: 'string' | 'expand-string'; value: string }
  | { type: 'dword'; value: number }
  | { type: 'qword'; value: bigint }
  | { type: 'multi-string'; value: string[] }
  | { type: 'bytes'; regType: number; value: Uint8Array };

/** UTF-16LE text up to the first NUL (registry strings usually end with one; some are not terminated). */
function utf16UntilNul(data: Uint8Array): string {
  let end = 0;
  while (end + 1 < data.length && (data[end] !== 0 || data[end + 1] !== 0)) end += 2;
  return decodeUtf16le(data, 0, end);
}

export function decodeValueData(type: number, data: Uint8Array, offset: number): DecodedValue {
  switch (type) {
    case REG_SZ:
      return { type: 'string', value: utf16UntilNul(data) };
    case REG_EXPAND_SZ:
      return { type: 'expand-string', value: utf16UntilNul(data) };
    case REG_DWORD:
    case REG_DWORD_BIG_ENDIAN: {
      if (data.length < 4)
        throw new RegfFormatError('value data', offset, `a DWORD value of ${data.length} bytes`);
      const view = new DataView(data.buffer, data.byteOffset, 4);
      return { type: 'dword', value: view.getUint32(0, type === REG_DWORD) };
    }
    case REG_QWORD: {
      if (data.length < 8)
        throw new RegfFormatError('value data', offset, `a QWORD value of ${data.length} bytes`);
      return { type: 'qword', value: new DataView(data.buffer, data.byteOffset, 8).getBigUint64(0, true) };
    }
    case REG_MULTI_SZ: {
      const text = decodeUtf16le(data, 0, data.length - (data.length % 2));
      const parts = text.split('\u0000');
      // The list ends with an empty string (double NUL); drop everything from the first empty entry.
      const end = parts.indexOf('');
      return { type: 'multi-string', value: end === -1 ? parts : parts.slice(0, end) };
    }
    default:
      return { type: 'bytes', regType: type, value: data };
  }
}
