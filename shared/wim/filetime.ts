/**
 * Windows FILETIME: u64 count of 100 ns intervals since 1601-01-01 UTC (docs/format/wim-format.md §5.6 [HX]).
 * Values exceed 2^53, so they are BigInt throughout.
 */
export const FILETIME_OF_UNIX_EPOCH = 116_444_736_000_000_000n;

export function filetimeFromUnixMs(unixMs: number): bigint {
  return BigInt(Math.trunc(unixMs)) * 10_000n + FILETIME_OF_UNIX_EPOCH;
}

/** From a nanosecond Unix time (fs.stat with `bigint: true`), keeping the 100 ns precision. */
export function filetimeFromUnixNs(unixNs: bigint): bigint {
  return unixNs / 100n + FILETIME_OF_UNIX_EPOCH;
}

export function filetimeFromDate(date: Date): bigint {
  return filetimeFromUnixMs(date.getTime());
}

/** Milliseconds since the Unix epoch (may be negative for pre-1970 times). */
export function filetimeToUnixMs(filetime: bigint): number {
  return Number((filetime - FILETIME_OF_UNIX_EPOCH) / 10_000n);
}

/** ISO-8601 text, or the raw value in brackets when it is outside Date's range. */
export function formatFiletime(filetime: bigint): string {
  const ms = filetimeToUnixMs(filetime);
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? `[FILETIME ${filetime}]` : date.toISOString();
}

export function splitFiletime(filetime: bigint): { high: number; low: number } {
  return { high: Number((filetime >> 32n) & 0xffff_ffffn), low: Number(filetime & 0xffff_ffffn) };
}

export function joinFiletime(high: number, low: number): bigint {
  return (BigInt(high >>> 0) << 32n) | BigInt(low >>> 0);
}
