import {
  type DecodedDentry,
  type DentryTimes,
  FileAttributes,
  decodeDentry,
  dentryLength,
  encodeDentry,
} from './dentry';
import { WimFormatError } from './errors';
import { decodeSecurityData, align8 } from './security-data';

/**
 * The image metadata resource (docs/format/wim-format.md §5): [security block][root dentry][8 zero bytes][child lists…],
 * lists placed in directory pre-order exactly as wimlib does (§5.4).
 */

export interface MetadataEntryToWrite extends DentryTimes {
  name: string;
  attributes: number;
  securityId: number;
  /** Content SHA-1; null for directories and empty files. */
  hash: Uint8Array | null;
  /** Present (possibly empty) exactly for directories, in the order the list is written. */
  children?: readonly MetadataEntryToWrite[];
}

/**
 * Visits every directory in the list-placement pre-order of §5.4 (root first, each child directory fully
 * recursed before its next sibling). Iterative, so deep trees cannot overflow the stack.
 */
export function forEachDirectoryPreOrder(
  root: MetadataEntryToWrite,
  visit: (directory: MetadataEntryToWrite) => void,
): void {
  const stack: MetadataEntryToWrite[] = [root];
  while (stack.length > 0) {
    const directory = stack.pop() as MetadataEntryToWrite;
    visit(directory);
    const children = directory.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i] as MetadataEntryToWrite;
      if (child.children) stack.push(child);
    }
  }
}

/** Entries in the order their dentries appear in the metadata resource: the order WCD writes blobs in. */
export function entriesInMetadataOrder(root: MetadataEntryToWrite): MetadataEntryToWrite[] {
  const ordered: MetadataEntryToWrite[] = [];
  forEachDirectoryPreOrder(root, (directory) => ordered.push(...(directory.children ?? [])));
  return ordered;
}

export function encodeMetadata(root: MetadataEntryToWrite, securityData: Uint8Array): Uint8Array {
  if (!root.children) throw new RangeError('the root of a WIM image must be a directory');
  const securityLength = align8(securityData.length);
  const rootLength = dentryLength('');
  const subdirOffsets = new Map<MetadataEntryToWrite, number>();
  let cursor = securityLength + rootLength + 8;
  forEachDirectoryPreOrder(root, (directory) => {
    subdirOffsets.set(directory, cursor);
    for (const child of directory.children ?? []) cursor += dentryLength(child.name);
    cursor += 8;
  });
  const bytes = new Uint8Array(cursor);
  bytes.set(securityData, 0);
  const write = (entry: MetadataEntryToWrite, at: number, name = entry.name): number =>
    encodeDentry(bytes, at, {
      ...entry,
      name,
      subdirOffset: entry.children ? (subdirOffsets.get(entry) ?? 0) : 0,
      hash: entry.children ? null : entry.hash,
    });
  // The root is nameless and the only member of a top-level list; that list's 8-byte terminator is
  // required by 7-Zip [NEG].
  let at = securityLength + write(root, securityLength, '') + 8;
  forEachDirectoryPreOrder(root, (directory) => {
    for (const child of directory.children ?? []) at += write(child, at);
    at += 8;
  });
  return bytes;
}

export interface WimTreeNode extends DentryTimes {
  /** '' for the root. */
  name: string;
  /** Slash-separated path from the image root ('' for the root). */
  path: string;
  isDirectory: boolean;
  attributes: number;
  securityId: number;
  shortName: string;
  /** SHA-1 of the unnamed data stream, null when empty or a directory. */
  dataHash: Uint8Array | null;
  namedStreamCount: number;
  /** Hard-link group id or reparse tag field (0x58). */
  linkOrReparse: bigint;
  /** Offset of the dentry in the uncompressed metadata (for error messages). */
  metadataOffset: number;
  children: WimTreeNode[];
}

export interface DecodedMetadata {
  securityDescriptors: Uint8Array[];
  root: WimTreeNode;
}

/** wimlib's limit (docs/format/wim-format.md §12). */
export const MAX_TREE_DEPTH = 16_384;

function toNode(dentry: DecodedDentry, parentPath: string): WimTreeNode {
  const isDirectory = (dentry.attributes & FileAttributes.DIRECTORY) !== 0;
  return {
    name: dentry.name,
    path: parentPath === '' ? dentry.name : `${parentPath}/${dentry.name}`,
    isDirectory,
    attributes: dentry.attributes,
    securityId: dentry.securityId,
    creationTime: dentry.creationTime,
    lastAccessTime: dentry.lastAccessTime,
    lastWriteTime: dentry.lastWriteTime,
    shortName: dentry.shortName,
    dataHash: isDirectory ? null : dentry.dataHash,
    namedStreamCount: dentry.namedStreams.length,
    linkOrReparse: dentry.linkOrReparse,
    metadataOffset: dentry.offset,
    children: [],
  };
}

/** A name that could escape the extraction folder or that Windows cannot create is a format error here. */
function checkName(dentry: DecodedDentry): void {
  const { name } = dentry;
  if (name === '' || name === '.' || name === '..' || /[/\\\0]/.test(name)) {
    throw new WimFormatError('dentry', dentry.offset, `invalid file name ${JSON.stringify(name)}`);
  }
}

/**
 * Parses the uncompressed metadata into a tree. Work is linear in its size: every dentry offset and child-list
 * offset is visited at most once (so cycles and shared lists are errors), the bytes consumed by all lists may
 * not exceed the resource, and depth is bounded by {@link MAX_TREE_DEPTH}.
 */
export function decodeMetadata(bytes: Uint8Array): DecodedMetadata {
  const security = decodeSecurityData(bytes);
  const rootDentry = decodeDentry(bytes, security.length);
  if (!rootDentry) throw new WimFormatError('dentry', security.length, 'root dentry is missing');
  if ((rootDentry.attributes & FileAttributes.DIRECTORY) === 0) {
    throw new WimFormatError('dentry', security.length, 'root dentry is not a directory');
  }
  const root = toNode({ ...rootDentry, name: '' }, '');
  let budget = bytes.length - security.length - rootDentry.totalLength;
  const visitedLists = new Set<number>();
  const visitedDentries = new Set<number>([rootDentry.offset]);
  const pending: { node: WimTreeNode; listOffset: number; depth: number }[] = [
    { node: root, listOffset: rootDentry.subdirOffset, depth: 1 },
  ];
  while (pending.length > 0) {
    const { node, listOffset, depth } = pending.pop() as (typeof pending)[number];
    // Subdir offset 0 means "no list": a valid empty directory [NEG accepted].
    if (listOffset === 0) continue;
    if (depth > MAX_TREE_DEPTH) {
      throw new WimFormatError('dentry', node.metadataOffset, `directory nesting exceeds ${MAX_TREE_DEPTH}`);
    }
    if (listOffset < security.length || listOffset >= bytes.length || listOffset % 8 !== 0) {
      throw new WimFormatError('dentry', node.metadataOffset, `subdir offset ${listOffset} is out of range`);
    }
    if (visitedLists.has(listOffset)) {
      throw new WimFormatError(
        'dentry',
        node.metadataOffset,
        `child list at ${listOffset} is referenced twice (cycle)`,
      );
    }
    visitedLists.add(listOffset);
    const names = new Set<string>();
    let at = listOffset;
    for (;;) {
      if (visitedDentries.has(at)) {
        throw new WimFormatError('dentry', at, 'dentry reached twice (overlapping lists or a cycle)');
      }
      const dentry = decodeDentry(bytes, at);
      const consumed = dentry ? dentry.totalLength : 8;
      budget -= consumed;
      if (budget < 0) {
        throw new WimFormatError('dentry', at, 'child lists use more bytes than the metadata resource holds');
      }
      if (!dentry) break;
      visitedDentries.add(at);
      checkName(dentry);
      if (names.has(dentry.name)) {
        throw new WimFormatError(
          'dentry',
          at,
          `duplicate name ${JSON.stringify(dentry.name)} in one directory`,
        );
      }
      names.add(dentry.name);
      const child = toNode(dentry, node.path);
      node.children.push(child);
      if (child.isDirectory) pending.push({ node: child, listOffset: dentry.subdirOffset, depth: depth + 1 });
      at += consumed;
    }
  }
  return { securityDescriptors: security.descriptors, root };
}
