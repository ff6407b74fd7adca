import { randomBytes } from 'node:crypto';
import { rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { catalogPathFor, writeCatalog } from './catalog-file';
import { encryptPackageFile } from './encryption';
import type { CatalogSigner } from './signing';
import { removeFileIfPresent, trackTemp } from '../atomic-write';

/** What WCD's Build page offers (docs/format/icd-package-properties.md §4): the catalog, encryption and signing. */
export interface PackageSecurityOptions {
  /** Write `<name>.cat` beside the package (WCD always does); default true. */
  catalog?: boolean;
  /** Encrypt the package with this password (§4.4); the caller generates one when the user gave none. */
  encryptionPassword?: string;
  /** Sign the .cat (never the package) with this certificate. Implies the catalog. */
  signer?: CatalogSigner;
  /** RFC 3161 timestamp server for the signature. */
  timestampUrl?: string;
}

export interface SecuredPackage {
  catalogPath: string | null;
  encrypted: boolean;
  signed: boolean;
  /** SHA-256 (hex) of the file now at `outPath`, when the catalog step hashed it already. */
  sha256?: string;
}

/** A temp sibling named like atomic-write's, so leftover cleanup finds it. */
export function tempSibling(target: string): string {
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  // Removed on Ctrl+C / SIGTERM like every other temp (atomic-write.ts); stale ones by the next run.
  trackTemp(temp);
  return temp;
}

/**
 * WCD's SecurePackage (§4.1) on a finished plain WIM at `wimPath` (a temp sibling of `outPath`): encrypt,
 * catalog (both hashes when encrypted), sign the catalog, then move the catalog and the package into place.
 * Every step works on temp files, so a failure (wrong key, unreachable timestamp server) leaves neither the
 * package nor its catalog half-made; the temps are always removed.
 */
export async function securePackage(
  wimPath: string,
  outPath: string,
  options: PackageSecurityOptions,
): Promise<SecuredPackage> {
  const encrypted = options.encryptionPassword !== undefined;
  const wantCatalog = options.catalog !== false || options.signer !== undefined;
  const encryptedTemp = encrypted ? tempSibling(outPath) : null;
  const catalogPath = catalogPathFor(outPath);
  const catalogTemp = wantCatalog ? tempSibling(catalogPath) : null;
  let sha256: string | undefined;
  try {
    if (encryptedTemp) await encryptPackageFile(wimPath, encryptedTemp, options.encryptionPassword ?? '');
    if (catalogTemp) {
      const members = await writeCatalog({
        files: encryptedTemp ? [wimPath, encryptedTemp] : [wimPath],
        catalogPath: catalogTemp,
        ...(options.signer ? { signer: options.signer } : {}),
        ...(options.timestampUrl ? { timestampUrl: options.timestampUrl } : {}),
      });
      await rename(catalogTemp, catalogPath);
      // The last member is the file that becomes the package (the encrypted one when encrypted).
      const packageMember = members.at(-1);
      if (packageMember) sha256 = Buffer.from(packageMember.sha256).toString('hex');
    } else {
      // A catalog left from an earlier build would describe another package.
      await removeFileIfPresent(catalogPath);
    }
    await rename(encryptedTemp ?? wimPath, outPath);
  } finally {
    for (const temp of [wimPath, encryptedTemp, catalogTemp]) if (temp) await removeFileIfPresent(temp);
  }
  return {
    catalogPath: catalogTemp ? catalogPath : null,
    encrypted,
    signed: options.signer !== undefined,
    ...(sha256 ? { sha256 } : {}),
  };
}
