import { WimFormatError, type WimStructure } from './errors';

/** Resource header ("reshdr"), 24 bytes (docs/format/wim-format.md §3.1). */
export const ResourceFlags = {
  FREE: 0x01,
  METADATA: 0x02,
  COMPRESSED: 0x04,
  SPANNED: 0x08,
  SOLID: 0x10,
} as const;

export interface ResourceHeader {
  /** Bytes the resource occupies in the file (incl. the chunk table when compressed). 56-bit field. */
  storedSize: number;
  flags: number;
  /** Absolute file offset of the resource's first byte. */
  offset: number;
  /** Uncompressed size. */
  originalSize: number;
}

export const EMPTY_RESOURCE: ResourceHeader = Object.freeze({
  storedSize: 0,
  flags: 0,
  offset: 0,
  originalSize: 0,
});

export function isCompressedResource(resource: ResourceHeader): boolean {
  return (resource.flags & ResourceFlags.COMPRESSED) !== 0;
}

export function encodeResourceHeader(view: DataView, at: number, resource: ResourceHeader): void {
  // The stored size is 7 bytes; the 8th byte of the same u64 carries the flags.
  view.setBigUint64(at, BigInt(resource.storedSize), true);
  view.setUint8(at + 7, resource.flags);
  view.setBigUint64(at + 8, BigInt(resource.offset), true);
  view.setBigUint64(at + 16, BigInt(resource.originalSize), true);
}

function toSafeNumber(value: bigint, structure: WimStructure, at: number, field: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new WimFormatError(structure, at, `${field} ${value} is too large`);
  }
  return Number(value);
}

/**
 * Decodes a reshdr at `at` in `view`; `fileOffset` is the absolute file offset of `at`, used in errors.
 * Structural checks that need the file size are in {@link checkResourceBounds}.
 */
export function decodeResourceHeader(
  view: DataView,
  at: number,
  fileOffset: number,
  structure: WimStructure,
): ResourceHeader {
  const sizeAndFlags = view.getBigUint64(at, true);
  return {
    storedSize: toSafeNumber(sizeAndFlags & 0x00ff_ffff_ffff_ffffn, structure, fileOffset, 'stored size'),
    flags: view.getUint8(at + 7),
    offset: toSafeNumber(view.getBigUint64(at + 8, true), structure, fileOffset + 8, 'offset'),
    originalSize: toSafeNumber(view.getBigUint64(at + 16, true), structure, fileOffset + 16, 'original size'),
  };
}

/** A resource must lie inside the file, and an uncompressed one must have stored size = original size. */
export function checkResourceBounds(
  resource: ResourceHeader,
  fileSize: number,
  structure: WimStructure,
  reshdrOffset: number,
): void {
  if (resource.offset + resource.storedSize > fileSize) {
    throw new WimFormatError(
      structure,
      reshdrOffset,
      `resource [${resource.offset}, +${resource.storedSize}) extends past the end of the file (${fileSize} bytes)`,
    );
  }
  if (!isCompressedResource(resource) && resource.storedSize !== resource.originalSize) {
    throw new WimFormatError(
      structure,
      reshdrOffset,
      `uncompressed resource has stored size ${resource.storedSize} but original size ${resource.originalSize}`,
    );
  }
}
