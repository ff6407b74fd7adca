import type { Cell } from './cell';
import { RegfFormatError } from './errors';

/** A "db" big-data record: values over 16,344 bytes are split into segments listed by this cell. */
const SIGNATURE = 0x6264; // "db"
/** Bytes of value data each segment carries (the last one may carry less). */
export const BIG_DATA_SEGMENT_SIZE = 16344;

export function readBigData(
  bytes: Uint8Array,
  cell: Cell,
  dataLength: number,
  resolve: (relativeOffset: number, referencedAt: number) => Cell,
): Uint8Array {
  const at = cell.dataStart;
  if (cell.dataLength < 8) throw new RegfFormatError('big data', at, 'cell too small for a big-data record');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint16(at, true) !== SIGNATURE) throw new RegfFormatError('big data', at, 'no "db" signature');
  const segmentCount = view.getUint16(at + 2, true);
  if (segmentCount * BIG_DATA_SEGMENT_SIZE < dataLength) {
    throw new RegfFormatError('big data', at + 2, `${segmentCount} segments cannot hold ${dataLength} bytes`);
  }
  const list = resolve(view.getUint32(at + 4, true), at + 4);
  if (segmentCount * 4 > list.dataLength) {
    throw new RegfFormatError(
      'big data',
      list.dataStart,
      `${segmentCount} segment offsets do not fit the list cell`,
    );
  }
  const out = new Uint8Array(dataLength);
  let filled = 0;
  for (let i = 0; i < segmentCount && filled < dataLength; i++) {
    const entryAt = list.dataStart + i * 4;
    const segment = resolve(view.getUint32(entryAt, true), entryAt);
    const take = Math.min(BIG_DATA_SEGMENT_SIZE, dataLength - filled);
    if (take > segment.dataLength) {
      throw new RegfFormatError(
        'big data',
        segment.dataStart,
        `segment of ${segment.dataLength} bytes, ${take} needed`,
      );
    }
    out.set(bytes.subarray(segment.dataStart, segment.dataStart + take), filled);
    filled += take;
  }
  return out;
}
