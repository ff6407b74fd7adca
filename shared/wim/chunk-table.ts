import { WimFormatError } from './errors';
import type { ResourceHeader } from './resource-header';

/**
 * Chunk table of a compressed (non-solid) resource (docs/format/wim-format.md §3.2): n − 1 entries giving the start of
 * chunks 1…n−1, measured from the first byte after the table. Chunk 0 has no entry.
 */

export function chunkCount(originalSize: number, chunkSize: number): number {
  return Math.ceil(originalSize / chunkSize);
}

/** 4-byte entries when the resource is below 4 GiB, 8-byte entries otherwise [SRC: wimlib and 7-Zip agree]. */
export function chunkTableEntrySize(originalSize: number): 4 | 8 {
  return originalSize >= 2 ** 32 ? 8 : 4;
}

export function chunkTableSize(originalSize: number, chunkSize: number): number {
  const chunks = chunkCount(originalSize, chunkSize);
  return chunks <= 1 ? 0 : (chunks - 1) * chunkTableEntrySize(originalSize);
}

/** Uncompressed size of chunk `index`: the chunk size, except the last chunk which holds the remainder. */
export function chunkOriginalSize(index: number, originalSize: number, chunkSize: number): number {
  return Math.min(chunkSize, originalSize - index * chunkSize);
}

/** Encodes the table from the stored (compressed or raw) size of every chunk, in order. */
export function encodeChunkTable(storedChunkSizes: ArrayLike<number>, originalSize: number): Uint8Array {
  const entrySize = chunkTableEntrySize(originalSize);
  const entries = Math.max(0, storedChunkSizes.length - 1);
  const table = new Uint8Array(entries * entrySize);
  const view = new DataView(table.buffer);
  let end = 0;
  for (let i = 0; i < entries; i++) {
    end += storedChunkSizes[i] ?? 0;
    if (entrySize === 4) view.setUint32(i * 4, end, true);
    else view.setBigUint64(i * 8, BigInt(end), true);
  }
  return table;
}

export interface ChunkLocation {
  /** Absolute file offset of the chunk's stored bytes. */
  offset: number;
  storedSize: number;
  originalSize: number;
}

/**
 * Decodes and validates the chunk table `table` of `resource` (the bytes at resource.offset). Every chunk must
 * have 1 ≤ stored size ≤ original size (larger is "invalid compressed data" for wimlib [NEG]).
 */
export function decodeChunkTable(
  table: Uint8Array,
  resource: ResourceHeader,
  chunkSize: number,
): ChunkLocation[] {
  const chunks = chunkCount(resource.originalSize, chunkSize);
  const entrySize = chunkTableEntrySize(resource.originalSize);
  const tableSize = chunks <= 1 ? 0 : (chunks - 1) * entrySize;
  if (tableSize > resource.storedSize || table.length < tableSize) {
    throw new WimFormatError(
      'chunk table',
      resource.offset,
      `${chunks} chunks need a ${tableSize}-byte table but the resource stores ${resource.storedSize} bytes`,
    );
  }
  const view = new DataView(table.buffer, table.byteOffset, tableSize);
  const dataStart = resource.offset + tableSize;
  const dataSize = resource.storedSize - tableSize;
  const locations: ChunkLocation[] = [];
  let start = 0;
  for (let i = 0; i < chunks; i++) {
    let end: number;
    if (i === chunks - 1) end = dataSize;
    else if (entrySize === 4) end = view.getUint32(i * 4, true);
    else {
      const wide = view.getBigUint64(i * 8, true);
      end = wide > BigInt(dataSize) ? dataSize + 1 : Number(wide);
    }
    const storedSize = end - start;
    const originalSize = chunkOriginalSize(i, resource.originalSize, chunkSize);
    if (end > dataSize || storedSize < 1 || storedSize > originalSize) {
      throw new WimFormatError(
        'chunk table',
        i === chunks - 1 ? resource.offset : resource.offset + i * entrySize,
        `chunk ${i} has invalid stored size ${storedSize} (end ${end}, original size ${originalSize}, data ${dataSize})`,
      );
    }
    locations.push({ offset: dataStart + start, storedSize, originalSize });
    start = end;
  }
  return locations;
}
