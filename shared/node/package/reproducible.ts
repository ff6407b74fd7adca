import { createHash, randomBytes } from 'node:crypto';
import { filetimeFromDate, filetimeFromUnixMs } from '../../wim/filetime';
import { bareGuid } from './image-properties';

/** The `SOURCE_DATE_EPOCH` value is not a whole number of seconds (reproducible-builds.org spec). */
export class SourceDateEpochError extends Error {
  override readonly name = 'SourceDateEpochError';
}

export interface BuildStamp {
  /** FILETIME of every dentry and of the XML CREATIONTIME/LASTMODIFICATIONTIME. */
  timestamp: bigint;
  /** The 16-byte WIM header GUID. */
  guid: Uint8Array;
}

/**
 * Timestamp and WIM GUID of a build. With `SOURCE_DATE_EPOCH` (seconds since 1970, reproducible-builds.org)
 * the time comes from it and the GUID is derived from what identifies the build, so two builds of the same
 * project are byte-identical:
 *   guid = first 16 bytes of SHA-256("ppkg-studio/wim-guid/v1\n" + <package id, lower-case, no braces> + "\n" +
 *          <FILETIME in decimal>)
 * with the RFC 4122 version nibble set to 5 and the variant bits to 10 (it is name-based, like a v5 UUID).
 * Otherwise: the current time and a random GUID, as WCD does.
 */
export function buildStamp(
  packageId: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
  overrides: { timestamp?: bigint; guid?: Uint8Array } = {},
): BuildStamp {
  const epoch = env.SOURCE_DATE_EPOCH;
  let timestamp = overrides.timestamp;
  let reproducible = false;
  if (epoch !== undefined && epoch !== '') {
    if (!/^\d+$/.test(epoch))
      throw new SourceDateEpochError(`SOURCE_DATE_EPOCH: expected whole seconds, got "${epoch}"`);
    timestamp ??= filetimeFromUnixMs(Number(epoch) * 1000);
    reproducible = true;
  }
  timestamp ??= filetimeFromDate(new Date());
  const guid =
    overrides.guid ?? (reproducible ? derivedGuid(packageId, timestamp) : new Uint8Array(randomBytes(16)));
  return { timestamp, guid };
}

export function derivedGuid(packageId: string, timestamp: bigint): Uint8Array {
  const digest = createHash('sha256')
    .update(`ppkg-studio/wim-guid/v1\n${bareGuid(packageId)}\n${timestamp.toString()}`)
    .digest();
  const guid = new Uint8Array(digest.subarray(0, 16));
  guid[6] = ((guid[6] ?? 0) & 0x0f) | 0x50;
  guid[8] = ((guid[8] ?? 0) & 0x3f) | 0x80;
  return guid;
}
