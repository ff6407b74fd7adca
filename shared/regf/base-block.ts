import { RegfFormatError } from './errors';

/**
 * The regf base block: the first 4,096 bytes of a registry hive. Layout from the public Windows registry file
 * format notes (Maxim Suhanov's "Windows registry file format specification"); only what a reader needs.
 */
export const BASE_BLOCK_SIZE = 4096;
/** Cell offsets in a hive are relative to the first hive bin, which starts right after the base block. */
export const HIVE_BINS_START = BASE_BLOCK_SIZE;

export interface BaseBlock {
  majorVersion: number;
  minorVersion: number;
  /** Offset of the root key node, relative to the first hive bin. */
  rootCellOffset: number;
  /** Total size of the hive bins that follow the base block. */
  hiveBinsDataSize: number;
}

const SIGNATURE = 0x66676572; // "regf" little-endian

export function readBaseBlock(bytes: Uint8Array): BaseBlock {
  if (bytes.length < BASE_BLOCK_SIZE) {
    throw new RegfFormatError(
      'base block',
      0,
      `file is ${bytes.length} bytes, shorter than the 4096-byte base block`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, BASE_BLOCK_SIZE);
  if (view.getUint32(0, true) !== SIGNATURE) {
    throw new RegfFormatError('base block', 0, 'no "regf" signature: not a registry hive');
  }
  // The checksum is the XOR of the first 127 dwords; a mismatch means a torn or edited header.
  let checksum = 0;
  for (let at = 0; at < 0x1fc; at += 4) checksum ^= view.getUint32(at, true);
  const stored = view.getUint32(0x1fc, true);
  if (checksum >>> 0 !== stored) {
    throw new RegfFormatError(
      'base block',
      0x1fc,
      `checksum ${stored} does not match the header (${checksum >>> 0})`,
    );
  }
  const majorVersion = view.getUint32(0x14, true);
  const minorVersion = view.getUint32(0x18, true);
  if (majorVersion !== 1) {
    throw new RegfFormatError('base block', 0x14, `unsupported major version ${majorVersion}`);
  }
  const fileType = view.getUint32(0x1c, true);
  if (fileType !== 0) {
    throw new RegfFormatError('base block', 0x1c, `file type ${fileType} is a log, not a primary hive`);
  }
  const rootCellOffset = view.getUint32(0x24, true);
  const hiveBinsDataSize = view.getUint32(0x28, true);
  if (hiveBinsDataSize === 0 || hiveBinsDataSize % 4096 !== 0) {
    throw new RegfFormatError(
      'base block',
      0x28,
      `hive bins size ${hiveBinsDataSize} is not a positive multiple of 4096`,
    );
  }
  if (HIVE_BINS_START + hiveBinsDataSize > bytes.length) {
    throw new RegfFormatError(
      'base block',
      0x28,
      `hive bins size ${hiveBinsDataSize} runs past the end of the ${bytes.length}-byte file`,
    );
  }
  return { majorVersion, minorVersion, rootCellOffset, hiveBinsDataSize };
}
