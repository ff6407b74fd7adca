import { type BlobTableEntry, type DecodedBlobTable, decodeBlobTable, sha1ToHex } from './blob-table';
import { chunkTableEntrySize, chunkTableSize, decodeChunkTable } from './chunk-table';
import { WimFormatError, type WimStructure } from './errors';
import { type DecodedWimHeader, WIM_HEADER_SIZE, decodeWimHeader } from './header';
import { type DecodedMetadata, decodeMetadata } from './metadata';
import { type ResourceHeader, isCompressedResource } from './resource-header';
import type { ParsedXmlData } from './xml-data';
import { parseXmlData } from './xml-data-parse';
import { errorMessage } from '../text/error-message';

/**
 * Pure WIM reader over a random-access byte source. Codec and hashing are injected so this file needs no
 * Node types: shared/node/wim/wim-file-reader.ts supplies a file handle, XPRESS and node:crypto SHA-1.
 * Every malformed input ends in a WimFormatError naming the structure and absolute file offset.
 */

export interface RandomAccessSource {
  readonly size: number;
  /** Returns exactly `length` bytes at `offset`; callers only ask for ranges inside [0, size). */
  read(offset: number, length: number): Promise<Uint8Array>;
}

export interface Sha1Hasher {
  update(bytes: Uint8Array): void;
  digest(): Uint8Array;
}

export interface WimReaderServices {
  /** XPRESS-Huffman chunk decoder; throws WimFormatError with an offset relative to the chunk. */
  decompressXpress(input: Uint8Array, outputSize: number): Uint8Array;
  createSha1(): Sha1Hasher;
}

export interface WimContainer {
  source: RandomAccessSource;
  services: WimReaderServices;
  header: DecodedWimHeader;
  blobTable: DecodedBlobTable;
  xml: ParsedXmlData;
}

/** Metadata may decompress to at most 512× the file size (wimlib's rule) and never more than this. */
const METADATA_SIZE_CAP = 256 * 1024 * 1024;

async function readRange(
  source: RandomAccessSource,
  offset: number,
  length: number,
  structure: WimStructure,
) {
  if (offset < 0 || length < 0 || offset + length > source.size) {
    throw new WimFormatError(structure, offset, `range of ${length} bytes runs past the end of the file`);
  }
  return source.read(offset, length);
}

export async function readWimContainer(
  source: RandomAccessSource,
  services: WimReaderServices,
): Promise<WimContainer> {
  const headerBytes = await readRange(source, 0, Math.min(WIM_HEADER_SIZE, source.size), 'header');
  const header = decodeWimHeader(headerBytes, source.size);
  const partial = { source, services, header };
  const tableBytes = await readResource(partial, header.blobTable, source.size, 'blob table');
  const blobTable = decodeBlobTable(tableBytes, header.blobTable.offset, source.size, header.partNumber);
  const xmlBytes = await readResource(partial, header.xmlData, source.size, 'xml data');
  const xml = parseXmlData(xmlBytes, header.xmlData.offset);
  if (header.imageCount < 1) throw new WimFormatError('header', 0x2c, 'image count is 0');
  if (xml.images.length !== header.imageCount) {
    throw new WimFormatError(
      'xml data',
      header.xmlData.offset,
      `${xml.images.length} IMAGE elements but the header says ${header.imageCount} images`,
    );
  }
  return { ...partial, blobTable, xml };
}

type ResourceContext = Pick<WimContainer, 'source' | 'services' | 'header'>;

/**
 * Largest original size a resource can honestly have: its stored size when uncompressed; otherwise one chunk
 * per chunk-table entry that fits in the stored bytes, plus chunk 0. Checked before any allocation.
 */
export function checkPlausibleSize(
  resource: ResourceHeader,
  chunkSize: number,
  structure: WimStructure,
): void {
  const limit = isCompressedResource(resource)
    ? (Math.floor(resource.storedSize / chunkTableEntrySize(resource.originalSize)) + 1) * chunkSize
    : resource.storedSize;
  if (resource.originalSize > limit) {
    throw new WimFormatError(
      structure,
      resource.offset,
      `original size ${resource.originalSize} is impossible for ${resource.storedSize} stored bytes`,
    );
  }
}

/** Streams the uncompressed content of a resource chunk by chunk (never more than one chunk in memory). */
export async function* readResourceChunks(
  context: ResourceContext,
  resource: ResourceHeader,
  structure: WimStructure,
): AsyncGenerator<Uint8Array> {
  const { source, header, services } = context;
  if (resource.offset + resource.storedSize > source.size) {
    throw new WimFormatError(structure, resource.offset, 'resource runs past the end of the file');
  }
  checkPlausibleSize(resource, header.chunkSize || 32_768, structure);
  if (!isCompressedResource(resource)) {
    if (resource.storedSize !== resource.originalSize) {
      throw new WimFormatError(structure, resource.offset, 'uncompressed resource sizes disagree');
    }
    const step = 1024 * 1024;
    for (let at = 0; at < resource.originalSize; at += step) {
      yield await source.read(resource.offset + at, Math.min(step, resource.originalSize - at));
    }
    return;
  }
  if (header.compression !== 'xpress') {
    throw new WimFormatError(structure, resource.offset, 'compressed resource in an uncompressed WIM');
  }
  const tableSize = chunkTableSize(resource.originalSize, header.chunkSize);
  if (tableSize > resource.storedSize) {
    throw new WimFormatError('chunk table', resource.offset, 'chunk table is larger than the resource');
  }
  const table = await source.read(resource.offset, tableSize);
  const chunks = decodeChunkTable(table, resource, header.chunkSize);
  for (const chunk of chunks) {
    const stored = await source.read(chunk.offset, chunk.storedSize);
    if (chunk.storedSize === chunk.originalSize) {
      yield stored;
      continue;
    }
    let output: Uint8Array;
    try {
      output = services.decompressXpress(stored, chunk.originalSize);
    } catch (error) {
      const relative = error instanceof WimFormatError ? error.offset : 0;
      const detail = errorMessage(error);
      throw new WimFormatError('xpress', chunk.offset + relative, `chunk does not decompress: ${detail}`);
    }
    if (output.length !== chunk.originalSize) {
      throw new WimFormatError('xpress', chunk.offset, `chunk decompressed to ${output.length} bytes`);
    }
    yield output;
  }
}

/** Reads a whole resource into memory after checking its original size against `maxSize`. */
export async function readResource(
  context: ResourceContext,
  resource: ResourceHeader,
  maxSize: number,
  structure: WimStructure,
): Promise<Uint8Array> {
  checkPlausibleSize(resource, context.header.chunkSize || 32_768, structure);
  if (resource.originalSize > maxSize) {
    throw new WimFormatError(
      structure,
      resource.offset,
      `original size ${resource.originalSize} exceeds ${maxSize}`,
    );
  }
  const bytes = new Uint8Array(resource.originalSize);
  let at = 0;
  for await (const piece of readResourceChunks(context, resource, structure)) {
    bytes.set(piece, at);
    at += piece.length;
  }
  return bytes;
}

/** Reads, SHA-1-checks and parses the metadata of image `imageIndex` (1-based). */
export async function readImageMetadata(container: WimContainer, imageIndex = 1): Promise<DecodedMetadata> {
  const entry = container.blobTable.metadata[imageIndex - 1];
  if (!entry) {
    throw new WimFormatError(
      'blob table',
      container.header.blobTable.offset,
      `no metadata resource for image ${imageIndex}`,
    );
  }
  const cap = Math.min(METADATA_SIZE_CAP, container.source.size * 512);
  const bytes = await readResource(container, entry.resource, cap, 'metadata resource');
  const hasher = container.services.createSha1();
  hasher.update(bytes);
  if (sha1ToHex(hasher.digest()) !== sha1ToHex(entry.sha1)) {
    throw new WimFormatError(
      'metadata resource',
      entry.resource.offset,
      'SHA-1 does not match the blob table',
    );
  }
  try {
    return decodeMetadata(bytes);
  } catch (error) {
    if (!(error instanceof WimFormatError)) throw error;
    // Dentry offsets are positions inside the uncompressed metadata; say so, and where that resource is.
    throw new WimFormatError(
      error.structure,
      error.offset,
      `${error.message.slice(`${error.structure} at byte offset ${error.offset}: `.length)} (offset within the ` +
        `uncompressed metadata resource stored at file offset ${entry.resource.offset})`,
    );
  }
}

export function findBlob(container: WimContainer, hash: Uint8Array, dentryOffset: number): BlobTableEntry {
  const entry = container.blobTable.blobs.get(sha1ToHex(hash));
  if (!entry) {
    throw new WimFormatError(
      'dentry',
      dentryOffset,
      `blob ${sha1ToHex(hash)} is missing from the blob table`,
    );
  }
  return entry;
}

/** Streams a blob's content and throws (after the last piece) if its SHA-1 differs from the blob table's. */
export async function* readBlobVerified(
  container: WimContainer,
  entry: BlobTableEntry,
): AsyncGenerator<Uint8Array> {
  const hasher = container.services.createSha1();
  for await (const piece of readResourceChunks(container, entry.resource, 'blob')) {
    hasher.update(piece);
    yield piece;
  }
  if (sha1ToHex(hasher.digest()) !== sha1ToHex(entry.sha1)) {
    throw new WimFormatError(
      'blob',
      entry.resource.offset,
      `content does not match SHA-1 ${sha1ToHex(entry.sha1)}`,
    );
  }
}
