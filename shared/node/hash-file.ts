import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';

/** Read size: large enough that a package of a few MiB takes a handful of reads, small enough to keep RSS flat. */
const READ_BYTES = 1024 * 1024;

export type FileDigests<A extends string> = Record<A, Uint8Array> & { size: number };

/**
 * Digests of a file in one pass through one reused 1 MiB buffer: never the whole file in memory (packages and
 * installers may be GiBs) and few system calls (a stream's 64 KiB reads cost a small build several ms).
 */
export async function hashFile<A extends 'sha1' | 'sha256'>(
  path: string,
  algorithms: readonly A[],
): Promise<FileDigests<A>> {
  const hashes = algorithms.map((algorithm) => createHash(algorithm));
  const handle = await open(path, 'r');
  let size = 0;
  try {
    const buffer = new Uint8Array(READ_BYTES);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      for (const hash of hashes) hash.update(buffer.subarray(0, bytesRead));
      size += bytesRead;
    }
  } finally {
    await handle.close();
  }
  const digests = Object.fromEntries(
    algorithms.map((algorithm, index) => [algorithm, new Uint8Array(hashes[index]!.digest())]),
  ) as Record<A, Uint8Array>;
  return Object.assign(digests, { size });
}

/** A file's SHA-256 as lower-case hex (what the CLI prints and batch manifests list). */
export async function sha256HexOfFile(path: string): Promise<string> {
  return Buffer.from((await hashFile(path, ['sha256'])).sha256).toString('hex');
}
