import { HIVE_BINS_START } from './base-block';
import { RegfFormatError, type RegfStructure } from './errors';
import { HBIN_HEADER_SIZE, type HiveBin, findBin } from './hbin';

/** An allocated cell: its data (after the 4-byte size field) as absolute file offsets. */
export interface Cell {
  /** Absolute offset of the cell's data (the cell's own offset + 4). */
  dataStart: number;
  /** Bytes of data in the cell (cell size − 4); may include slack after the structure. */
  dataLength: number;
}

/** Cell offset value that means "no cell". */
export const NO_CELL = 0xffffffff;

/**
 * Resolves a cell offset (relative to the first hive bin) to an allocated cell that lies entirely in one bin.
 * `wanted` names the structure expected there, for the error message.
 */
export function resolveCell(
  bytes: Uint8Array,
  bins: readonly HiveBin[],
  relativeOffset: number,
  wanted: RegfStructure,
  referencedAt: number,
): Cell {
  const absolute = HIVE_BINS_START + relativeOffset;
  if (relativeOffset % 8 !== 0) {
    throw new RegfFormatError(wanted, referencedAt, `cell offset ${relativeOffset} is not 8-byte aligned`);
  }
  const bin = findBin(bins, absolute);
  if (!bin || absolute < bin.start + HBIN_HEADER_SIZE || absolute + 4 > bin.end) {
    throw new RegfFormatError(
      wanted,
      referencedAt,
      `cell offset ${relativeOffset} is outside every hive bin`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = view.getInt32(absolute, true);
  if (size >= 0) {
    throw new RegfFormatError('cell', absolute, `the ${wanted} cell is not allocated (size ${size})`);
  }
  const length = -size;
  if (length < 8 || absolute + length > bin.end) {
    throw new RegfFormatError('cell', absolute, `cell size ${length} does not fit its hive bin`);
  }
  return { dataStart: absolute + 4, dataLength: length - 4 };
}
