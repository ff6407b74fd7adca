import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from './fixtures';
import { missingReferenceMessage, referenceRoots, strictAbout } from './reference';

/**
 * WCD's settings stores (registry hives), `reference/settings-store/` under the first reference root that has them
 * (tests/support/reference.ts: $PPKG_REFERENCE_DIR, .cache/reference, ../shared). They are Microsoft's files:
 * tests read them in place and never copy them. Without them the tests that need them skip, except where missing
 * reference files are strict (CI=true unless PPKG_REFERENCE=optional), where they fail.
 */
export const STORE_DIR =
  referenceRoots()
    .map((root) => join(root, 'reference/settings-store'))
    .find((dir) => existsSync(join(dir, 'Microsoft-Desktop-Provisioning.2024.dat'))) ??
  resolve(REPO_ROOT, '../shared/reference/settings-store');

export const REFERENCE_STORES = [
  'Microsoft-Desktop-Provisioning.2024.dat',
  'Microsoft-Desktop-Provisioning.2019.dat',
  'Microsoft-Common-Provisioning.2019.dat',
  'Microsoft-Desktop-Provisioning-Sequence.2019.dat',
  'Microsoft-Common-Provisioning-Sequence.2019.dat',
] as const;

export function storePath(name: (typeof REFERENCE_STORES)[number]): string {
  return join(STORE_DIR, name);
}

/** True when every reference store is present; under CI=true a missing one throws (the test run fails). */
export function referenceStoresPresent(): boolean {
  const missing = REFERENCE_STORES.filter((name) => !existsSync(join(STORE_DIR, name)));
  if (missing.length === 0) return true;
  if (strictAbout('reference'))
    throw new Error(missingReferenceMessage(missing.map((name) => `reference/settings-store/${name}`)));
  return false;
}
