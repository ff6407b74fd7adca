import { WimFormatError } from './errors';
import {
  ResourceFlags,
  checkResourceBounds,
  decodeResourceHeader,
  encodeResourceHeader,
  type ResourceHeader,
} from './resource-header';

/** Blob table: an uncompressed array of 50-byte entries (docs/format/wim-format.md §4). */
export const BLOB_TABLE_ENTRY_SIZE = 50;
export const SHA1_SIZE = 20;

export interface BlobTableEntry {
  resource: ResourceHeader;
  partNumber: number;
  refCount: number;
  /** SHA-1 of the uncompressed content. */
  sha1: Uint8Array;
}

export function encodeBlobTable(entries: readonly BlobTableEntry[]): Uint8Array {
  const bytes = new Uint8Array(entries.length * BLOB_TABLE_ENTRY_SIZE);
  const view = new DataView(bytes.buffer);
  entries.forEach((entry, index) => {
    const at = index * BLOB_TABLE_ENTRY_SIZE;
    encodeResourceHeader(view, at, entry.resource);
    view.setUint16(at + 24, entry.partNumber, true);
    view.setUint32(at + 26, entry.refCount, true);
    bytes.set(entry.sha1, at + 30);
  });
  return bytes;
}

export function sha1ToHex(sha1: Uint8Array): string {
  let hex = '';
  for (const byte of sha1) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

export function isZeroHash(sha1: Uint8Array): boolean {
  return sha1.every((byte) => byte === 0);
}

export interface DecodedBlobTable {
  /** Metadata resources in image order (refcount-0 "deleted images" skipped, as wimlib and 7-Zip do). */
  metadata: BlobTableEntry[];
  /** Data blobs by hex SHA-1. Entries with a zero hash, size 0 or a duplicate hash are ignored [SRC]. */
  blobs: Map<string, BlobTableEntry>;
}

/** Decodes the table bytes read from file offset `tableOffset` of a file of `fileSize` bytes. */
export function decodeBlobTable(
  bytes: Uint8Array,
  tableOffset: number,
  fileSize: number,
  partNumber: number,
): DecodedBlobTable {
  if (bytes.length % BLOB_TABLE_ENTRY_SIZE !== 0) {
    throw new WimFormatError('blob table', tableOffset, `size ${bytes.length} is not a multiple of 50`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const metadata: BlobTableEntry[] = [];
  const blobs = new Map<string, BlobTableEntry>();
  for (let at = 0; at < bytes.length; at += BLOB_TABLE_ENTRY_SIZE) {
    const fileOffset = tableOffset + at;
    const entry: BlobTableEntry = {
      resource: decodeResourceHeader(view, at, fileOffset, 'blob table'),
      partNumber: view.getUint16(at + 24, true),
      refCount: view.getUint32(at + 26, true),
      sha1: bytes.slice(at + 30, at + 30 + SHA1_SIZE),
    };
    // Entries of another split-WIM part are ignored like wimlib does; this reader only handles 1/1 WIMs.
    if (entry.partNumber !== partNumber) continue;
    checkResourceBounds(entry.resource, fileSize, 'blob table', fileOffset);
    if ((entry.resource.flags & ResourceFlags.SOLID) !== 0) {
      throw new WimFormatError(
        'blob table',
        fileOffset + 7,
        'solid resources are not supported in a v1.13 WIM',
      );
    }
    if ((entry.resource.flags & ResourceFlags.METADATA) !== 0) {
      // Refcount ≥ 2 on a metadata entry is rejected by wimlib and 7-Zip [NEG]; 0 means deleted image.
      if (entry.refCount > 1) {
        throw new WimFormatError(
          'blob table',
          fileOffset + 26,
          `metadata entry has refcount ${entry.refCount}`,
        );
      }
      if (entry.refCount === 1) metadata.push(entry);
      continue;
    }
    if (entry.resource.originalSize === 0 || isZeroHash(entry.sha1)) continue;
    const key = sha1ToHex(entry.sha1);
    if (!blobs.has(key)) blobs.set(key, entry);
  }
  return { metadata, blobs };
}
