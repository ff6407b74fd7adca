import { randomBytes } from 'node:crypto';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { writeFileAtomic } from '../atomic-write';
import { type BlobTableEntry, encodeBlobTable, sha1ToHex } from '../../wim/blob-table';
import { chunkCount, chunkTableSize, encodeChunkTable } from '../../wim/chunk-table';
import { type DentryTimes, FileAttributes, NO_SECURITY_ID } from '../../wim/dentry';
import {
  UNCOMPRESSED_HEADER_FLAGS,
  WCD_HEADER_FLAGS,
  WIM_CHUNK_SIZE,
  WIM_HEADER_SIZE,
  type WimCompression,
  encodeWimHeader,
} from '../../wim/header';
import { type MetadataEntryToWrite, encodeMetadata, entriesInMetadataOrder } from '../../wim/metadata';
import { EMPTY_RESOURCE, ResourceFlags, type ResourceHeader } from '../../wim/resource-header';
import { NEUTRAL_SECURITY_DESCRIPTOR, encodeSecurityData } from '../../wim/security-data';
import { type ImageProperty, type XmlLayout, buildXmlData } from '../../wim/xml-data';
import { filetimeFromDate } from '../../wim/filetime';
import { GatheringWriter } from './gathering-writer';
import { createSha1, sha1Of } from './sha1';
import {
  type ChunkCompressFunction,
  type ChunkCompressor,
  type StoredBlock,
  createChunkCompressor,
} from './worker-pool';

/**
 * Streaming WIM writer (docs/format/wim-format.md §10.1, WCD's layout from docs/format/ppkg-format.md §2): header (patched last),
 * data blobs in metadata order, metadata resource, blob table, XML data ending the file. Content is never held
 * whole in memory: each file is read once, hashed (SHA-1, for dedup and the blob table) while its 32 KiB chunks
 * are compressed, except streamed content of unknown size, which gets a hash pass first.
 */

/** Where a file's bytes come from. `stream` must yield the same bytes every time it is called. */
export type WimFileContent =
  | { path: string }
  | { bytes: Uint8Array }
  | { stream: () => AsyncIterable<Uint8Array> };

export type WimTimes = DentryTimes;

export interface WimFileInput {
  kind: 'file';
  name: string;
  content: WimFileContent;
  /** FILE_ATTRIBUTE_* bits; default ARCHIVE (0x20) like WCD [OBS]. */
  attributes?: number;
  /** Default: every time = options.timestamp. */
  times?: WimTimes;
}

export interface WimDirectoryInput {
  kind: 'directory';
  name: string;
  /** Written in this order (sort with compareWimNames for wimlib order; WCD uses its own order). */
  children: WimEntryInput[];
  /** Default DIRECTORY (0x10); DIRECTORY is always added. */
  attributes?: number;
  times?: WimTimes;
}

export type WimEntryInput = WimFileInput | WimDirectoryInput;

export interface WriteWimOptions {
  /** Top-level entries of the image (the root's children). */
  entries: WimEntryInput[];
  /** Default 'xpress' (WCD's header flags 0x00020082, 32 KiB chunks). */
  compression?: WimCompression;
  /** 16 bytes; default random. Fix it (and `timestamp`) for reproducible output. */
  guid?: Uint8Array;
  /** FILETIME for the XML CREATIONTIME/LASTMODIFICATIONTIME, the root and every entry without `times`. */
  timestamp?: bigint;
  /** Root directory times; default all = timestamp. */
  rootTimes?: WimTimes;
  /** IMAGE child elements in the caller's order, e.g. [['NAME','x'],['DESCRIPTION','']]. */
  imageProperties?: readonly ImageProperty[];
  /** Default 'wcd'. See xml-data.ts. */
  xmlLayout?: XmlLayout;
  /** Default 'neutral' (one descriptor for every dentry, see security-data.ts); 'none' = id −1 everywhere. */
  security?: 'neutral' | 'none';
  /** Compress the metadata resource when the WIM is XPRESS (default true; WCD does). */
  compressMetadata?: boolean;
  /** Worker threads for chunk compression; default 2, 0 = in-thread. */
  workerCount?: number;
  /** Replacement chunk compressor (tests, other codecs); runs in-thread. */
  compressChunk?: ChunkCompressFunction;
  /** A caller-owned pool (see createChunkCompressor) reused across writes; the writer does not close it. */
  chunkCompressor?: ChunkCompressor;
  /**
   * Called as file content is written: at the first file, then at most every PROGRESS_INTERVAL_MS (per chunk
   * batch or file start), and once at the end with bytesDone === bytesTotal and currentFile null.
   */
  onWriteProgress?: (progress: WriteProgress) => void;
}

/** How far the writer is. Bytes are file content (before compression; deduplicated copies count as done). */
export interface WriteProgress {
  bytesDone: number;
  bytesTotal: number;
  /** Image path of the file being written ("/Folder/name.msi"), null before the first and after the last. */
  currentFile: string | null;
}

/** Minimum time between two progress calls, so thousands of small files do not flood an IPC channel. */
export const PROGRESS_INTERVAL_MS = 50;

/**
 * Milliseconds on a monotonic clock. Not `performance.now()`: the first use of that global loads Node's
 * perf_hooks modules, ~1.5 ms of a small CLI build (measured on Node 20).
 */
function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Throttles WriteProgress calls; a no-op without a callback. */
class ProgressReporter {
  private bytesDone = 0;
  private currentFile: string | null = null;
  private lastReport = -Infinity;

  constructor(
    private readonly callback: ((progress: WriteProgress) => void) | undefined,
    private readonly bytesTotal: number,
  ) {}

  startFile(path: string): void {
    this.currentFile = path;
    this.reportIfDue();
  }

  advance(bytes: number): void {
    this.bytesDone += bytes;
    this.reportIfDue();
  }

  finish(): void {
    this.bytesDone = this.bytesTotal;
    this.currentFile = null;
    this.report();
  }

  private reportIfDue(): void {
    if (this.callback && monotonicMs() - this.lastReport >= PROGRESS_INTERVAL_MS) this.report();
  }

  private report(): void {
    if (!this.callback) return;
    this.lastReport = monotonicMs();
    this.callback({ bytesDone: this.bytesDone, bytesTotal: this.bytesTotal, currentFile: this.currentFile });
  }
}

export interface WriteWimResult {
  fileSize: number;
  blobCount: number;
  fileCount: number;
  directoryCount: number;
  compressorMode: ChunkCompressor['mode'] | 'none';
  /** Time spent in fsync (writeWim only): a package must survive a power cut, and this is what it costs. */
  syncMilliseconds?: number;
}

/** The input tree is unusable (bad name, duplicate, a file that changed while being written, …). */
export class WimInputError extends Error {
  override readonly name = 'WimInputError';
}

interface PreparedFile {
  input: WimFileInput;
  path: string;
  size: number;
  hash: Uint8Array | null;
  /** Size + mtime + inode of a file on disk, taken before reading it; null for other content. */
  stamp: string | null;
}

const READ_BLOCK = 1024 * 1024;
/**
 * Content goes to the compressor in blocks of 8 chunks: one message per 256 KiB instead of per 32 KiB
 * (messages cost CPU on both threads), still small enough to keep both workers busy from the first block.
 */
const COMPRESS_BLOCK = 8 * WIM_CHUNK_SIZE;
/** Blocks in flight (being read, compressed or written): two per worker, plus one. ~1.3 MiB. */
const PIPELINE_BLOCKS = 5;
/** Recycled block buffers kept; more than the pipeline ever holds at once. */
const SPARE_BLOCKS = 12;

function openContent(content: WimFileContent): AsyncIterable<Uint8Array> {
  if ('bytes' in content) {
    const { bytes } = content;
    return (async function* () {
      for (let at = 0; at < bytes.length; at += READ_BLOCK) yield bytes.subarray(at, at + READ_BLOCK);
    })();
  }
  if ('path' in content) return readFileInPlace(content.path);
  return content.stream();
}

/**
 * Reads a file through two reused buffers, the next read already in flight while the caller consumes the
 * current block (no per-read garbage, which keeps peak RSS flat on huge files, and no idle wait per read).
 * Each yielded view is only valid until the consumer asks for the next one; every consumer here copies or
 * writes it out before that.
 */
async function* readFileInPlace(path: string): AsyncGenerator<Uint8Array> {
  const handle = await open(path, 'r');
  const buffers = [new Uint8Array(READ_BLOCK), new Uint8Array(READ_BLOCK)];
  const readInto = (buffer: Uint8Array) => handle.read(buffer, 0, READ_BLOCK, null);
  let current = buffers[0]!;
  let next = readInto(current);
  try {
    for (let turn = 0; ; turn ^= 1) {
      const { bytesRead } = await next;
      if (bytesRead === 0) return;
      const filled = current;
      // One read in flight at a time, each advancing the file position: this one reads the following block.
      current = buffers[turn ^ 1]!;
      next = readInto(current);
      next.catch(() => undefined); // observed by the await above on the next turn
      yield filled.subarray(0, bytesRead);
    }
  } finally {
    // Settle the read in flight before closing (a consumer may stop early, e.g. on an error).
    await next.catch(() => undefined);
    await handle.close();
  }
}

/**
 * Reads a file straight into blocks from `allocate` (no copy between read and compression), the next read in
 * flight while the caller hashes and hands over the current block. Every block but the last is full; each
 * yielded block is the caller's.
 */
async function* readFileInBlocks(path: string, allocate: () => Uint8Array): AsyncGenerator<Uint8Array> {
  const handle = await open(path, 'r');
  const fill = async (block: Uint8Array): Promise<Uint8Array> => {
    let filled = 0;
    while (filled < block.length) {
      const { bytesRead } = await handle.read(block, filled, block.length - filled, null);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return block.subarray(0, filled);
  };
  let next = fill(allocate());
  try {
    for (;;) {
      const block = await next;
      if (block.length === 0) return;
      // One read in flight at a time, each advancing the file position: this one fills the following block.
      next = fill(allocate());
      next.catch(() => undefined); // observed by the await above on the next turn
      yield block;
    }
  } finally {
    // Settle the read in flight before closing (a consumer may stop early, e.g. on an error).
    await next.catch(() => undefined);
    await handle.close();
  }
}

function openBlocks(content: WimFileContent, allocate: () => Uint8Array): AsyncIterable<Uint8Array> {
  if ('path' in content) return readFileInBlocks(content.path, allocate);
  return inChunks(openContent(content), COMPRESS_BLOCK, allocate);
}

/** Re-cuts a byte stream into chunks of `chunkSize`; each chunk comes from `allocate` and is the caller's. */
async function* inChunks(
  source: AsyncIterable<Uint8Array>,
  chunkSize: number,
  allocate: () => Uint8Array,
): AsyncGenerator<Uint8Array> {
  let chunk = allocate();
  let filled = 0;
  for await (const piece of source) {
    let at = 0;
    while (at < piece.length) {
      const take = Math.min(chunkSize - filled, piece.length - at);
      chunk.set(piece.subarray(at, at + take), filled);
      filled += take;
      at += take;
      if (filled === chunkSize) {
        yield chunk;
        chunk = allocate();
        filled = 0;
      }
    }
  }
  if (filled > 0) yield chunk.subarray(0, filled);
}

function checkName(name: string, path: string): void {
  if (name === '' || name === '.' || name === '..' || /[/\\\0]/.test(name)) {
    throw new WimInputError(`invalid name ${JSON.stringify(name)} at ${JSON.stringify(path)}`);
  }
  if (name.length > 32_767) throw new WimInputError(`name too long at ${JSON.stringify(path)}`);
}

/** Detects a file that changed between the hash pass and the write pass without hashing it twice. */
async function changeStamp(content: WimFileContent): Promise<string | null> {
  if (!('path' in content)) return null;
  const stats = await stat(content.path, { bigint: true });
  return `${stats.size}:${stats.mtimeNs}:${stats.ino}`;
}

class ResourceWriter {
  /**
   * Block buffers come back from the compressor (workers hand the same memory back, holding the packed
   * chunks) and are reused once written, so a long capture allocates almost nothing and RSS stays flat.
   */
  private readonly freeBuffers: ArrayBuffer[] = [];

  constructor(
    private readonly output: GatheringWriter,
    private readonly compressor: ChunkCompressor | null,
  ) {}

  private allocateBlock = (): Uint8Array => {
    const buffer = this.freeBuffers.pop();
    return buffer ? new Uint8Array(buffer) : new Uint8Array(COMPRESS_BLOCK);
  };

  private recycle(bytes: Uint8Array): void {
    const { buffer } = bytes;
    if (
      buffer instanceof ArrayBuffer &&
      buffer.byteLength === COMPRESS_BLOCK &&
      this.freeBuffers.length < SPARE_BLOCKS
    ) {
      this.freeBuffers.push(buffer);
    }
  }

  /** Copies `size` bytes verbatim to `offset`; returns their SHA-1 when `hash`, else null. */
  async writeRaw(
    source: AsyncIterable<Uint8Array>,
    offset: number,
    size: number,
    what: string,
    hash = true,
    progress?: ProgressReporter,
  ) {
    const hasher = hash ? createSha1() : null;
    let written = 0;
    for await (const piece of source) {
      if (written + piece.length > size)
        throw new WimInputError(`${what} grew while the WIM was being written`);
      await this.output.writeAt(piece, offset + written);
      hasher?.update(piece);
      written += piece.length;
      progress?.advance(piece.length);
    }
    if (written !== size) throw new WimInputError(`${what} shrank while the WIM was being written`);
    return hasher ? hasher.digest() : null;
  }

  /**
   * Writes one resource at `offset` (docs/format/wim-format.md §3.2): chunk table + independently compressed 32 KiB
   * chunks (raw when not smaller), or the whole resource uncompressed when that is not larger.
   * Returns the reshdr (without the METADATA flag) and the SHA-1 of the bytes read, computed on the way.
   */
  async write(
    content: WimFileContent,
    offset: number,
    size: number,
    what: string,
    progress?: ProgressReporter,
  ): Promise<{ resource: ResourceHeader; sha1: Uint8Array }> {
    if (!this.compressor || size === 0) {
      const sha1 = (await this.writeRaw(
        openContent(content),
        offset,
        size,
        what,
        true,
        progress,
      )) as Uint8Array;
      return { resource: { storedSize: size, flags: 0, offset, originalSize: size }, sha1 };
    }
    const tableSize = chunkTableSize(size, WIM_CHUNK_SIZE);
    const { storedSizes, sha1, end } = await this.writeChunks(
      content,
      offset + tableSize,
      size,
      what,
      progress,
    );
    const storedTotal = end - offset;
    if (storedTotal < size) {
      await this.output.writeAt(encodeChunkTable(storedSizes, size), offset);
      return {
        resource: { storedSize: storedTotal, flags: ResourceFlags.COMPRESSED, offset, originalSize: size },
        sha1,
      };
    }
    // Not smaller than the original: store uncompressed (wimlib does this, even on equality [SRC]). A single
    // chunk that stayed raw is already in place; otherwise the bytes are written again without a table.
    if (storedSizes.length > 1) await this.writeRaw(openContent(content), offset, size, what, false);
    return { resource: { storedSize: size, flags: 0, offset, originalSize: size }, sha1 };
  }

  /**
   * Reads, hashes and compresses `content` block by block and writes the stored chunks from `position` on. The
   * main thread only reads, hashes and writes; the compressor works on up to PIPELINE_BLOCKS blocks meanwhile,
   * and one file write is in flight while the next block's result is awaited.
   */
  private async writeChunks(
    content: WimFileContent,
    position: number,
    size: number,
    what: string,
    progress: ProgressReporter | undefined,
  ): Promise<{ storedSizes: number[]; sha1: Uint8Array; end: number }> {
    const compressor = this.compressor!;
    const storedSizes: number[] = [];
    const hasher = createSha1();
    let read = 0;
    let writing: Promise<void> = Promise.resolve();
    const queue: { inputBytes: number; result: Promise<StoredBlock> }[] = [];
    const flushOne = async (): Promise<void> => {
      const head = queue.shift();
      if (!head) return;
      const { bytes, storedSizes: sizes } = await head.result;
      await writing;
      writing = this.output.writeAt(bytes, position).then(() => this.recycle(bytes));
      // Observed when awaited; this keeps a failure before then from counting as unhandled.
      writing.catch(() => undefined);
      position += bytes.length;
      for (const stored of sizes) storedSizes.push(stored);
      progress?.advance(head.inputBytes);
    };
    try {
      for await (const block of openBlocks(content, this.allocateBlock)) {
        read += block.length;
        if (read > size) throw new WimInputError(`${what} grew while the WIM was being written`);
        hasher.update(block);
        queue.push({ inputBytes: block.length, result: compressor.compressBlock(block) });
        if (queue.length >= PIPELINE_BLOCKS) await flushOne();
      }
      while (queue.length > 0) await flushOne();
      await writing;
    } finally {
      // Settle in-flight requests and the write so no rejection goes unobserved when an error aborts the loop.
      await Promise.allSettled([...queue.map((entry) => entry.result), writing]);
    }
    if (read !== size || storedSizes.length !== chunkCount(size, WIM_CHUNK_SIZE)) {
      throw new WimInputError(`${what} shrank while the WIM was being written`);
    }
    return { storedSizes, sha1: hasher.digest(), end: position };
  }
}

/** Writes a WIM to `targetPath` atomically (temp file + rename): nothing is left behind on failure. */
export async function writeWim(targetPath: string, options: WriteWimOptions): Promise<WriteWimResult> {
  let result: WriteWimResult | undefined;
  await writeFileAtomic(targetPath, async (handle) => {
    const written = await writeWimToHandle(handle, options);
    // The package must be durable; fsync here (writeFileAtomic's own is then nearly free) to report its cost.
    const syncStart = monotonicMs();
    await handle.sync();
    result = { ...written, syncMilliseconds: monotonicMs() - syncStart };
  });
  return result as WriteWimResult;
}

/** Writes a WIM into an open, empty file handle using positional writes. */
export async function writeWimToHandle(
  handle: FileHandle,
  options: WriteWimOptions,
): Promise<WriteWimResult> {
  const compression = options.compression ?? 'xpress';
  const ownsCompressor = compression === 'xpress' && !options.chunkCompressor;
  let compressorReady: Promise<ChunkCompressor | null> | undefined;
  const startCompressor = (): Promise<ChunkCompressor | null> =>
    (compressorReady ??=
      compression !== 'xpress'
        ? Promise.resolve(null)
        : options.chunkCompressor
          ? Promise.resolve(options.chunkCompressor)
          : createChunkCompressor({
              workerCount: options.workerCount ?? 2,
              compressChunk: options.compressChunk,
            }));
  try {
    return await writeWimContent(handle, options, compression, startCompressor);
  } finally {
    if (ownsCompressor && compressorReady) await (await compressorReady)?.close();
  }
}

interface ImageTree {
  root: MetadataEntryToWrite;
  /** Every file node of the tree and what it holds; sizes and hashes are filled in by measureFiles. */
  files: Map<MetadataEntryToWrite, PreparedFile>;
  directoryCount: number;
  /** The security descriptors the dentries' security ids point into. */
  descriptors: Uint8Array[];
}

/** Step 1: the metadata tree of the image, with names checked (nothing is read yet). */
function buildImageTree(options: WriteWimOptions, timestamp: bigint): ImageTree {
  const defaultTimes: WimTimes = {
    creationTime: timestamp,
    lastAccessTime: timestamp,
    lastWriteTime: timestamp,
  };
  const securityId = (options.security ?? 'neutral') === 'neutral' ? 0 : NO_SECURITY_ID;
  const files = new Map<MetadataEntryToWrite, PreparedFile>();
  let directoryCount = 0;
  const toMetadata = (entry: WimEntryInput, parentPath: string): MetadataEntryToWrite => {
    const path = `${parentPath}/${entry.name}`;
    checkName(entry.name, path);
    const times = entry.times ?? defaultTimes;
    if (entry.kind === 'directory') {
      directoryCount++;
      return {
        name: entry.name,
        attributes: (entry.attributes ?? 0) | FileAttributes.DIRECTORY,
        securityId,
        hash: null,
        ...times,
        children: buildChildren(entry.children, path),
      };
    }
    const node: MetadataEntryToWrite = {
      name: entry.name,
      attributes: (entry.attributes ?? FileAttributes.ARCHIVE) & ~FileAttributes.DIRECTORY,
      securityId,
      hash: null,
      ...times,
    };
    files.set(node, { input: entry, path, size: 0, hash: null, stamp: null });
    return node;
  };
  const buildChildren = (children: readonly WimEntryInput[], path: string): MetadataEntryToWrite[] => {
    const seen = new Set<string>();
    return children.map((child) => {
      if (seen.has(child.name))
        throw new WimInputError(`duplicate name ${JSON.stringify(`${path}/${child.name}`)}`);
      seen.add(child.name);
      return toMetadata(child, path);
    });
  };
  const root: MetadataEntryToWrite = {
    name: '',
    attributes: FileAttributes.DIRECTORY,
    securityId,
    hash: null,
    ...(options.rootTimes ?? defaultTimes),
    children: buildChildren(options.entries, ''),
  };
  const descriptors = securityId === 0 ? [NEUTRAL_SECURITY_DESCRIPTOR] : [];
  return { root, files, directoryCount, descriptors };
}

/**
 * Step 2: each file's size, in metadata order. Files on disk and in-memory bytes have a known size, so they are
 * hashed while they are compressed (one read); only streamed content needs a hash pass to learn its size.
 */
async function measureFiles(
  tree: ImageTree,
): Promise<{ ordered: [MetadataEntryToWrite, PreparedFile][]; totalBytes: number }> {
  const ordered: [MetadataEntryToWrite, PreparedFile][] = [];
  let totalBytes = 0;
  for (const node of entriesInMetadataOrder(tree.root)) {
    const file = tree.files.get(node);
    if (!file) continue;
    const { content } = file.input;
    if ('bytes' in content) file.size = content.bytes.length;
    else if ('path' in content) {
      file.stamp = await changeStamp(content);
      file.size = (await stat(content.path)).size;
    } else {
      const hasher = createSha1();
      for await (const piece of openContent(content)) {
        hasher.update(piece);
        file.size += piece.length;
      }
      if (file.size > 0) file.hash = hasher.digest();
    }
    totalBytes += file.size;
    ordered.push([node, file]);
  }
  return { ordered, totalBytes };
}

/**
 * Step 3: data blobs from `cursor` on, in the order their dentries appear in the metadata (WCD's order, §2.2),
 * deduplicated by SHA-1 (§10.1). A duplicate found only after writing it is dropped by not advancing the
 * cursor: the next resource overwrites it and the final truncate cuts any rest. Returns the blob table entries
 * and the new cursor.
 */
async function writeDataBlobs(
  writer: ResourceWriter,
  ordered: readonly [MetadataEntryToWrite, PreparedFile][],
  cursor: number,
  progress: ProgressReporter,
): Promise<{ dataEntries: BlobTableEntry[]; cursor: number }> {
  const uniqueBlobs = new Map<string, BlobTableEntry>();
  const dataEntries: BlobTableEntry[] = [];
  for (const [node, file] of ordered) {
    if (file.size === 0) continue;
    const what = JSON.stringify(file.path);
    const known = file.hash ? uniqueBlobs.get(sha1ToHex(file.hash)) : undefined;
    if (known) {
      known.refCount++;
      node.hash = known.sha1;
      progress.advance(file.size);
      continue;
    }
    const { content } = file.input;
    progress.startFile(file.path);
    const { resource, sha1 } = await writer.write(content, cursor, file.size, what, progress);
    const changed =
      (file.hash !== null && sha1ToHex(sha1) !== sha1ToHex(file.hash)) ||
      (file.stamp !== null && (await changeStamp(content)) !== file.stamp);
    if (changed) throw new WimInputError(`${what} changed while the WIM was being written`);
    node.hash = sha1;
    const key = sha1ToHex(sha1);
    const duplicate = uniqueBlobs.get(key);
    if (duplicate) {
      duplicate.refCount++;
      continue;
    }
    const entry: BlobTableEntry = { resource, partNumber: 1, refCount: 1, sha1 };
    uniqueBlobs.set(key, entry);
    dataEntries.push(entry);
    cursor += resource.storedSize;
  }
  return { dataEntries, cursor };
}

interface ImageSummary {
  compression: WimCompression;
  guid: Uint8Array;
  timestamp: bigint;
  tree: ImageTree;
  totalBytes: number;
}

/**
 * Steps 5 and 6 (after the metadata at `cursor`): blob table, XML data, then the header; cuts off anything a
 * whole-resource fallback may have left past the end. Returns the file size.
 */
async function writeTables(
  output: GatheringWriter,
  options: WriteWimOptions,
  image: ImageSummary,
  blobEntries: readonly BlobTableEntry[],
  cursor: number,
): Promise<number> {
  // Blob table: metadata entry first, then data blobs in offset order (wimlib and WCD [HX][OBS]).
  const blobTable = encodeBlobTable(blobEntries);
  const blobTableResource: ResourceHeader = {
    storedSize: blobTable.length,
    flags: ResourceFlags.METADATA,
    offset: cursor,
    originalSize: blobTable.length,
  };
  await output.writeAt(blobTable, cursor);
  cursor += blobTable.length;

  // XML data; WIM-level TOTALBYTES is its own offset.
  const layout = options.xmlLayout ?? 'wcd';
  const { directoryCount, files } = image.tree;
  const xml = buildXmlData(
    cursor,
    options.imageProperties ?? [],
    {
      // WCD (wimgapi) does not count the root; wimlib does (docs/format/ppkg-format.md §2.4 vs docs/format/wim-format.md §6).
      dirCount: layout === 'wcd' ? directoryCount : directoryCount + 1,
      fileCount: files.size,
      totalBytes: image.totalBytes,
      hardLinkBytes: 0,
      creationTime: image.timestamp,
      lastModificationTime: image.timestamp,
    },
    layout,
  );
  const xmlResource: ResourceHeader = {
    storedSize: xml.length,
    flags: ResourceFlags.METADATA,
    offset: cursor,
    originalSize: xml.length,
  };
  await output.writeAt(xml, cursor);
  cursor += xml.length;

  const xpress = image.compression === 'xpress';
  const header = encodeWimHeader({
    flags: xpress ? WCD_HEADER_FLAGS : UNCOMPRESSED_HEADER_FLAGS,
    chunkSize: xpress ? WIM_CHUNK_SIZE : 0,
    guid: image.guid,
    partNumber: 1,
    totalParts: 1,
    imageCount: 1,
    blobTable: blobTableResource,
    xmlData: xmlResource,
    bootMetadata: EMPTY_RESOURCE,
    bootIndex: 0,
    integrityTable: EMPTY_RESOURCE,
  });
  await output.writeAt(header, 0);
  // Writes out everything gathered, then cuts off anything past the end.
  await output.truncate(cursor);
  return cursor;
}

async function writeWimContent(
  handle: FileHandle,
  options: WriteWimOptions,
  compression: WimCompression,
  startCompressor: () => Promise<ChunkCompressor | null>,
): Promise<WriteWimResult> {
  const timestamp = options.timestamp ?? filetimeFromDate(new Date());
  const guid = options.guid ?? new Uint8Array(randomBytes(16));
  if (guid.length !== 16) throw new WimInputError('GUID must be 16 bytes');
  const tree = buildImageTree(options, timestamp);
  // The tree is valid: worker threads start now and load while the files are stat'ed.
  const compressorReady = startCompressor();
  const { ordered, totalBytes } = await measureFiles(tree);

  const compressor = await compressorReady;
  const output = new GatheringWriter(handle);
  const writer = new ResourceWriter(output, compressor);
  await output.writeAt(new Uint8Array(WIM_HEADER_SIZE), 0);
  const progress = new ProgressReporter(options.onWriteProgress, totalBytes);
  const blobs = await writeDataBlobs(writer, ordered, WIM_HEADER_SIZE, progress);
  let cursor = blobs.cursor;

  // Step 4: the metadata resource.
  const metadata = encodeMetadata(tree.root, encodeSecurityData(tree.descriptors));
  const metadataWriter =
    compressor && (options.compressMetadata ?? true) ? writer : new ResourceWriter(output, null);
  const written = await metadataWriter.write({ bytes: metadata }, cursor, metadata.length, 'metadata');
  const metadataResource = { ...written.resource, flags: written.resource.flags | ResourceFlags.METADATA };
  cursor += metadataResource.storedSize;

  const metadataEntry = { resource: metadataResource, partNumber: 1, refCount: 1, sha1: sha1Of(metadata) };
  const image = { compression, guid, timestamp, tree, totalBytes };
  const fileSize = await writeTables(output, options, image, [metadataEntry, ...blobs.dataEntries], cursor);
  progress.finish();
  return {
    fileSize,
    blobCount: blobs.dataEntries.length,
    fileCount: tree.files.size,
    directoryCount: tree.directoryCount,
    compressorMode: compressor ? compressor.mode : 'none',
  };
}
