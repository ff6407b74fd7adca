import { type BaseBlock, readBaseBlock } from './base-block';
import { readBigData, BIG_DATA_SEGMENT_SIZE } from './big-data';
import { type Cell, NO_CELL, resolveCell } from './cell';
import { RegfFormatError, type RegfStructure } from './errors';
import { type HiveBin, readHiveBins } from './hbin';
import { type KeyNode, readKeyNode } from './nk';
import { readSubkeyList } from './subkey-list';
import { type DecodedValue, decodeValueData } from './value-data';
import { type ValueNode, readValueNode } from './vk';

/**
 * A read-only registry hive (regf) reader, hand-written because no maintained pure-JavaScript one exists and
 * the settings store (WCD's `*.dat`) must be read in the core without native modules. It reads lazily from an
 * in-memory file and is bounded against hostile input: every key is reachable from exactly one parent (so a
 * cycle or shared subtree is an error, not an endless walk), depth is limited, and decoded data is budgeted.
 */
export interface HiveLimits {
  /** Deepest key nesting accepted (Windows itself stops at 512). */
  maxDepth: number;
  /** Total value bytes the reader will decode from this hive, over all reads. */
  maxDataBytes: number;
}

export class RegistryValue {
  #data: Uint8Array | undefined;
  constructor(
    private readonly hive: RegistryHive,
    private readonly node: ValueNode,
  ) {}

  /** '' for the key's default value. */
  get name(): string {
    return this.node.name;
  }
  /** REG_* type number. */
  get type(): number {
    return this.node.type;
  }
  /** Absolute file offset of the value's cell data. */
  get offset(): number {
    return this.node.offset;
  }
  /** The raw data bytes. */
  data(): Uint8Array {
    this.#data ??= this.hive.readValueBytes(this.node);
    return this.#data;
  }
  decode(): DecodedValue {
    return decodeValueData(this.node.type, this.data(), this.node.offset);
  }
}

export class RegistryKey {
  #subkeys: RegistryKey[] | undefined;
  #values: RegistryValue[] | undefined;
  constructor(
    private readonly hive: RegistryHive,
    private readonly node: KeyNode,
    /** 0 for the root key. */
    readonly depth: number,
  ) {}

  get name(): string {
    return this.node.name;
  }
  /** Absolute file offset of the key's cell data. */
  get offset(): number {
    return this.node.offset;
  }
  /** Subkeys in stored order (Windows keeps them sorted by upper-cased name). */
  subkeys(): readonly RegistryKey[] {
    this.#subkeys ??= this.hive.readSubkeys(this, this.node);
    return this.#subkeys;
  }
  subkey(name: string): RegistryKey | undefined {
    const wanted = name.toUpperCase();
    return this.subkeys().find((key) => key.name.toUpperCase() === wanted);
  }
  values(): readonly RegistryValue[] {
    this.#values ??= this.hive.readValues(this.node);
    return this.#values;
  }
  value(name: string): RegistryValue | undefined {
    const wanted = name.toUpperCase();
    return this.values().find((value) => value.name.toUpperCase() === wanted);
  }
}

export class RegistryHive {
  readonly baseBlock: BaseBlock;
  readonly root: RegistryKey;
  private readonly bins: HiveBin[];
  private readonly limits: HiveLimits;
  /** Key cell offset → the key cell that lists it; the root is claimed by no one (-1). */
  private readonly parentOf = new Map<number, number>();
  private dataBytesRead = 0;

  private constructor(
    private readonly bytes: Uint8Array,
    limits: Partial<HiveLimits>,
  ) {
    this.baseBlock = readBaseBlock(bytes);
    this.bins = readHiveBins(bytes, this.baseBlock.hiveBinsDataSize);
    this.limits = {
      maxDepth: limits.maxDepth ?? 512,
      maxDataBytes: limits.maxDataBytes ?? 32 * bytes.length + (1 << 20),
    };
    const rootNode = readKeyNode(bytes, this.cell(this.baseBlock.rootCellOffset, 'key node', 0x24));
    this.parentOf.set(rootNode.offset, -1);
    this.root = new RegistryKey(this, rootNode, 0);
  }

  /** Opens a hive held in memory. Throws RegfFormatError on a malformed base block, bins or root key. */
  static open(bytes: Uint8Array, limits: Partial<HiveLimits> = {}): RegistryHive {
    return new RegistryHive(bytes, limits);
  }

  /** The key at a `\`- or `/`-separated path below the root (case-insensitive), or undefined. */
  key(path: string): RegistryKey | undefined {
    let key: RegistryKey | undefined = this.root;
    for (const part of path.split(/[\\/]/).filter((segment) => segment !== '')) {
      key = key.subkey(part);
      if (!key) return undefined;
    }
    return key;
  }

  private cell(relativeOffset: number, wanted: RegfStructure, referencedAt: number): Cell {
    return resolveCell(this.bytes, this.bins, relativeOffset, wanted, referencedAt);
  }

  /** @internal */
  readSubkeys(parent: RegistryKey, node: KeyNode): RegistryKey[] {
    if (node.subkeyCount === 0) return [];
    if (parent.depth + 1 > this.limits.maxDepth) {
      throw new RegfFormatError(
        'limits',
        node.offset,
        `keys nested deeper than ${this.limits.maxDepth} levels`,
      );
    }
    if (node.subkeyListOffset === NO_CELL) {
      throw new RegfFormatError(
        'key node',
        node.offset + 28,
        `${node.subkeyCount} subkeys but no subkey list`,
      );
    }
    const resolve = (offset: number, at: number) => this.cell(offset, 'subkey list', at);
    const offsets = readSubkeyList(this.bytes, resolve(node.subkeyListOffset, node.offset + 28), resolve);
    if (offsets.length !== node.subkeyCount) {
      throw new RegfFormatError(
        'subkey list',
        node.offset + 20,
        `the key says ${node.subkeyCount} subkeys, its list holds ${offsets.length}`,
      );
    }
    return offsets.map((offset) => {
      const child = readKeyNode(this.bytes, this.cell(offset, 'key node', node.offset + 28));
      const claimedBy = this.parentOf.get(child.offset);
      if (claimedBy !== undefined && claimedBy !== node.offset) {
        throw new RegfFormatError(
          'subkey list',
          node.offset,
          `key at ${child.offset} is already reachable from another key (cycle or shared subtree)`,
        );
      }
      if (claimedBy === node.offset && this.isListedTwice(offsets, offset)) {
        throw new RegfFormatError('subkey list', node.offset, `key at ${child.offset} is listed twice`);
      }
      this.parentOf.set(child.offset, node.offset);
      return new RegistryKey(this, child, parent.depth + 1);
    });
  }

  private isListedTwice(offsets: number[], offset: number): boolean {
    return offsets.indexOf(offset) !== offsets.lastIndexOf(offset);
  }

  /** @internal */
  readValues(node: KeyNode): RegistryValue[] {
    if (node.valueCount === 0) return [];
    if (node.valueListOffset === NO_CELL) {
      throw new RegfFormatError('key node', node.offset + 40, `${node.valueCount} values but no value list`);
    }
    const list = this.cell(node.valueListOffset, 'value list', node.offset + 40);
    if (node.valueCount * 4 > list.dataLength) {
      throw new RegfFormatError(
        'value list',
        list.dataStart,
        `${node.valueCount} value offsets do not fit the ${list.dataLength}-byte cell`,
      );
    }
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    const values: RegistryValue[] = [];
    for (let i = 0; i < node.valueCount; i++) {
      const entryAt = list.dataStart + i * 4;
      const cell = this.cell(view.getUint32(entryAt, true), 'value node', entryAt);
      values.push(new RegistryValue(this, readValueNode(this.bytes, cell)));
    }
    return values;
  }

  /** @internal */
  readValueBytes(node: ValueNode): Uint8Array {
    this.dataBytesRead += node.dataLength;
    if (this.dataBytesRead > this.limits.maxDataBytes) {
      throw new RegfFormatError(
        'limits',
        node.offset,
        `more than ${this.limits.maxDataBytes} bytes of value data`,
      );
    }
    if (node.resident) return this.bytes.slice(node.dataOffset, node.dataOffset + node.dataLength);
    if (node.dataLength === 0) return new Uint8Array(0);
    const resolve = (offset: number, at: number) => this.cell(offset, 'value data', at);
    const cell = resolve(node.dataOffset, node.offset + 8);
    // Hives of version 1.4 and later split data over 16,344 bytes into big-data segments.
    if (node.dataLength > BIG_DATA_SEGMENT_SIZE && this.baseBlock.minorVersion >= 4) {
      return readBigData(this.bytes, cell, node.dataLength, resolve);
    }
    if (node.dataLength > cell.dataLength) {
      throw new RegfFormatError(
        'value data',
        cell.dataStart,
        `${node.dataLength} bytes of data in a ${cell.dataLength}-byte cell`,
      );
    }
    return this.bytes.slice(cell.dataStart, cell.dataStart + node.dataLength);
  }
}
