import type { Cell } from './cell';
import { RegfFormatError } from './errors';

/**
 * Subkey lists: "lf" and "lh" (offset + 4-byte hash per entry), "li" (offset only) and "ri" (an index of
 * lf/lh/li lists). `resolve` maps a relative offset to a cell; an ri may not point to another ri, so the
 * recursion is one level deep at most.
 */
const LF = 0x666c;
const LH = 0x686c;
const LI = 0x696c;
const RI = 0x6972;

export function readSubkeyList(
  bytes: Uint8Array,
  cell: Cell,
  resolve: (relativeOffset: number, referencedAt: number) => Cell,
  allowIndex = true,
): number[] {
  const at = cell.dataStart;
  if (cell.dataLength < 4) throw new RegfFormatError('subkey list', at, 'cell too small for a subkey list');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const signature = view.getUint16(at, true);
  const count = view.getUint16(at + 2, true);
  const entrySize = signature === LF || signature === LH ? 8 : signature === LI || signature === RI ? 4 : 0;
  if (entrySize === 0) {
    throw new RegfFormatError('subkey list', at, `unknown list signature 0x${signature.toString(16)}`);
  }
  if (4 + count * entrySize > cell.dataLength) {
    throw new RegfFormatError(
      'subkey list',
      at + 2,
      `${count} entries do not fit the ${cell.dataLength}-byte cell`,
    );
  }
  const offsets: number[] = [];
  for (let i = 0; i < count; i++) {
    const entryAt = at + 4 + i * entrySize;
    const offset = view.getUint32(entryAt, true);
    if (signature !== RI) {
      offsets.push(offset);
      continue;
    }
    if (!allowIndex) throw new RegfFormatError('subkey list', at, 'an index list (ri) inside an index list');
    offsets.push(...readSubkeyList(bytes, resolve(offset, entryAt), resolve, false));
  }
  return offsets;
}
