import { SHA1_SIZE, isZeroHash } from './blob-table';
import { WimFormatError } from './errors';
import { align8 } from './security-data';
import { decodeUtf16le, encodeUtf16le } from './utf16';

/** Directory entry (docs/format/wim-format.md §5.2): 102-byte fixed part, names, padding to 8, then stream entries (§5.3). */
export const DENTRY_FIXED_SIZE = 0x66;
export const STREAM_ENTRY_FIXED_SIZE = 0x26;

export const FileAttributes = {
  READONLY: 0x0001,
  HIDDEN: 0x0002,
  SYSTEM: 0x0004,
  DIRECTORY: 0x0010,
  ARCHIVE: 0x0020,
  NORMAL: 0x0080,
  REPARSE_POINT: 0x0400,
} as const;

/** Security id meaning "no descriptor". */
export const NO_SECURITY_ID = -1;

export interface DentryTimes {
  creationTime: bigint;
  lastAccessTime: bigint;
  lastWriteTime: bigint;
}

export interface DentryToWrite extends DentryTimes {
  attributes: number;
  securityId: number;
  /** Offset of the child list in the uncompressed metadata (directories), else 0. */
  subdirOffset: number;
  /** SHA-1 of the file content, or null for directories and empty files (zero hash, §5.5). */
  hash: Uint8Array | null;
  /** Empty for the root. */
  name: string;
}

export function dentryLength(name: string, shortName = ''): number {
  const nameBytes = name.length === 0 ? 0 : name.length * 2 + 2;
  const shortBytes = shortName.length === 0 ? 0 : shortName.length * 2 + 2;
  // Even the nameless root is 104 = align8(102 + 2) bytes [HX].
  return align8(DENTRY_FIXED_SIZE + nameBytes + shortBytes);
}

/** Writes the dentry at `at` of `bytes` (zero-filled) and returns its length. No short names, no streams. */
export function encodeDentry(bytes: Uint8Array, at: number, dentry: DentryToWrite): number {
  const length = dentryLength(dentry.name);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  view.setBigUint64(at, BigInt(length), true);
  view.setUint32(at + 0x08, dentry.attributes, true);
  view.setInt32(at + 0x0c, dentry.securityId, true);
  view.setBigUint64(at + 0x10, BigInt(dentry.subdirOffset), true);
  view.setBigUint64(at + 0x28, dentry.creationTime, true);
  view.setBigUint64(at + 0x30, dentry.lastAccessTime, true);
  view.setBigUint64(at + 0x38, dentry.lastWriteTime, true);
  if (dentry.hash) bytes.set(dentry.hash, at + 0x40);
  view.setUint16(at + 0x64, dentry.name.length * 2, true);
  bytes.set(encodeUtf16le(dentry.name), at + DENTRY_FIXED_SIZE);
  return length;
}

export interface DecodedStream {
  /** Empty for an unnamed stream. */
  name: string;
  /** null when the hash is zero (empty stream). */
  hash: Uint8Array | null;
}

export interface DecodedDentry extends DentryTimes {
  /** Offset of the dentry in the uncompressed metadata. */
  offset: number;
  attributes: number;
  securityId: number;
  subdirOffset: number;
  name: string;
  shortName: string;
  /** Hard-link group id, or the reparse tag/flags for reparse points (field 0x58). */
  linkOrReparse: bigint;
  /** Unnamed data stream's hash (after applying the §5.3 stream-entry rules), null if empty. */
  dataHash: Uint8Array | null;
  /** Named (alternate) data streams; not extracted, listed for information. */
  namedStreams: DecodedStream[];
  /** Bytes consumed: the dentry plus its stream entries. */
  totalLength: number;
}

/** Offsets beyond 2^53 cannot be valid; clamping keeps them invalid for the caller's range checks. */
function clampToSafe(value: bigint): number {
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value);
}

function hashOrNull(bytes: Uint8Array, at: number): Uint8Array | null {
  const hash = bytes.slice(at, at + SHA1_SIZE);
  return isZeroHash(hash) ? null : hash;
}

function readName(bytes: Uint8Array, at: number, byteCount: number, errorAt: number, what: string): string {
  if (byteCount % 2 !== 0)
    throw new WimFormatError('dentry', errorAt, `${what} has odd byte count ${byteCount}`);
  return decodeUtf16le(bytes, at, byteCount);
}

/**
 * Decodes the dentry at `at`, or returns null for an 8-byte end-of-list marker. Lengths are rounded up to 8
 * (wimlib does; docs/format/wim-format.md §12), tagged extra data is skipped, and the §5.3 stream rules give `dataHash`.
 */
export function decodeDentry(bytes: Uint8Array, at: number): DecodedDentry | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  if (at + 8 > bytes.length) throw new WimFormatError('dentry', at, 'list runs past the end of the metadata');
  const rawLength = view.getBigUint64(at, true);
  if (rawLength === 0n) return null;
  const available = bytes.length - at;
  if (rawLength < BigInt(DENTRY_FIXED_SIZE) || rawLength > BigInt(available)) {
    throw new WimFormatError('dentry', at, `length ${rawLength} is invalid (${available} bytes left)`);
  }
  const length = Math.min(align8(Number(rawLength)), available);
  const nameBytes = view.getUint16(at + 0x64, true);
  const shortNameBytes = view.getUint16(at + 0x62, true);
  const namesEnd =
    DENTRY_FIXED_SIZE + (nameBytes > 0 ? nameBytes + 2 : 0) + (shortNameBytes > 0 ? shortNameBytes + 2 : 0);
  if (namesEnd > Number(rawLength)) {
    throw new WimFormatError(
      'dentry',
      at,
      `length ${rawLength} is too small for names ending at ${namesEnd}`,
    );
  }
  const name = readName(bytes, at + DENTRY_FIXED_SIZE, nameBytes, at + 0x64, 'name');
  const shortName = readName(
    bytes,
    at + DENTRY_FIXED_SIZE + (nameBytes > 0 ? nameBytes + 2 : 0),
    shortNameBytes,
    at + 0x62,
    'short name',
  );
  const attributes = view.getUint32(at + 0x08, true);
  const streamCount = view.getUint16(at + 0x60, true);
  const mainHash = hashOrNull(bytes, at + 0x40);
  let cursor = at + length;
  const unnamed: (Uint8Array | null)[] = [];
  const namedStreams: DecodedStream[] = [];
  for (let i = 0; i < streamCount; i++) {
    if (cursor + STREAM_ENTRY_FIXED_SIZE > bytes.length) {
      throw new WimFormatError('stream entry', cursor, 'stream entry runs past the end of the metadata');
    }
    const streamLength = view.getBigUint64(cursor, true);
    if (streamLength < BigInt(STREAM_ENTRY_FIXED_SIZE) || streamLength > BigInt(bytes.length - cursor)) {
      throw new WimFormatError('stream entry', cursor, `length ${streamLength} is invalid`);
    }
    const streamNameBytes = view.getUint16(cursor + 0x24, true);
    if (STREAM_ENTRY_FIXED_SIZE + streamNameBytes > Number(streamLength)) {
      throw new WimFormatError('stream entry', cursor, `length ${streamLength} is too small for its name`);
    }
    const streamName = readName(
      bytes,
      cursor + STREAM_ENTRY_FIXED_SIZE,
      streamNameBytes,
      cursor + 0x24,
      'stream name',
    );
    const streamHash = hashOrNull(bytes, cursor + 0x10);
    if (streamNameBytes === 0) unnamed.push(streamHash);
    else namedStreams.push({ name: streamName, hash: streamHash });
    cursor = Math.min(cursor + align8(Number(streamLength)), bytes.length);
  }
  // §5.3: with stream entries and a zero main hash, the unnamed data stream is the first unnamed entry, or
  // the second one for a reparse point (whose first unnamed entry is the reparse data).
  let dataHash = mainHash;
  if (streamCount > 0 && mainHash === null) {
    const isReparse = (attributes & FileAttributes.REPARSE_POINT) !== 0;
    dataHash = (isReparse ? unnamed[1] : unnamed[0]) ?? null;
  }
  return {
    offset: at,
    attributes,
    securityId: view.getInt32(at + 0x0c, true),
    subdirOffset: clampToSafe(view.getBigUint64(at + 0x10, true)),
    creationTime: view.getBigUint64(at + 0x28, true),
    lastAccessTime: view.getBigUint64(at + 0x30, true),
    lastWriteTime: view.getBigUint64(at + 0x38, true),
    name,
    shortName,
    linkOrReparse: view.getBigUint64(at + 0x58, true),
    dataHash,
    namedStreams,
    totalLength: cursor - at,
  };
}

let upcaseTable: Uint16Array | undefined;

function upcase(unit: number): number {
  if (!upcaseTable) {
    upcaseTable = new Uint16Array(65_536);
    for (let i = 0; i < 65_536; i++) {
      const upper = String.fromCharCode(i).toUpperCase();
      upcaseTable[i] = upper.length === 1 ? upper.charCodeAt(0) : i;
    }
  }
  return upcaseTable[unit] ?? unit;
}

/**
 * Sibling order wimlib writes (docs/format/wim-format.md §5.4): compare upper-cased UTF-16 code units, then break ties
 * on the raw code units. Neither wimlib nor 7-Zip checks the order [NEG]; WIMGAPI is [UNV], so sort anyway.
 */
export function compareWimNames(a: string, b: string): number {
  const shared = Math.min(a.length, b.length);
  for (let i = 0; i < shared; i++) {
    const diff = upcase(a.charCodeAt(i)) - upcase(b.charCodeAt(i));
    if (diff !== 0) return diff;
  }
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < shared; i++) {
    const diff = a.charCodeAt(i) - b.charCodeAt(i);
    if (diff !== 0) return diff;
  }
  return 0;
}
