import { readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { SecretKeychain } from '../../host';
import type { CustomizationsDocument } from '../../model/customizations-document';
import { collectSecretValues, fillMaskedSecrets, findMaskedSecrets } from '../../model/secrets';
import { writeFileAtomic } from '../atomic-write';

/**
 * Project secrets at rest (issue #13 §4). "Save project" masks secrets in customizations.xml (so a project
 * folder can be shared or committed); the real values go to a side file next to it, encrypted with the OS
 * keychain. Reopening on the same machine and account restores them. Everything fails closed: no keychain,
 * a file from another machine/account, a changed file or a project moved elsewhere → nothing is restored
 * and the secrets are *missing* (validation asks for them again). "Export for WCD" stays the one plaintext path.
 */

/** `<project>.secrets` beside the project file (`Contoso.icdproj.xml` → `Contoso.icdproj.secrets`). */
export function secretsSideFile(folder: string, projectFile: string | null): string {
  return join(folder, `${(projectFile ?? 'customizations.xml').replace(/\.xml$/i, '')}.secrets`);
}

interface SidePayload {
  version: 1;
  /** Resolved project folder: a copy elsewhere does not restore (fail closed). */
  folder: string;
  packageId: string;
  secrets: Record<string, string>;
}

/**
 * Writes (or removes) the side file for a just-saved project. Returns whether the secrets are kept:
 * false when there is no keychain (the side file is then removed, so stale secrets never linger).
 */
export async function keepSecrets(
  keychain: SecretKeychain | undefined,
  folder: string,
  projectFile: string | null,
  doc: CustomizationsDocument,
): Promise<boolean> {
  const path = secretsSideFile(folder, projectFile);
  const secrets = collectSecretValues(doc);
  if (!keychain?.isAvailable() || secrets.size === 0) {
    await rm(path, { force: true });
    return false;
  }
  const payload: SidePayload = {
    version: 1,
    folder: resolve(folder),
    packageId: doc.packageConfig.id.toLowerCase(),
    secrets: Object.fromEntries(secrets),
  };
  const bytes = keychain.encrypt(JSON.stringify(payload));
  await writeFileAtomic(path, async (handle) => {
    await handle.chmod(0o600);
    await handle.writeFile(bytes);
  });
  return true;
}

export interface RestoredSecrets {
  /** Secret paths filled from the side file. */
  restored: string[];
  /** Secrets still masked: the user must enter them again. */
  missing: string[];
}

/** Fills the masked secrets of a just-opened project from its side file, when it opens here. Mutates `doc`. */
export async function restoreSecrets(
  keychain: SecretKeychain | undefined,
  folder: string,
  projectFile: string | null,
  doc: CustomizationsDocument,
): Promise<RestoredSecrets> {
  let restored: string[] = [];
  if (findMaskedSecrets(doc).length > 0 && keychain?.isAvailable()) {
    const payload = await readPayload(keychain, secretsSideFile(folder, projectFile));
    if (
      payload &&
      payload.folder === resolve(folder) &&
      payload.packageId === doc.packageConfig.id.toLowerCase()
    ) {
      restored = fillMaskedSecrets(doc, new Map(Object.entries(payload.secrets)));
    }
  }
  return { restored, missing: findMaskedSecrets(doc) };
}

async function readPayload(keychain: SecretKeychain, path: string): Promise<SidePayload | null> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch {
    return null;
  }
  try {
    const parsed = JSON.parse(keychain.decrypt(bytes)) as Partial<SidePayload>;
    if (parsed.version !== 1 || typeof parsed.folder !== 'string' || typeof parsed.secrets !== 'object')
      return null;
    const secrets: Record<string, string> = {};
    for (const [key, value] of Object.entries(parsed.secrets ?? {}))
      if (typeof value === 'string') secrets[key] = value;
    return { version: 1, folder: parsed.folder, packageId: String(parsed.packageId ?? ''), secrets };
  } catch {
    // Another machine or account, or a changed file: fail closed (the secrets stay missing).
    return null;
  }
}
