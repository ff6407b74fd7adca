/**
 * Length-limited canonical Huffman codes for the XPRESS code-length table (spec docs/format/wim-format.md §8.3, §8.4).
 *
 * Lengths come from an ordinary Huffman tree (two-queue construction over frequency-sorted leaves). If the
 * tree is deeper than the limit, the length histogram is repaired the way miniz/zlib do (clamp, then trade
 * Kraft weight until the code is exactly complete). The histogram is then handed out again in frequency
 * order — least frequent symbol, and among equal frequencies the lowest symbol value, gets the longest
 * codeword. That tie rule reproduces the [MS-XCA] §3.2 example table byte for byte [MS].
 */

const MAX_SYMBOLS = 512;
const MAX_TREE_DEPTH = MAX_SYMBOLS; // a degenerate (Fibonacci) tree over 512 leaves is at most 511 deep

export class HuffmanCodeBuilder {
  /** freq * 512 + symbol, sorted ascending: frequency order with the symbol value as tie-break. */
  private readonly sortedLeaves = new Float64Array(MAX_SYMBOLS);
  private readonly nodeWeight = new Float64Array(2 * MAX_SYMBOLS);
  private readonly nodeParent = new Int32Array(2 * MAX_SYMBOLS);
  private readonly nodeDepth = new Int32Array(2 * MAX_SYMBOLS);
  private readonly lengthCounts = new Int32Array(MAX_TREE_DEPTH + 1);

  /**
   * Writes a complete prefix code's lengths (each ≤ maxLength) into `lengthsOut` for `symbolCount`
   * symbols; unused symbols (frequency 0) get 0. With a single used symbol, a second one gets length 1
   * so the code stays complete (spec §8.3). Frequencies must be < 2^40.
   */
  buildLengths(
    frequencies: ArrayLike<number>,
    symbolCount: number,
    maxLength: number,
    lengthsOut: Uint8Array,
  ): void {
    if (symbolCount > MAX_SYMBOLS || symbolCount < 2) throw new RangeError('symbolCount must be 2…512');
    if (1 << maxLength < symbolCount) throw new RangeError('maxLength too small for the alphabet');
    lengthsOut.fill(0, 0, symbolCount);

    const leaves = this.sortedLeaves;
    let leafCount = 0;
    for (let symbol = 0; symbol < symbolCount; symbol++) {
      const frequency = frequencies[symbol] ?? 0;
      if (frequency > 0) leaves[leafCount++] = frequency * MAX_SYMBOLS + symbol;
    }
    if (leafCount === 0) return;
    if (leafCount === 1) {
      const onlySymbol = (leaves[0] ?? 0) % MAX_SYMBOLS;
      lengthsOut[onlySymbol] = 1;
      lengthsOut[onlySymbol === 0 ? 1 : 0] = 1;
      return;
    }
    const sorted = leaves.subarray(0, leafCount).sort();

    const weight = this.nodeWeight;
    const parent = this.nodeParent;
    const depth = this.nodeDepth;
    for (let leaf = 0; leaf < leafCount; leaf++) weight[leaf] = Math.floor(sorted[leaf]! / MAX_SYMBOLS);

    // Two-queue Huffman: leaves are sorted and internal nodes are created in non-decreasing weight order,
    // so the two smallest are always at the heads of the two queues. Ties prefer the leaf.
    let nextLeaf = 0;
    let nextInternal = leafCount;
    let internalEnd = leafCount;
    const takeSmallest = (): number => {
      if (nextLeaf < leafCount && (nextInternal >= internalEnd || weight[nextLeaf]! <= weight[nextInternal]!))
        return nextLeaf++;
      return nextInternal++;
    };
    for (let merges = 0; merges < leafCount - 1; merges++) {
      const first = takeSmallest();
      const second = takeSmallest();
      weight[internalEnd] = weight[first]! + weight[second]!;
      parent[first] = internalEnd;
      parent[second] = internalEnd;
      internalEnd++;
    }
    const root = internalEnd - 1;
    depth[root] = 0;
    for (let node = root - 1; node >= 0; node--) depth[node] = depth[parent[node]!]! + 1;

    const counts = this.lengthCounts;
    counts.fill(0);
    let deepest = 0;
    for (let leaf = 0; leaf < leafCount; leaf++) {
      const d = depth[leaf]!;
      counts[d]!++;
      if (d > deepest) deepest = d;
    }
    if (deepest > maxLength) {
      limitLengthCounts(counts, deepest, maxLength);
      deepest = maxLength;
    }

    // Hand the lengths out again: longest codewords to the least frequent (then lowest-valued) symbols.
    let leaf = 0;
    for (let length = deepest; length >= 1; length--) {
      for (let n = counts[length]!; n > 0; n--) {
        lengthsOut[sorted[leaf]! % MAX_SYMBOLS] = length;
        leaf++;
      }
    }
  }
}

/**
 * Moves every leaf deeper than maxLength up to maxLength, then restores Kraft equality: each step drops one
 * maxLength leaf and splits the deepest shorter leaf into two, which lowers the Kraft sum by exactly one
 * unit of 2^-maxLength. (Same repair as miniz's tdefl_huffman_enforce_max_code_size.)
 */
function limitLengthCounts(counts: Int32Array, deepest: number, maxLength: number): void {
  for (let length = maxLength + 1; length <= deepest; length++) {
    counts[maxLength]! += counts[length]!;
    counts[length] = 0;
  }
  let kraftTotal = 0;
  for (let length = maxLength; length >= 1; length--)
    kraftTotal += counts[length]! * 2 ** (maxLength - length);
  const complete = 2 ** maxLength;
  while (kraftTotal > complete) {
    counts[maxLength]!--;
    for (let length = maxLength - 1; length >= 1; length--) {
      if (counts[length]! > 0) {
        counts[length]!--;
        counts[length + 1]! += 2;
        break;
      }
    }
    kraftTotal--;
  }
}

/**
 * Canonical codewords (spec §8.4): symbols sorted by (length, value) get consecutive codes, shifted left
 * whenever the length grows. Returns false when the lengths do not form a complete code.
 */
export function assignCanonicalCodewords(
  lengths: Uint8Array,
  symbolCount: number,
  maxLength: number,
  codewordsOut: Uint16Array,
): boolean {
  const countPerLength = new Int32Array(maxLength + 1);
  for (let symbol = 0; symbol < symbolCount; symbol++) countPerLength[lengths[symbol]!]!++;
  countPerLength[0] = 0;
  const nextCode = new Int32Array(maxLength + 1);
  let code = 0;
  let kraftTotal = 0;
  for (let length = 1; length <= maxLength; length++) {
    code = (code + countPerLength[length - 1]!) << 1;
    nextCode[length] = code;
    kraftTotal += countPerLength[length]! * 2 ** (maxLength - length);
  }
  for (let symbol = 0; symbol < symbolCount; symbol++) {
    const length = lengths[symbol]!;
    codewordsOut[symbol] = length === 0 ? 0 : nextCode[length]!++;
  }
  return kraftTotal === 2 ** maxLength;
}
