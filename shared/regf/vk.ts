import type { Cell } from './cell';
import { RegfFormatError } from './errors';
import { decodeName } from './names';

/** A value node ("vk" cell): name, type and where the data lives. */
export interface ValueNode {
  /** Absolute file offset of the cell data. */
  offset: number;
  /** '' for the key's default value. */
  name: string;
  /** REG_* type number (1 REG_SZ, 4 REG_DWORD, 7 REG_MULTI_SZ, …). */
  type: number;
  dataLength: number;
  /** The data is stored in the data-offset field itself (at most 4 bytes). */
  resident: boolean;
  /** Relative offset of the data cell, or the absolute offset of the resident bytes when `resident`. */
  dataOffset: number;
}

const SIGNATURE = 0x6b76; // "vk"
const FIXED_SIZE = 20;
const VALUE_COMP_NAME = 0x0001;
const RESIDENT_FLAG = 0x80000000;

export function readValueNode(bytes: Uint8Array, cell: Cell): ValueNode {
  const at = cell.dataStart;
  if (cell.dataLength < FIXED_SIZE) {
    throw new RegfFormatError(
      'value node',
      at,
      `cell of ${cell.dataLength} bytes is too small for a value node`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint16(at, true) !== SIGNATURE)
    throw new RegfFormatError('value node', at, 'no "vk" signature');
  const nameLength = view.getUint16(at + 2, true);
  if (FIXED_SIZE + nameLength > cell.dataLength) {
    throw new RegfFormatError('value node', at + 2, `name length ${nameLength} runs past the cell`);
  }
  const rawLength = view.getUint32(at + 4, true);
  const resident = (rawLength & RESIDENT_FLAG) !== 0;
  const dataLength = rawLength & ~RESIDENT_FLAG;
  if (resident && dataLength > 4) {
    throw new RegfFormatError('value node', at + 4, `resident data of ${dataLength} bytes (at most 4 fit)`);
  }
  const flags = view.getUint16(at + 16, true);
  return {
    offset: at,
    name: decodeName(bytes, at + FIXED_SIZE, nameLength, (flags & VALUE_COMP_NAME) !== 0),
    type: view.getUint32(at + 12, true),
    dataLength,
    resident,
    dataOffset: resident ? at + 8 : view.getUint32(at + 8, true),
  };
}
