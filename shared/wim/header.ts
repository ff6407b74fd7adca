import { WimFormatError } from './errors';
import {
  checkResourceBounds,
  decodeResourceHeader,
  encodeResourceHeader,
  type ResourceHeader,
} from './resource-header';

/** The 208-byte WIM header (docs/format/wim-format.md §2). */
export const WIM_HEADER_SIZE = 208;
/** "MSWIM\0\0\0" [HX]. */
export const WIM_MAGIC = Uint8Array.of(0x4d, 0x53, 0x57, 0x49, 0x4d, 0, 0, 0);
/** wimlib's non-Microsoft pipable variant "WLPWM\0\0\0": recognised only to reject it clearly. */
const PIPABLE_MAGIC = Uint8Array.of(0x57, 0x4c, 0x50, 0x57, 0x4d, 0, 0, 0);
/** v1.13 [HX]; 0xE00 is the solid/ESD variant, out of scope. */
export const WIM_VERSION = 0x0001_0d00;
const WIM_VERSION_SOLID = 0x0000_0e00;
/** WIMGAPI's default and the only size WCD writes [OBS docs/format/ppkg-format.md §2.1]. */
export const WIM_CHUNK_SIZE = 32_768;

export const WimHeaderFlags = {
  RESERVED: 0x0000_0001,
  COMPRESSION: 0x0000_0002,
  READONLY: 0x0000_0004,
  SPANNED: 0x0000_0008,
  RESOURCE_ONLY: 0x0000_0010,
  METADATA_ONLY: 0x0000_0020,
  WRITE_IN_PROGRESS: 0x0000_0040,
  RP_FIX: 0x0000_0080,
  COMPRESS_RESERVED: 0x0001_0000,
  COMPRESS_XPRESS: 0x0002_0000,
  COMPRESS_LZX: 0x0004_0000,
  COMPRESS_LZMS: 0x0008_0000,
  COMPRESS_XPRESS_2: 0x0020_0000,
} as const;

/** What every WCD-made .ppkg carries: COMPRESSION | RP_FIX | COMPRESS_XPRESS [OBS, 5 fixtures]. */
export const WCD_HEADER_FLAGS = 0x0002_0082;
/** wimlib's `--compress=none` output: RP_FIX only, chunk size 0 [HX]. */
export const UNCOMPRESSED_HEADER_FLAGS = 0x0000_0080;

export type WimCompression = 'none' | 'xpress';

export interface WimHeader {
  flags: number;
  /** 0 for an uncompressed WIM (wimlib rejects anything else there [NEG]). */
  chunkSize: number;
  guid: Uint8Array;
  partNumber: number;
  totalParts: number;
  imageCount: number;
  blobTable: ResourceHeader;
  xmlData: ResourceHeader;
  bootMetadata: ResourceHeader;
  bootIndex: number;
  integrityTable: ResourceHeader;
}

export interface DecodedWimHeader extends WimHeader {
  compression: WimCompression;
}

export function encodeWimHeader(header: WimHeader): Uint8Array {
  if (header.guid.length !== 16) throw new RangeError('WIM GUID must be 16 bytes');
  const bytes = new Uint8Array(WIM_HEADER_SIZE);
  const view = new DataView(bytes.buffer);
  bytes.set(WIM_MAGIC, 0x00);
  view.setUint32(0x08, WIM_HEADER_SIZE, true);
  view.setUint32(0x0c, WIM_VERSION, true);
  view.setUint32(0x10, header.flags, true);
  view.setUint32(0x14, header.chunkSize, true);
  bytes.set(header.guid, 0x18);
  view.setUint16(0x28, header.partNumber, true);
  view.setUint16(0x2a, header.totalParts, true);
  view.setUint32(0x2c, header.imageCount, true);
  encodeResourceHeader(view, 0x30, header.blobTable);
  encodeResourceHeader(view, 0x48, header.xmlData);
  encodeResourceHeader(view, 0x60, header.bootMetadata);
  view.setUint32(0x78, header.bootIndex, true);
  encodeResourceHeader(view, 0x7c, header.integrityTable);
  // 0x94..0xCF reserved: left zero.
  return bytes;
}

function compressionFromFlags(flags: number): WimCompression {
  const typeBits =
    flags &
    (WimHeaderFlags.COMPRESS_XPRESS |
      WimHeaderFlags.COMPRESS_LZX |
      WimHeaderFlags.COMPRESS_LZMS |
      WimHeaderFlags.COMPRESS_XPRESS_2);
  if ((flags & WimHeaderFlags.COMPRESSION) === 0) {
    // wimlib treats a type bit without COMPRESSION as uncompressed [NEG].
    return 'none';
  }
  if (typeBits === WimHeaderFlags.COMPRESS_XPRESS || typeBits === WimHeaderFlags.COMPRESS_XPRESS_2) {
    return 'xpress';
  }
  if (typeBits === 0) {
    throw new WimFormatError('header', 0x10, `flags 0x${flags.toString(16)}: COMPRESSION without a type bit`);
  }
  if (typeBits === WimHeaderFlags.COMPRESS_LZX || typeBits === WimHeaderFlags.COMPRESS_LZMS) {
    throw new WimFormatError(
      'header',
      0x10,
      `flags 0x${flags.toString(16)}: only XPRESS compression is supported`,
    );
  }
  throw new WimFormatError('header', 0x10, `flags 0x${flags.toString(16)}: more than one compression type`);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/** Parses and validates the header of a file of `fileSize` bytes (`bytes` = at least its first 208 bytes). */
export function decodeWimHeader(bytes: Uint8Array, fileSize: number): DecodedWimHeader {
  if (bytes.length < WIM_HEADER_SIZE || fileSize < WIM_HEADER_SIZE) {
    throw new WimFormatError('header', 0, `file is ${fileSize} bytes, shorter than the 208-byte WIM header`);
  }
  const magic = bytes.subarray(0, 8);
  if (sameBytes(magic, PIPABLE_MAGIC)) {
    throw new WimFormatError('header', 0, 'pipable WIM (WLPWM magic) is not supported');
  }
  if (!sameBytes(magic, WIM_MAGIC)) throw new WimFormatError('header', 0, 'magic is not MSWIM\\0\\0\\0');
  const view = new DataView(bytes.buffer, bytes.byteOffset, WIM_HEADER_SIZE);
  const headerSize = view.getUint32(0x08, true);
  if (headerSize !== WIM_HEADER_SIZE)
    throw new WimFormatError('header', 0x08, `header size ${headerSize} is not 208`);
  const version = view.getUint32(0x0c, true);
  if (version === WIM_VERSION_SOLID) {
    throw new WimFormatError('header', 0x0c, 'version 0xE00 (solid/ESD WIM) is not supported');
  }
  if (version !== WIM_VERSION) {
    throw new WimFormatError('header', 0x0c, `version 0x${version.toString(16)} is not 0x10d00`);
  }
  const flags = view.getUint32(0x10, true);
  const compression = compressionFromFlags(flags);
  const chunkSize = view.getUint32(0x14, true);
  // wimlib accepts XPRESS chunk sizes that are powers of two from 4 KiB to 64 KiB [NEG]; uncompressed
  // WIMs never read the field, so it is tolerated there like 7-Zip does.
  if (
    compression === 'xpress' &&
    (chunkSize < 4096 || chunkSize > 65_536 || (chunkSize & (chunkSize - 1)) !== 0)
  ) {
    throw new WimFormatError('header', 0x14, `chunk size ${chunkSize} is invalid for XPRESS`);
  }
  const partNumber = view.getUint16(0x28, true);
  const totalParts = view.getUint16(0x2a, true);
  if (partNumber < 1 || partNumber > totalParts) {
    throw new WimFormatError('header', 0x28, `part ${partNumber} of ${totalParts} is invalid`);
  }
  if (totalParts !== 1) throw new WimFormatError('header', 0x2a, 'split (multi-part) WIMs are not supported');
  const imageCount = view.getUint32(0x2c, true);
  const blobTable = decodeResourceHeader(view, 0x30, 0x30, 'header');
  const xmlData = decodeResourceHeader(view, 0x48, 0x48, 'header');
  const bootMetadata = decodeResourceHeader(view, 0x60, 0x60, 'header');
  const bootIndex = view.getUint32(0x78, true);
  const integrityTable = decodeResourceHeader(view, 0x7c, 0x7c, 'header');
  checkResourceBounds(blobTable, fileSize, 'header', 0x30);
  checkResourceBounds(xmlData, fileSize, 'header', 0x48);
  if (blobTable.storedSize % 50 !== 0) {
    throw new WimFormatError(
      'header',
      0x30,
      `blob table size ${blobTable.storedSize} is not a multiple of 50`,
    );
  }
  if (bootIndex > imageCount) {
    throw new WimFormatError('header', 0x78, `boot index ${bootIndex} exceeds image count ${imageCount}`);
  }
  return {
    compression,
    flags,
    chunkSize,
    guid: bytes.slice(0x18, 0x28),
    partNumber,
    totalParts,
    imageCount,
    blobTable,
    xmlData,
    bootMetadata,
    bootIndex,
    integrityTable,
  };
}
