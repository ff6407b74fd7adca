import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { hashFile } from './hash-file';

/**
 * Large file-copy assets (installers: hundreds of MiB, sometimes over 2 GiB, which no Uint8Array read can
 * hold) are never read into memory. The compiler only needs their SHA-256 (folder name) and carries their
 * bytes through to the package tree, so such an asset travels as an empty placeholder array registered
 * here with its file and digest; the package tree hands the WIM writer the file path, which it streams.
 */

/** From this size on a file-copy asset is streamed instead of read (small ones stay in memory). */
export const STREAMED_ASSET_BYTES = 16 * 1024 * 1024;

interface FileBackedAsset {
  path: string;
  size: number;
  sha256: Uint8Array;
}

const registry = new WeakMap<Uint8Array, FileBackedAsset>();

/** The file behind a placeholder, or undefined for ordinary bytes. */
export function fileBackedAsset(bytes: Uint8Array): FileBackedAsset | undefined {
  return registry.get(bytes);
}

/** Size of asset content, placeholders included. */
export function assetSize(bytes: Uint8Array): number {
  return registry.get(bytes)?.size ?? bytes.length;
}

/** SHA-256 for the compiler: the streamed digest of a placeholder, node:crypto otherwise. */
export function assetSha256(bytes: Uint8Array): Uint8Array {
  return registry.get(bytes)?.sha256 ?? new Uint8Array(createHash('sha256').update(bytes).digest());
}

/** Hashes `path` (streamed) and returns its placeholder. */
export async function openFileBackedAsset(path: string): Promise<Uint8Array> {
  const { size, sha256 } = await hashFile(path, ['sha256']);
  const placeholder = new Uint8Array(0);
  registry.set(placeholder, { path, size, sha256 });
  return placeholder;
}

/**
 * An asset file's content for the compiler: large file-copy assets (installers) stay on disk as placeholders,
 * everything else is read (certificates and XML are small and the compiler parses them). `size` saves a stat
 * when the caller has one. A placeholder is only valid in the thread that opened it: it must not be posted
 * to another thread (a structured clone is a plain empty array), so each thread opens its own.
 */
export async function readAssetFile(
  path: string,
  serialization: string | undefined,
  size?: number,
): Promise<Uint8Array> {
  if (serialization === 'file-copy' && (size ?? (await stat(path)).size) >= STREAMED_ASSET_BYTES)
    return openFileBackedAsset(path);
  return new Uint8Array(await readFile(path));
}
