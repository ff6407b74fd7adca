import { mkdir, open, readdir, rmdir, utimes, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { sha1ToHex } from '../../wim/blob-table';
import { WimFormatError } from '../../wim/errors';
import { filetimeToUnixMs } from '../../wim/filetime';
import type { DecodedWimHeader } from '../../wim/header';
import type { WimTreeNode } from '../../wim/metadata';
import {
  type RandomAccessSource,
  type WimContainer,
  checkPlausibleSize,
  findBlob,
  readBlobVerified,
  readImageMetadata,
  readWimContainer,
} from '../../wim/reader';
import type { ParsedXmlData } from '../../wim/xml-data';
import { escapeControlCharacters } from '../../text/visible-text';
import {
  commitTemp,
  makeTempDirBeside,
  PRIVATE_DIR_MODE,
  PRIVATE_FILE_MODE,
  removeTemp,
} from '../atomic-write';
import { createSha1 } from './sha1';
import { xpressDecompress } from './xpress-codec';

/** A file or directory of the image, flattened in metadata (pre-)order. */
export interface WimEntry {
  /** Slash-separated, relative to the image root. */
  path: string;
  isDirectory: boolean;
  /** Size of the unnamed data stream (0 for directories and empty files). */
  size: number;
  attributes: number;
  creationTime: bigint;
  lastAccessTime: bigint;
  lastWriteTime: bigint;
  /** Hex SHA-1 of the content, null when empty or a directory. */
  sha1: string | null;
  securityId: number;
  node: WimTreeNode;
}

/** Random access over a file handle; every read is bounds-checked and must return the full range. */
class FileSource implements RandomAccessSource {
  constructor(
    private readonly handle: FileHandle,
    readonly size: number,
  ) {}

  async read(offset: number, length: number): Promise<Uint8Array> {
    if (offset < 0 || length < 0 || offset + length > this.size) {
      throw new WimFormatError('resource', offset, `read of ${length} bytes past the end of the file`);
    }
    const buffer = new Uint8Array(length);
    let done = 0;
    while (done < length) {
      const { bytesRead } = await this.handle.read(buffer, done, length - done, offset + done);
      if (bytesRead === 0) throw new WimFormatError('resource', offset + done, 'unexpected end of file');
      done += bytesRead;
    }
    return buffer;
  }
}

export class WimFile {
  private constructor(
    private readonly handle: FileHandle,
    readonly container: WimContainer,
    /** Image 1's tree (the only image of a .ppkg). */
    readonly root: WimTreeNode,
    readonly entries: WimEntry[],
  ) {}

  get header(): DecodedWimHeader {
    return this.container.header;
  }

  get xml(): ParsedXmlData {
    return this.container.xml;
  }

  /** Opens a WIM, reading header, blob table, XML and image `imageIndex`'s metadata (SHA-1 checked). */
  static async open(path: string, imageIndex = 1): Promise<WimFile> {
    const handle = await open(path, 'r');
    try {
      const { size } = await handle.stat();
      const container = await readWimContainer(new FileSource(handle, size), {
        decompressXpress: xpressDecompress,
        createSha1,
      });
      const { root } = await readImageMetadata(container, imageIndex);
      const entries: WimEntry[] = [];
      const stack: WimTreeNode[] = [...root.children].reverse();
      while (stack.length > 0) {
        const node = stack.pop() as WimTreeNode;
        let size = 0;
        if (node.dataHash)
          size = findBlob(container, node.dataHash, node.metadataOffset).resource.originalSize;
        entries.push({
          path: node.path,
          isDirectory: node.isDirectory,
          size,
          attributes: node.attributes,
          creationTime: node.creationTime,
          lastAccessTime: node.lastAccessTime,
          lastWriteTime: node.lastWriteTime,
          sha1: node.dataHash ? sha1ToHex(node.dataHash) : null,
          securityId: node.securityId,
          node,
        });
        for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as WimTreeNode);
      }
      return new WimFile(handle, container, root, entries);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  find(path: string): WimEntry | undefined {
    return this.entries.find((entry) => entry.path === path);
  }

  /** Streams a file's content; throws WimFormatError after the last piece if its SHA-1 does not match. */
  async *stream(entry: WimEntry): AsyncGenerator<Uint8Array> {
    if (entry.isDirectory || !entry.node.dataHash) return;
    yield* readBlobVerified(
      this.container,
      findBlob(this.container, entry.node.dataHash, entry.node.metadataOffset),
    );
  }

  /** Whole content in memory: for small files only (the size is bounded by the blob's original size). */
  async readFile(entry: WimEntry): Promise<Uint8Array> {
    if (entry.node.dataHash) {
      const blob = findBlob(this.container, entry.node.dataHash, entry.node.metadataOffset);
      checkPlausibleSize(blob.resource, this.header.chunkSize || 32_768, 'blob');
    }
    const bytes = new Uint8Array(entry.size);
    let at = 0;
    for await (const piece of this.stream(entry)) {
      bytes.set(piece, at);
      at += piece.length;
    }
    return bytes;
  }

  /**
   * Extracts the image into `targetDir`, verifying every SHA-1. Works in a hidden sibling folder renamed into
   * place at the end, so a failure leaves nothing behind. `targetDir` must not exist or be an empty folder.
   */
  async extractTo(targetDir: string): Promise<{ files: number; directories: number; bytes: number }> {
    const existing = await readdir(targetDir).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (existing && existing.length > 0) throw new Error(`output folder ${targetDir} is not empty`);
    for (const entry of this.entries) checkWindowsPath(entry.path, entry.node.metadataOffset);
    // Private (0700, files 0600): a package's provxml can hold passwords in plain text.
    const staging = await makeTempDirBeside(targetDir);
    const totals = { files: 0, directories: 0, bytes: 0 };
    try {
      const directoryTimes: [string, WimEntry][] = [];
      for (const entry of this.entries) {
        const target = join(staging, ...entry.path.split('/'));
        if (entry.isDirectory) {
          await mkdir(target, { mode: PRIVATE_DIR_MODE });
          directoryTimes.push([target, entry]);
          totals.directories++;
          continue;
        }
        const output = await open(target, 'wx', PRIVATE_FILE_MODE);
        try {
          let position = 0;
          for await (const piece of this.stream(entry)) {
            await output.write(piece, 0, piece.length, position);
            position += piece.length;
          }
          totals.bytes += position;
        } finally {
          await output.close();
        }
        await setTimes(target, entry);
        totals.files++;
      }
      // Deepest first, so creating children does not bump a parent's time afterwards.
      for (const [path, entry] of directoryTimes.reverse()) await setTimes(path, entry);
      if (existing) await rmdir(targetDir);
      await commitTemp(staging, targetDir);
      return totals;
    } catch (error) {
      await removeTemp(staging);
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what Windows refuses in names
const WINDOWS_INVALID_CHARACTER = /[<>:"|?*\\\u0000-\u001F]/;
const WINDOWS_RESERVED_NAME = /^(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³])(\..*)?$/i;

/**
 * Refuses a path Windows could not create (and which would therefore never be what Windows reads from the
 * package): reserved device names, `< > : " | ? * \`, control characters, names ending in a dot or space,
 * `.` and `..`. Extracting such a name elsewhere would give a tree that differs from the package's meaning.
 */
export function checkWindowsPath(path: string, metadataOffset = 0): void {
  for (const name of path.split('/')) {
    let problem: string | undefined;
    if (name === '' || name === '.' || name === '..') problem = 'is empty, "." or ".."';
    else if (WINDOWS_INVALID_CHARACTER.test(name))
      problem =
        'holds a character Windows does not allow in file names (< > : " | ? * \\ or a control character)';
    else if (WINDOWS_RESERVED_NAME.test(name)) problem = 'is a reserved device name on Windows';
    else if (/[. ]$/.test(name)) problem = 'ends in a dot or a space, which Windows drops';
    if (problem)
      throw new WimFormatError(
        'dentry',
        metadataOffset,
        `the package holds "${escapeControlCharacters(path)}", whose name ${problem}; it cannot be extracted`,
      );
  }
}

async function setTimes(path: string, entry: WimEntry): Promise<void> {
  const access = new Date(filetimeToUnixMs(entry.lastAccessTime));
  const modified = new Date(filetimeToUnixMs(entry.lastWriteTime));
  if (Number.isNaN(access.getTime()) || Number.isNaN(modified.getTime())) return;
  await utimes(path, access, modified).catch(() => undefined);
}

export function openWimFile(path: string, imageIndex = 1): Promise<WimFile> {
  return WimFile.open(path, imageIndex);
}
