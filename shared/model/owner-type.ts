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
