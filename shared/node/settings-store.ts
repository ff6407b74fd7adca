import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { type FactsCatalog, userStoreFacts } from '../catalog';
import { readStoreFacts } from '../catalog/store-reader';
import { RegistryHive } from '../regf';

/**
 * Loads a WCD settings store (`Microsoft-Desktop-Provisioning.dat`) from disk as the catalog's facts: the CLI's
 * `--store <file.dat>` and the app's "Use the settings store of my installed WCD". Throws RegfFormatError
 * (byte offset) or StoreFactsError (setting path) on a malformed store.
 */

/** Real stores are 1–3 MB; anything far larger is not a settings store and is refused before reading. */
export const MAX_STORE_BYTES = 64 * 1024 * 1024;

export class StoreFileError extends Error {
  override readonly name = 'StoreFileError';
}

export async function readStoreFile(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size > MAX_STORE_BYTES) {
      throw new StoreFileError(
        `${path}: ${size} bytes is too large for a settings store (at most ${MAX_STORE_BYTES})`,
      );
    }
    const bytes = new Uint8Array(size);
    await handle.read(bytes, 0, size, 0);
    return bytes;
  } finally {
    await handle.close();
  }
}

export function storeFactsFromBytes(bytes: Uint8Array, fileName: string): FactsCatalog {
  const nodes = readStoreFacts(RegistryHive.open(bytes), 'desktop');
  if (nodes.length === 0) throw new StoreFileError(`${fileName}: the hive holds no settings`);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return userStoreFacts(nodes, [{ edition: 'desktop', file: fileName, sha256 }]);
}

export async function loadStoreFile(path: string): Promise<FactsCatalog> {
  const bytes = await readStoreFile(path);
  try {
    return storeFactsFromBytes(bytes, basename(path));
  } catch (error) {
    if (error instanceof Error) error.message = `settings store ${basename(path)}: ${error.message}`;
    throw error;
  }
}
