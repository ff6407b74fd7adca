import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { writeBytesAtomic } from '../atomic-write';
import { hashFile } from '../hash-file';
import {
  type CatalogMember,
  CatalogFormatError,
  encodeUnsignedCatalog,
  parseCatalog,
} from '../../package-security/catalog';
import type { CatalogSigner } from './signing';
import { errorMessage } from '../../text/error-message';

/** `<name>.cat` beside `<name>.ppkg` (WCD: Path.ChangeExtension(output, ".cat")). */
export function catalogPathFor(packagePath: string): string {
  return packagePath.replace(/\.[^./\\]*$/, '') + '.cat';
}

/** SHA-256 and SHA-1 of a file, streamed (a package with large installers is never held whole). */
export async function hashFileForCatalog(path: string): Promise<CatalogMember> {
  const { sha256, sha1 } = await hashFile(path, ['sha256', 'sha1']);
  return { sha256, sha1 };
}

export interface WriteCatalogOptions {
  /** The files to list, in order: the plain WIM, then (encrypted packages) the encrypted file (§4.2). */
  files: readonly string[];
  catalogPath: string;
  signer?: CatalogSigner;
  timestampUrl?: string;
  /** Default now. */
  thisUpdate?: Date;
}

/**
 * Writes the catalog (signed when a signer is given) atomically at `catalogPath`. Returns the hashes of the
 * listed files, so the caller need not read them again.
 */
export async function writeCatalog(options: WriteCatalogOptions): Promise<CatalogMember[]> {
  const members: CatalogMember[] = [];
  for (const file of options.files) members.push(await hashFileForCatalog(file));
  const catalog = {
    members,
    listIdentifier: new Uint8Array(randomBytes(16)),
    thisUpdate: options.thisUpdate ?? new Date(),
  };
  // The signing code (pkijs) is loaded only for a signed catalog: an unsigned one needs none of it.
  const bytes = options.signer
    ? await (
        await import('./signing')
      ).signCatalog(
        catalog,
        options.signer,
        options.timestampUrl ? { timestampUrl: options.timestampUrl } : {},
      )
    : encodeUnsignedCatalog(catalog);
  await writeBytesAtomic(options.catalogPath, bytes);
  return members;
}

export type CatalogCheck =
  | { present: false; path: string }
  | { present: true; path: string; error: string }
  | {
      present: true;
      path: string;
      error: null;
      /** The package file's SHA-256 or SHA-1 is among the member tags. */
      matches: boolean;
      signed: boolean;
      members: number;
    };

/** What `inspect` says about the `.cat` beside a package: there or not, hashes matching, signed. */
export async function checkCatalog(packagePath: string): Promise<CatalogCheck> {
  const path = catalogPathFor(packagePath);
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) return { present: false, path };
  let parsed;
  try {
    if (info.size > 16 << 20) throw new CatalogFormatError('the file is too large for a package catalog');
    parsed = parseCatalog(new Uint8Array(await readFile(path)));
  } catch (error) {
    return { present: true, path, error: errorMessage(error) };
  }
  const own = await hashFileForCatalog(packagePath);
  const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
  const matches = parsed.memberTags.includes(hex(own.sha256)) && parsed.memberTags.includes(hex(own.sha1));
  return {
    present: true,
    path,
    error: null,
    matches,
    signed: parsed.signerCount > 0,
    members: parsed.memberTags.length,
  };
}
