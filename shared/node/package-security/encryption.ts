import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  randomBytes,
  randomInt,
  timingSafeEqual,
} from 'node:crypto';
import { createReadStream } from 'node:fs';
import { chmod, mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../atomic-write';

/**
 * WCD's package encryption (docs/format/icd-package-properties.md §4.4, read from ProvPackageAPI's native code; no
 * encrypted sample was available, so this is the disassembled data flow, not yet confirmed on a device):
 *
 *   IV (16 random bytes) ‖ AES-128-CBC(WIM zero-padded to a multiple of 160 bytes, no padding scheme)
 *   ‖ HMAC-SHA256(ciphertext)
 *
 * Key and MAC key are both the ASCII password zero-padded to 16 bytes (no KDF). The original length is not
 * stored: a decrypted package keeps up to 159 trailing zero bytes, which WIM readers ignore.
 */

export const ENCRYPTION_CHUNK = 160;
const IV_BYTES = 16;
const MAC_BYTES = 32;
const WIM_MAGIC = Buffer.from('MSWIM\0\0\0', 'latin1');

export class PackagePasswordError extends Error {
  override readonly name = 'PackagePasswordError';
}

/** Thrown when the MAC does not match: a wrong password or a changed file (nothing is written then). */
export class PackageMacError extends Error {
  override readonly name = 'PackageMacError';
  constructor() {
    super('the package could not be decrypted: wrong password or the file was changed (MAC mismatch)');
  }
}

export class NotAPackageError extends Error {
  override readonly name = 'NotAPackageError';
}

/** Encrypted size for a WIM of `plainSize` bytes: 16 + 160·⌈N/160⌉ + 32. */
export const encryptedSize = (plainSize: number): number =>
  IV_BYTES + Math.ceil(plainSize / ENCRYPTION_CHUNK) * ENCRYPTION_CHUNK + MAC_BYTES;

/** The 16-byte key: the password's bytes, zero-filled. WCD requires 1–16 characters that convert 1:1. */
export function packageKey(password: string): Buffer {
  if (password.length < 1 || password.length > 16 || !/^[\x20-\x7e]+$/.test(password))
    throw new PackagePasswordError(
      'the package password must be 1–16 printable ASCII characters (WCD uses it directly as the AES key)',
    );
  const key = Buffer.alloc(16);
  key.write(password, 'latin1');
  return key;
}

const PASSWORD_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A 16-character password from a–z A–Z 0–9, as WCD generates one (unbiased here: randomInt). */
export function generatePackagePassword(): string {
  let password = '';
  for (let i = 0; i < 16; i++) password += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
  return password;
}

/** Whether `size` bytes can be IV ‖ whole 160-byte chunks ‖ MAC (docs/format/icd-package-properties.md §4.4). */
const fitsEncryptedLayout = (size: number): boolean => {
  const cipherBytes = size - IV_BYTES - MAC_BYTES;
  return cipherBytes > 0 && cipherBytes % ENCRYPTION_CHUNK === 0;
};

/** Whether a file starts like a WIM (a plain package); encrypted ones start with a random IV. */
export async function isPlainWim(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(8);
    const { bytesRead } = await handle.read(head, 0, 8, 0);
    return bytesRead === 8 && head.equals(WIM_MAGIC);
  } finally {
    await handle.close();
  }
}

/** Streams `plainPath` (a WIM) into `outPath` encrypted; the output appears atomically. */
export async function encryptPackageFile(
  plainPath: string,
  outPath: string,
  password: string,
): Promise<void> {
  const key = packageKey(password);
  if (!(await isPlainWim(plainPath)))
    throw new NotAPackageError(`${plainPath} is not a WIM (invalid first chunk)`);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-128-cbc', key, iv).setAutoPadding(false);
  const mac = createHmac('sha256', key);
  await writeFileAtomic(outPath, async (handle) => {
    await handle.write(iv);
    let total = 0;
    const emit = async (ciphertext: Buffer) => {
      if (ciphertext.length === 0) return;
      mac.update(ciphertext);
      await handle.write(ciphertext);
    };
    for await (const chunk of createReadStream(plainPath)) {
      total += (chunk as Buffer).length;
      await emit(cipher.update(chunk as Buffer));
    }
    const padding = (ENCRYPTION_CHUNK - (total % ENCRYPTION_CHUNK)) % ENCRYPTION_CHUNK;
    await emit(cipher.update(Buffer.alloc(padding)));
    await emit(cipher.final());
    await handle.write(mac.digest());
  });
}

async function readRange(path: string, start: number, length: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, start);
    return buffer;
  } finally {
    await handle.close();
  }
}

/**
 * Decrypts an encrypted package into `outPath` (atomically). The MAC is checked over the whole ciphertext
 * first, so a wrong password or a changed byte writes nothing. The first block must decrypt to a WIM header.
 */
export async function decryptPackageFile(
  encryptedPath: string,
  outPath: string,
  password: string,
): Promise<void> {
  const key = packageKey(password);
  const size = (await stat(encryptedPath)).size;
  if (!fitsEncryptedLayout(size))
    throw new NotAPackageError(
      `${encryptedPath} is neither a package (WIM) nor an encrypted package (size ${size} does not fit 16 + 160·n + 32)`,
    );
  const iv = await readRange(encryptedPath, 0, IV_BYTES);
  const expected = await readRange(encryptedPath, size - MAC_BYTES, MAC_BYTES);
  const ciphertext = () => createReadStream(encryptedPath, { start: IV_BYTES, end: size - MAC_BYTES - 1 });
  const mac = createHmac('sha256', key);
  for await (const chunk of ciphertext()) mac.update(chunk as Buffer);
  if (!timingSafeEqual(mac.digest(), expected)) throw new PackageMacError();
  const decipher = createDecipheriv('aes-128-cbc', key, iv).setAutoPadding(false);
  await writeFileAtomic(outPath, async (handle) => {
    let first = true;
    const emit = async (plain: Buffer) => {
      if (plain.length === 0) return;
      if (first) {
        first = false;
        if (!plain.subarray(0, 8).equals(WIM_MAGIC))
          throw new NotAPackageError('the decrypted data is not a WIM (invalid first chunk)');
      }
      await handle.write(plain);
    };
    for await (const chunk of ciphertext()) await emit(decipher.update(chunk as Buffer));
    await emit(decipher.final());
  });
}

/**
 * Runs `use` on a plain WIM path for `path`: the file itself when it is a WIM, else (an encrypted package)
 * a decrypted copy in a private temp folder (0700, removed afterwards). Without a password an encrypted
 * package is refused with a message saying how to give one.
 */
export async function withPlainPackage<T>(
  path: string,
  password: string | undefined,
  use: (plainPath: string, encrypted: boolean) => Promise<T>,
): Promise<T> {
  if (await isPlainWim(path)) return use(path, false);
  // Only a file whose size fits 16 + 160·n + 32 can be an encrypted package. Without a password, any other non-WIM
  // is a damaged or foreign file, and the WIM reader's error (with its byte offset) says more than a password
  // prompt would; with one, decryptPackageFile says it is neither.
  if (password === undefined && !fitsEncryptedLayout((await stat(path)).size)) return use(path, false);
  if (password === undefined)
    throw new NotAPackageError(
      `${path} is not a plain package: it may be encrypted (give --password-file <file> or set PPKG_PASSWORD)`,
    );
  const folder = await mkdtemp(join(tmpdir(), 'ppkg-decrypted-'));
  try {
    await chmod(folder, 0o700);
    const plain = join(folder, 'package.wim');
    await decryptPackageFile(path, plain, password);
    return await use(plain, true);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
