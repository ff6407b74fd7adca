import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from './fixtures';

/**
 * WCD's settings stores (registry hives) in ../shared/reference/settings-store (SOURCES.md there). They are
 * Microsoft's files: tests read them in place and never copy them. Without them the tests that need them skip,
 * except under CI=true, where a missing reference file is a failure.
 */
export const STORE_DIR = resolve(REPO_ROOT, '../shared/reference/settings-store');

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
  if (process.env.CI === 'true') {
    throw new Error(
      `CI=true but reference settings stores are missing in ${STORE_DIR}: ${missing.join(', ')}`,
    );
  }
  return false;
}
