/**
 * The package owner types, in WCD's enum order, and the ALTITUDE base of each (docs/format/icd-package-properties.md
 * §1 [IL][OBS]): ALTITUDE = base + Rank. The one list every reader, writer and schema uses.
 */
export const OWNER_TYPES = [
  'Microsoft',
  'SiliconVendor',
  'OEM',
  'SystemIntegrator',
  'MobileOperator',
  'ITAdmin',
] as const;

export type OwnerType = (typeof OWNER_TYPES)[number];

export const OWNER_ALTITUDE_BASE: Readonly<Record<OwnerType, number>> = {
  Microsoft: 0,
  SiliconVendor: 1000,
  OEM: 2000,
  SystemIntegrator: 3000,
  MobileOperator: 4000,
  ITAdmin: 5000,
};

/** The highest Rank a package can have (ICD's range is 0–99; the project schema holds it too). */
const MAX_RANK = 99;

/**
 * The reverse of ALTITUDE as ICD imports it (docs/format/icd-package-properties.md §1): owner base = altitude
 * rounded down to a multiple of 1000, rank = the rest. `ownerType` is undefined where no owner has that base.
 */
export function ownerOfAltitude(altitude: number): { ownerType: OwnerType | undefined; rank: number } {
  const base = Math.floor(altitude / 1000) * 1000;
  const ownerType = OWNER_TYPES.find((owner) => OWNER_ALTITUDE_BASE[owner] === base);
  return { ownerType, rank: altitude - base };
}

/** ownerOfAltitude where it gives a pair a project can hold (a known owner, rank 0–99); null otherwise. */
export function projectOwnerOfAltitude(altitude: number): { ownerType: OwnerType; rank: number } | null {
  if (!Number.isInteger(altitude) || altitude < 0) return null;
  const { ownerType, rank } = ownerOfAltitude(altitude);
  return ownerType !== undefined && rank <= MAX_RANK ? { ownerType, rank } : null;
}
