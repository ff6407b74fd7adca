import { HIVE_BINS_START } from './base-block';
import { RegfFormatError } from './errors';

/** A hive bin: a 4 KiB-multiple block of cells with a 32-byte "hbin" header. */
export interface HiveBin {
  /** Absolute file offset of the bin header. */
  start: number;
  /** Absolute file offset just past the bin. */
  end: number;
}

const SIGNATURE = 0x6e696268; // "hbin"
export const HBIN_HEADER_SIZE = 32;

/** Reads the chain of hive bins covering `hiveBinsDataSize` bytes; each bin must say where it sits. */
export function readHiveBins(bytes: Uint8Array, hiveBinsDataSize: number): HiveBin[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bins: HiveBin[] = [];
  const end = HIVE_BINS_START + hiveBinsDataSize;
  let at = HIVE_BINS_START;
  while (at < end) {
    if (at + HBIN_HEADER_SIZE > end)
      throw new RegfFormatError('hive bin', at, 'bin header runs past the hive bins');
    if (view.getUint32(at, true) !== SIGNATURE)
      throw new RegfFormatError('hive bin', at, 'no "hbin" signature');
    const relative = view.getUint32(at + 4, true);
    if (relative !== at - HIVE_BINS_START) {
      throw new RegfFormatError(
        'hive bin',
        at + 4,
        `bin says it is at ${relative}, found at ${at - HIVE_BINS_START}`,
      );
    }
    const size = view.getUint32(at + 8, true);
    if (size < 4096 || size % 4096 !== 0 || at + size > end) {
      throw new RegfFormatError(
        'hive bin',
        at + 8,
        `bin size ${size} is not a 4096 multiple inside the hive bins`,
      );
    }
    bins.push({ start: at, end: at + size });
    at += size;
  }
  return bins;
}

/** The bin containing an absolute offset (bins are contiguous and sorted), or undefined. */
export function findBin(bins: readonly HiveBin[], absolute: number): HiveBin | undefined {
  let low = 0;
  let high = bins.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const bin = bins[middle] as HiveBin;
    if (absolute < bin.start) high = middle - 1;
    else if (absolute >= bin.end) low = middle + 1;
    else return bin;
  }
  return undefined;
}
