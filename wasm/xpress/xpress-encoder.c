/*
 * XPRESS-Huffman encoder for one WIM chunk, compiled freestanding to WebAssembly (see build.sh).
 * Written for PPKG Studio; format facts from wim-format.md §8 ([MS-XCA] 2.1/2.2). The TypeScript encoder in
 * shared/wim/xpress/ stays the reference and fallback.
 *
 * Why C + clang rather than AssemblyScript: explicit unaligned 32/64-bit loads and count-trailing-zeros for
 * word-at-a-time match extension, plain static arrays laid out once in linear memory, and LLVM's optimiser.
 * Built with --target=wasm32 -nostdlib (no libc at all), so the only inputs are this file and clang/lld
 * 14 from Debian, which makes the committed binary reproducible byte for byte.
 *
 * Interface (all state is static; one instance per thread/isolate):
 *   xpress_input()  → address of a 64 KiB buffer the caller fills with the chunk
 *   xpress_output() → address of the stream once xpress_compress returned non-zero
 *   xpress_compress(length, size_limit) → stream size, or 0 when it would be size_limit bytes or longer
 *     (then nothing is written: the caller stores the chunk raw).
 *
 * Parsing: hash chains keyed by 4 bytes plus a one-entry table keyed by 3 bytes, one-step lazy evaluation,
 * long runs of fruitless searches skip ahead (incompressible data), and far length-3 matches are passed up.
 */

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;

#define EXPORT(name) __attribute__((export_name(#name)))

#define MAX_CHUNK 65536
#define SYMBOL_COUNT 512
#define LITERAL_COUNT 256
#define END_OF_DATA 256
#define MAX_CODEWORD_LENGTH 15
#define TABLE_BYTES 256
#define MIN_MATCH 3
#define LENGTH_ESCAPE 15

/* Match finder parameters (bench/xpress.ts measures their effect). */
#ifndef HASH4_ORDER
#define HASH4_ORDER 15
#endif
#ifndef HASH3_ORDER
#define HASH3_ORDER 14
#endif
#ifndef MAX_SEARCH_DEPTH
#define MAX_SEARCH_DEPTH 32
#endif
#ifndef LAZY_SEARCH_DEPTH
#define LAZY_SEARCH_DEPTH 16
#endif
#ifndef NICE_MATCH_LENGTH
#define NICE_MATCH_LENGTH 64
#endif
/* Look one byte ahead only after a match shorter than this. */
#ifndef LAZY_MATCH_LIMIT
#define LAZY_MATCH_LIMIT 32
#endif
/* After this many searches in a row found nothing, skip further ahead on each miss (at most MAX_SKIP). */
#ifndef SKIP_AFTER_MISSES
#define SKIP_AFTER_MISSES 128
#endif
#define SKIP_GROWTH_SHIFT 5
#define MAX_SKIP 16
#define HASH_MULTIPLIER 0x1E35A7BDu

static u8 input[MAX_CHUNK + 16];
/* Worst case: table + 2 bytes per literal + closing words; with the size limit we never get near it. */
static u8 output[TABLE_BYTES + 2 * MAX_CHUNK + 64];

/*
 * Hash heads hold position + 1 (0 = empty) as 16 bits, small enough to stay in the first-level cache, and
 * are cleared for every chunk (a 48 KiB fill, a few microseconds). chain[pos] is the distance back to the
 * previous position with the same 4-byte hash (0 ends the chain).
 */
static u16 head4[1u << HASH4_ORDER];
static u16 head3[1u << HASH3_ORDER];
static u16 chain[MAX_CHUNK];

/* One item per literal (byte << 16, offset 0) or match ((length − 3) << 16 | offset, offset ≥ 1). */
static u32 items[MAX_CHUNK + 1];
static u32 item_count;
static u32 frequencies[SYMBOL_COUNT];
static u32 extra_length_bytes;

static u8 code_lengths[SYMBOL_COUNT];
static u16 codewords[SYMBOL_COUNT];

static inline u32 load32(const u8 *p) {
  u32 v;
  __builtin_memcpy(&v, p, 4);
  return v;
}
static inline u64 load64(const u8 *p) {
  u64 v;
  __builtin_memcpy(&v, p, 8);
  return v;
}
static inline void store16(u8 *p, u32 v) {
  u16 w = (u16)v;
  __builtin_memcpy(p, &w, 2);
}
static inline u32 hash4(u32 sequence) { return (sequence * HASH_MULTIPLIER) >> (32 - HASH4_ORDER); }
static inline u32 hash3(u32 sequence) {
  return ((sequence & 0xFFFFFF) * HASH_MULTIPLIER) >> (32 - HASH3_ORDER);
}
static inline u32 floor_log2(u32 v) { return 31 - (u32)__builtin_clz(v); }

/* Length of the common prefix of a and b, known to be ≥ length, at most max: 8 bytes per step. */
static inline u32 extend_match(const u8 *a, const u8 *b, u32 length, u32 max) {
  while (length + 8 <= max) {
    u64 difference = load64(a + length) ^ load64(b + length);
    if (difference != 0) return length + ((u32)__builtin_ctzll(difference) >> 3);
    length += 8;
  }
  while (length < max && a[length] == b[length]) length++;
  return length;
}

/* Inserts `pos` into both tables (no search); pos must have 4 readable bytes. */
static inline void insert_position(u32 pos) {
  u32 sequence = load32(input + pos);
  u32 h4 = hash4(sequence);
  u32 previous = head4[h4];
  chain[pos] = previous != 0 ? (u16)(pos + 1 - previous) : 0;
  head4[h4] = (u16)(pos + 1);
  head3[hash3(sequence)] = (u16)(pos + 1);
}

static u32 found_offset;

/*
 * Inserts `pos` and returns the longest match there that is longer than `best` (else `best`), its offset in
 * found_offset. Looks at most `depth` chain entries; stops at nice_length. With use_hash3, a 3-byte match
 * from the one-entry table counts as a start. Needs 4 readable bytes at pos (max_length ≥ 4).
 */
static inline u32 insert_and_find(u32 pos, u32 best, u32 max_length, u32 depth, int use_hash3) {
  const u8 *here = input + pos;
  u32 sequence = load32(here);
  u32 h4 = hash4(sequence);
  u32 h3 = hash3(sequence);
  u32 candidate = head4[h4];
  u32 candidate3 = head3[h3];
  head4[h4] = (u16)(pos + 1);
  head3[h3] = (u16)(pos + 1);
  u32 nice = max_length < NICE_MATCH_LENGTH ? max_length : NICE_MATCH_LENGTH;
  found_offset = 0;
  if (use_hash3 && candidate3 != 0) {
    u32 match_pos = candidate3 - 1;
    if (((load32(input + match_pos) ^ sequence) & 0xFFFFFF) == 0) {
      best = 3;
      found_offset = pos - match_pos;
    }
  }
  if (candidate == 0) {
    chain[pos] = 0;
    return best;
  }
  u32 match_pos = candidate - 1;
  chain[pos] = (u16)(pos - match_pos);
  if (best >= max_length) return best;
  for (;;) {
    const u8 *match = input + match_pos;
    /* Cheap filter first: the byte that would make this candidate longer than the best, then the 4-byte start. */
    if (match[best] == here[best] && load32(match) == sequence) {
      u32 length = extend_match(match, here, 4, max_length);
      if (length > best) {
        best = length;
        found_offset = pos - match_pos;
        if (length >= nice) break;
      }
    }
    if (--depth == 0) break;
    u32 back = chain[match_pos];
    if (back == 0) break;
    match_pos -= back;
  }
  return best;
}

static inline void record_literal(u32 byte) {
  items[item_count++] = byte << 16;
  frequencies[byte]++;
}

static inline void record_match(u32 length, u32 offset) {
  u32 adjusted = length - MIN_MATCH;
  items[item_count++] = (adjusted << 16) | offset;
  u32 header = adjusted < LENGTH_ESCAPE ? adjusted : LENGTH_ESCAPE;
  frequencies[LITERAL_COUNT + (floor_log2(offset) << 4) + header]++;
  if (adjusted >= LENGTH_ESCAPE) extra_length_bytes += adjusted - LENGTH_ESCAPE < 0xFF ? 1 : 3;
}

static void parse(u32 length) {
  /* Positions past this one have fewer than 4 bytes left: not hashed, not searched. */
  const u32 last_searchable = length >= 4 ? length - 4 : 0;
  const u32 too_far_for_length3 = length <= 8192 ? 2048 : 4096;
  u32 misses = 0;
  u32 pos = 0;
  /* Positions below this are already in the tables. */
  while (pos < length) {
    if (length < 4 || pos > last_searchable) {
      record_literal(input[pos++]);
      continue;
    }
    u32 current = insert_and_find(pos, 0, length - pos, MAX_SEARCH_DEPTH, 1);
    u32 offset = found_offset;
    if (current < MIN_MATCH || (current == MIN_MATCH && offset >= too_far_for_length3)) {
      record_literal(input[pos++]);
      if (++misses > SKIP_AFTER_MISSES) {
        u32 skip = (misses - SKIP_AFTER_MISSES) >> SKIP_GROWTH_SHIFT;
        if (skip > MAX_SKIP) skip = MAX_SKIP;
        if (skip > last_searchable - pos + 1) skip = last_searchable - pos + 1;
        while (skip-- > 0) record_literal(input[pos++]);
      }
      continue;
    }
    misses = 0;
    /* Lazy step: a longer match one byte later wins; the byte before it becomes a literal. */
    u32 start = pos;
    u32 next = pos + 1;
    while (current < LAZY_MATCH_LIMIT && next <= last_searchable) {
      u32 candidate = insert_and_find(next, current, length - next, LAZY_SEARCH_DEPTH, 0);
      if (candidate <= current) {
        next++;
        break;
      }
      record_literal(input[start]);
      start = next;
      current = candidate;
      offset = found_offset;
      next++;
    }
    record_match(current, offset);
    u32 end = start + current;
    u32 insert_end = end <= last_searchable ? end : last_searchable + 1;
    for (u32 p = next; p < insert_end; p++) insert_position(p);
    pos = end;
  }
}

/* ---- Huffman code (wim-format.md §8.3/§8.4) ---- */

static u32 sorted_symbols[SYMBOL_COUNT];
static u32 bucket_start[SYMBOL_COUNT];
static u32 node_weight[2 * SYMBOL_COUNT];
static u32 node_parent[2 * SYMBOL_COUNT];
static u32 node_depth[2 * SYMBOL_COUNT];
static u32 length_counts[SYMBOL_COUNT + 1];

/* Sorts keys ascending (heapsort: only the few symbols with frequency ≥ 511 get here). */
static void sort_keys(u32 *keys, u32 n) {
  if (n < 2) return;
  for (u32 start = n / 2; start-- > 0;) {
    u32 root = start;
    for (;;) {
      u32 child = 2 * root + 1;
      if (child >= n) break;
      if (child + 1 < n && keys[child + 1] > keys[child]) child++;
      if (keys[root] >= keys[child]) break;
      u32 t = keys[root];
      keys[root] = keys[child];
      keys[child] = t;
      root = child;
    }
  }
  for (u32 end = n - 1; end > 0; end--) {
    u32 t = keys[0];
    keys[0] = keys[end];
    keys[end] = t;
    u32 root = 0;
    for (;;) {
      u32 child = 2 * root + 1;
      if (child >= end) break;
      if (child + 1 < end && keys[child + 1] > keys[child]) child++;
      if (keys[root] >= keys[child]) break;
      u32 s = keys[root];
      keys[root] = keys[child];
      keys[child] = s;
      root = child;
    }
  }
}

/*
 * Used symbols in (frequency, symbol) order: a counting sort on min(frequency, 511) — stable, so equal
 * frequencies stay in symbol order — then the last bucket (large frequencies) sorted by (frequency, symbol).
 * Returns how many symbols are used.
 */
static u32 sort_symbols(void) {
  const u32 last = SYMBOL_COUNT - 1;
  for (u32 b = 0; b < SYMBOL_COUNT; b++) bucket_start[b] = 0;
  for (u32 s = 0; s < SYMBOL_COUNT; s++) {
    u32 f = frequencies[s];
    bucket_start[f < last ? f : last]++;
  }
  u32 used = SYMBOL_COUNT - bucket_start[0];
  u32 at = 0;
  bucket_start[0] = 0; /* unused symbols are left out */
  for (u32 b = 1; b < SYMBOL_COUNT; b++) {
    u32 count = bucket_start[b];
    bucket_start[b] = at;
    at += count;
  }
  u32 large_start = bucket_start[last];
  for (u32 s = 0; s < SYMBOL_COUNT; s++) {
    u32 f = frequencies[s];
    if (f == 0) continue;
    if (f < last)
      sorted_symbols[bucket_start[f]++] = s;
    else
      sorted_symbols[bucket_start[last]++] = (f << 9) | s; /* f ≤ 65537 < 2^17: fits */
  }
  sort_keys(sorted_symbols + large_start, used - large_start);
  for (u32 i = large_start; i < used; i++) sorted_symbols[i] &= SYMBOL_COUNT - 1;
  return used;
}

/*
 * Lengths of a complete prefix code, none over 15 bits. Two-queue Huffman over the sorted leaves, depths
 * from the parents, then (when too deep) the length histogram is clamped and rebalanced until the Kraft sum is
 * exactly 1; lengths are handed out longest-first to the least frequent symbols. Produces the same lengths as
 * huffman-code.ts (which matches the [MS-XCA] example byte for byte).
 */
static void build_code(void) {
  for (u32 s = 0; s < SYMBOL_COUNT; s++) code_lengths[s] = 0;
  u32 leaf_count = sort_symbols();
  if (leaf_count == 1) {
    u32 only = sorted_symbols[0];
    code_lengths[only] = 1;
    code_lengths[only == 0 ? 1 : 0] = 1;
  } else {
    for (u32 i = 0; i < leaf_count; i++) node_weight[i] = frequencies[sorted_symbols[i]];
    u32 next_leaf = 0, next_internal = leaf_count, internal_end = leaf_count;
    for (u32 merges = 0; merges + 1 < leaf_count; merges++) {
      u32 pick[2];
      for (int k = 0; k < 2; k++) {
        if (next_leaf < leaf_count &&
            (next_internal >= internal_end || node_weight[next_leaf] <= node_weight[next_internal]))
          pick[k] = next_leaf++;
        else
          pick[k] = next_internal++;
      }
      node_weight[internal_end] = node_weight[pick[0]] + node_weight[pick[1]];
      node_parent[pick[0]] = internal_end;
      node_parent[pick[1]] = internal_end;
      internal_end++;
    }
    u32 root = internal_end - 1;
    node_depth[root] = 0;
    for (u32 node = root; node-- > 0;) node_depth[node] = node_depth[node_parent[node]] + 1;
    for (u32 d = 0; d <= SYMBOL_COUNT; d++) length_counts[d] = 0;
    u32 deepest = 0;
    for (u32 leaf = 0; leaf < leaf_count; leaf++) {
      u32 d = node_depth[leaf];
      length_counts[d]++;
      if (d > deepest) deepest = d;
    }
    if (deepest > MAX_CODEWORD_LENGTH) {
      for (u32 d = MAX_CODEWORD_LENGTH + 1; d <= deepest; d++) {
        length_counts[MAX_CODEWORD_LENGTH] += length_counts[d];
        length_counts[d] = 0;
      }
      u32 kraft = 0;
      for (u32 d = 1; d <= MAX_CODEWORD_LENGTH; d++) kraft += length_counts[d] << (MAX_CODEWORD_LENGTH - d);
      while (kraft > (1u << MAX_CODEWORD_LENGTH)) {
        length_counts[MAX_CODEWORD_LENGTH]--;
        for (u32 d = MAX_CODEWORD_LENGTH - 1; d >= 1; d--) {
          if (length_counts[d] > 0) {
            length_counts[d]--;
            length_counts[d + 1] += 2;
            break;
          }
        }
        kraft--;
      }
      deepest = MAX_CODEWORD_LENGTH;
    }
    u32 leaf = 0;
    for (u32 d = deepest; d >= 1; d--)
      for (u32 n = length_counts[d]; n > 0; n--) code_lengths[sorted_symbols[leaf++]] = (u8)d;
  }
  /* Canonical codewords: by (length, symbol), consecutive within a length, shifted as lengths grow. */
  u32 per_length[MAX_CODEWORD_LENGTH + 1];
  u32 next_code[MAX_CODEWORD_LENGTH + 1];
  for (u32 d = 0; d <= MAX_CODEWORD_LENGTH; d++) per_length[d] = 0;
  for (u32 s = 0; s < SYMBOL_COUNT; s++) per_length[code_lengths[s]]++;
  per_length[0] = 0;
  u32 code = 0;
  for (u32 d = 1; d <= MAX_CODEWORD_LENGTH; d++) {
    code = (code + per_length[d - 1]) << 1;
    next_code[d] = code;
  }
  for (u32 s = 0; s < SYMBOL_COUNT; s++) {
    u32 d = code_lengths[s];
    codewords[s] = d == 0 ? 0 : (u16)next_code[d]++;
  }
}

/* Exact stream size: table + 2·(⌈bits/16⌉ + 1) + extra length bytes (wim-format.md §8.6). */
static u32 predicted_size(void) {
  u32 bits = 0;
  for (u32 s = 0; s < SYMBOL_COUNT; s++) {
    u32 f = frequencies[s];
    if (f == 0) continue;
    bits += f * code_lengths[s];
    if (s >= LITERAL_COUNT) bits += f * ((s - LITERAL_COUNT) >> 4);
  }
  return TABLE_BYTES + 2 * ((bits + 15) / 16 + 1) + extra_length_bytes;
}

/*
 * The bitstream: 16-bit little-endian words, MSB first, with raw length bytes between them. Two word slots are
 * reserved ahead of the byte cursor, and a word is written only once more than 16 bits are pending — the
 * point at which the decoder refills — so raw bytes land where the decoder looks for them.
 */
static u32 write_stream(void) {
  for (u32 i = 0; i < TABLE_BYTES; i++) output[i] = code_lengths[2 * i] | (u8)(code_lengths[2 * i + 1] << 4);
  u64 bit_buffer = 0;
  u32 bit_count = 0;
  u8 *first_slot = output + TABLE_BYTES;
  u8 *second_slot = first_slot + 2;
  u8 *cursor = first_slot + 4;
#define FLUSH_WORDS()                                                  \
  while (bit_count > 16) {                                             \
    bit_count -= 16;                                                   \
    store16(first_slot, (u32)(bit_buffer >> bit_count));               \
    first_slot = second_slot;                                          \
    second_slot = cursor;                                              \
    cursor += 2;                                                       \
  }
  for (u32 i = 0; i < item_count; i++) {
    u32 item = items[i];
    u32 offset = item & 0xFFFF;
    if (offset == 0) {
      u32 literal = item >> 16;
      bit_buffer = (bit_buffer << code_lengths[literal]) | codewords[literal];
      bit_count += code_lengths[literal];
      FLUSH_WORDS();
      continue;
    }
    u32 adjusted = item >> 16;
    u32 offset_bits = floor_log2(offset);
    u32 symbol = LITERAL_COUNT + (offset_bits << 4) + (adjusted < LENGTH_ESCAPE ? adjusted : LENGTH_ESCAPE);
    bit_buffer = (bit_buffer << code_lengths[symbol]) | codewords[symbol];
    bit_count += code_lengths[symbol];
    if (adjusted >= LENGTH_ESCAPE) {
      /* The decoder reads these bytes right after the symbol: flush first, then append them. */
      FLUSH_WORDS();
      if (adjusted - LENGTH_ESCAPE < 0xFF) {
        *cursor++ = (u8)(adjusted - LENGTH_ESCAPE);
      } else {
        cursor[0] = 0xFF;
        store16(cursor + 1, adjusted);
        cursor += 3;
      }
    }
    bit_buffer = (bit_buffer << offset_bits) | (offset - (1u << offset_bits));
    bit_count += offset_bits;
    FLUSH_WORDS();
  }
  bit_buffer = (bit_buffer << code_lengths[END_OF_DATA]) | codewords[END_OF_DATA];
  bit_count += code_lengths[END_OF_DATA];
  FLUSH_WORDS();
#undef FLUSH_WORDS
  /* Pending bits left-aligned into the first slot, zeros into the second (7-Zip reads that word). */
  store16(first_slot, (u32)(bit_buffer << (16 - bit_count)));
  store16(second_slot, 0);
  return (u32)(cursor - output);
}

EXPORT(xpress_input) u8 *xpress_input(void) { return input; }
EXPORT(xpress_output) u8 *xpress_output(void) { return output; }

/* True when every byte equals the first (an all-zero chunk, say): one literal and one long match then. */
static int single_byte_run(u32 length) {
  u8 first = input[0];
  for (u32 i = 1; i < length; i++)
    if (input[i] != first) return 0;
  return 1;
}

EXPORT(xpress_compress) u32 xpress_compress(u32 length, u32 size_limit) {
  if (length > MAX_CHUNK) return 0;
  for (u32 s = 0; s < SYMBOL_COUNT; s++) frequencies[s] = 0;
  item_count = 0;
  extra_length_bytes = 0;
  if (length >= 1 + MIN_MATCH && single_byte_run(length)) {
    record_literal(input[0]);
    record_match(length - 1, 1);
  } else {
    __builtin_memset(head4, 0, sizeof head4);
    __builtin_memset(head3, 0, sizeof head3);
    parse(length);
  }
  frequencies[END_OF_DATA]++;
  build_code();
  if (predicted_size() >= size_limit) return 0;
  return write_stream();
}
