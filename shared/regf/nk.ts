import type { Cell } from './cell';
import { RegfFormatError } from './errors';
import { decodeName } from './names';

/** A key node ("nk" cell): name, subkey list and value list references. */
export interface KeyNode {
  /** Absolute file offset of the cell data. */
  offset: number;
  name: string;
  subkeyCount: number;
  /** Relative offset of the subkey list (lf/lh/li/ri), NO_CELL when there is none. */
  subkeyListOffset: number;
  valueCount: number;
  /** Relative offset of the value list, NO_CELL when there is none. */
  valueListOffset: number;
}

const SIGNATURE = 0x6b6e; // "nk"
const FIXED_SIZE = 76;
const KEY_COMP_NAME = 0x0020;

export function readKeyNode(bytes: Uint8Array, cell: Cell): KeyNode {
  const at = cell.dataStart;
  if (cell.dataLength < FIXED_SIZE) {
    throw new RegfFormatError('key node', at, `cell of ${cell.dataLength} bytes is too small for a key node`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint16(at, true) !== SIGNATURE) throw new RegfFormatError('key node', at, 'no "nk" signature');
  const flags = view.getUint16(at + 2, true);
  const nameLength = view.getUint16(at + 72, true);
  if (FIXED_SIZE + nameLength > cell.dataLength) {
    throw new RegfFormatError('key node', at + 72, `name length ${nameLength} runs past the cell`);
  }
  return {
    offset: at,
    name: decodeName(bytes, at + FIXED_SIZE, nameLength, (flags & KEY_COMP_NAME) !== 0),
    subkeyCount: view.getUint32(at + 20, true),
    subkeyListOffset: view.getUint32(at + 28, true),
    valueCount: view.getUint32(at + 36, true),
    valueListOffset: view.getUint32(at + 40, true),
  };
}
