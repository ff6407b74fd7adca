import { WimFormatError } from './errors';

/**
 * Security data block at the start of a metadata resource (docs/format/wim-format.md §5.1): u32 total length (padded
 * to 8), u32 count, u64 sizes[count], then self-relative SECURITY_DESCRIPTORs, then zero padding.
 */

/** Parses rows of space-separated hex bytes, so the descriptor below reads as its structures, one per line. */
function hexBytes(rows: readonly string[]): Uint8Array {
  return Uint8Array.from(rows.join(' ').split(' '), (byte) => parseInt(byte, 16));
}

/**
 * The one descriptor our writer emits by default, referenced by every dentry.
 *
 * Why one neutral descriptor and not zero: docs/format/wim-format.md §5.1 says acceptance of descriptor-less images by
 * WIMGAPI and the provisioning engine is unverified [UNV] and recommends "include at least one descriptor and
 * reference it from every dentry" to stay close to Microsoft output; every WCD fixture carries descriptors
 * (docs/format/ppkg-format.md §2.5 [OBS]). WCD's own descriptors are just the ACLs of the builder's %TEMP% folder and leak
 * the builder's user SID, so we keep their shape without the personal part: owner and group
 * BUILTIN\Administrators (S-1-5-32-544), control SE_SELF_RELATIVE|SE_DACL_PRESENT, and a DACL of two
 * ACCESS_ALLOWED ACEs with FILE_ALL_ACCESS (0x001F01FF) for SYSTEM (S-1-5-18) and Administrators — the two
 * well-known principals present in every WCD fixture's DACL. ACE flags are 0, as on WCD's file descriptor.
 */
export const NEUTRAL_SECURITY_DESCRIPTOR: Uint8Array = hexBytes([
  // Revision 1, Sbz1 0, control 0x8004; owner @0x14, group @0x24, SACL none, DACL @0x34.
  '01 00 04 80 14 00 00 00 24 00 00 00 00 00 00 00 34 00 00 00',
  // Owner S-1-5-32-544.
  '01 02 00 00 00 00 00 05 20 00 00 00 20 02 00 00',
  // Group S-1-5-32-544.
  '01 02 00 00 00 00 00 05 20 00 00 00 20 02 00 00',
  // ACL revision 2, size 0x34 (8 + 20 + 24), 2 ACEs.
  '02 00 34 00 02 00 00 00',
  // ACE: ACCESS_ALLOWED, flags 0, size 20, mask 0x001F01FF, SID S-1-5-18 (SYSTEM).
  '00 00 14 00 ff 01 1f 00 01 01 00 00 00 00 00 05 12 00 00 00',
  // ACE: ACCESS_ALLOWED, flags 0, size 24, mask 0x001F01FF, SID S-1-5-32-544 (Administrators).
  '00 00 18 00 ff 01 1f 00 01 02 00 00 00 00 00 05 20 00 00 00 20 02 00 00',
]);

export function align8(value: number): number {
  return Math.ceil(value / 8) * 8;
}

/** Encodes the block; the total length written is the padded one, as wimlib does [HX]. */
export function encodeSecurityData(descriptors: readonly Uint8Array[]): Uint8Array {
  const unpadded = 8 + 8 * descriptors.length + descriptors.reduce((sum, d) => sum + d.length, 0);
  const total = align8(unpadded);
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, total, true);
  view.setUint32(4, descriptors.length, true);
  let at = 8 + 8 * descriptors.length;
  descriptors.forEach((descriptor, i) => {
    view.setBigUint64(8 + 8 * i, BigInt(descriptor.length), true);
    bytes.set(descriptor, at);
    at += descriptor.length;
  });
  return bytes;
}

export interface DecodedSecurityData {
  descriptors: Uint8Array[];
  /** Where the root dentry starts: align8(total length), with 0 read as 8 [SRC]. */
  length: number;
}

/** Decodes the block at the start of the uncompressed metadata `metadata`. */
export function decodeSecurityData(metadata: Uint8Array): DecodedSecurityData {
  if (metadata.length < 8) {
    throw new WimFormatError('security data', 0, `metadata is only ${metadata.length} bytes`);
  }
  const view = new DataView(metadata.buffer, metadata.byteOffset, metadata.length);
  const declared = view.getUint32(0, true);
  const count = view.getUint32(4, true);
  const length = declared === 0 ? 8 : align8(declared);
  if (length > metadata.length || 8 + 8 * count > length) {
    throw new WimFormatError(
      'security data',
      0,
      `total length ${declared} with ${count} descriptors does not fit in ${metadata.length} bytes of metadata`,
    );
  }
  const descriptors: Uint8Array[] = [];
  let at = 8 + 8 * count;
  for (let i = 0; i < count; i++) {
    const size = view.getBigUint64(8 + 8 * i, true);
    if (size > BigInt(length - at)) {
      throw new WimFormatError('security data', 8 + 8 * i, `descriptor ${i} size ${size} overruns the block`);
    }
    descriptors.push(metadata.slice(at, at + Number(size)));
    at += Number(size);
  }
  return { descriptors, length };
}
