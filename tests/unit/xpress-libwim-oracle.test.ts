/**
 * Chunk-level oracle (spec §11): libwim's own XPRESS codec, called through Python ctypes.
 * - every stream our encoder writes is decoded by libwim to the original bytes;
 * - wimlib's compressor output at levels 10 (greedy), 50 (lazy, the default) and 80/100 (near-optimal) is
 *   decoded by our decoder, strictly (7-Zip rules), to the original bytes.
 * Needs python3 and libwim.so.15 (tests/support/requirements.ts: skipped on a developer machine without them,
 * a failure with CI=true; .ci/run installs wimtools).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createWasmXpressEncoder } from '../../shared/node/wim/xpress-wasm';
import { xpressCompress, xpressDecompress } from '../../shared/wim/xpress';
import { describeWith } from '../support/requirements';

/** wimtools pulls in libwim15; python3 loads it through ctypes. */
function assertLibwimLoads(): void {
  try {
    execFileSync('python3', ['-c', 'import ctypes; ctypes.CDLL("libwim.so.15")'], { stdio: 'ignore' });
  } catch {
    throw new Error('python3 cannot load libwim.so.15 (Debian: apt-get install libwim15, part of wimtools).');
  }
}

const ORACLE_SCRIPT = String.raw`
import ctypes, struct, sys
L = ctypes.CDLL("libwim.so.15")
def frames(data):
    out, pos = [], 0
    while pos < len(data):
        (n,) = struct.unpack_from("<I", data, pos); pos += 4
        out.append(data[pos:pos+n]); pos += n
    return out
inputs = frames(open(sys.argv[1], "rb").read())
ours = frames(open(sys.argv[2], "rb").read())
d = ctypes.c_void_p(); assert L.wimlib_create_decompressor(1, ctypes.c_size_t(65536), ctypes.byref(d)) == 0
verdicts = []
for raw, stream in zip(inputs, ours):
    buf = ctypes.create_string_buffer(max(1, len(raw)))
    rc = L.wimlib_decompress(stream, ctypes.c_size_t(len(stream)), buf, ctypes.c_size_t(len(raw)), d)
    verdicts.append("ok" if rc == 0 and buf.raw[:len(raw)] == raw else "bad")
out = open(sys.argv[3], "wb")
for level in (10, 50, 80, 100):
    c = ctypes.c_void_p(); assert L.wimlib_create_compressor(1, ctypes.c_size_t(65536), ctypes.c_uint(level), ctypes.byref(c)) == 0
    for raw in inputs:
        cbuf = ctypes.create_string_buffer(len(raw) + 1024)
        n = L.wimlib_compress(raw, ctypes.c_size_t(len(raw)), cbuf, ctypes.c_size_t(len(raw) + 1024), c)
        out.write(struct.pack("<I", n)); out.write(cbuf.raw[:n])
    L.wimlib_free_compressor(c)
print(" ".join(verdicts))
`;

function frame(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + 4 + p.length, 0));
  const view = new DataView(out.buffer);
  let at = 0;
  for (const part of parts) {
    view.setUint32(at, part.length, true);
    out.set(part, at + 4);
    at += 4 + part.length;
  }
  return out;
}

function unframe(data: Uint8Array): Uint8Array[] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const out: Uint8Array[] = [];
  for (let at = 0; at < data.length; ) {
    const length = view.getUint32(at, true);
    out.push(data.subarray(at + 4, at + 4 + length));
    at += 4 + length;
  }
  return out;
}

function testInputs(): Uint8Array[] {
  const inputs: Uint8Array[] = [];
  // Real x86 code and text from this machine, cut into WIM-sized chunks.
  const binary = readFileSync(process.execPath).subarray(0, 4 * 32768);
  for (let at = 0; at < binary.length; at += 32768) inputs.push(binary.subarray(at, at + 32768));
  const text = new TextEncoder().encode(
    Array.from(
      { length: 2000 },
      (_, i) => `<Setting Name="Policy${i % 37}" Value="${(i * 7919) % 1000}"/>\n`,
    ).join(''),
  );
  for (let at = 0; at < text.length; at += 32768) inputs.push(text.subarray(at, at + 32768));
  let state = 12345;
  const random = (): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state >>> 24;
  };
  inputs.push(Uint8Array.from({ length: 32768 }, random));
  inputs.push(new Uint8Array(32768));
  inputs.push(new Uint8Array(65536).fill(0x20));
  const runs = new Uint8Array(40000);
  for (let at = 0, len = 1; at < runs.length; at += len, len = (len * 3 + 1) % 700)
    runs.fill(random(), at, at + len);
  inputs.push(runs);
  inputs.push(new TextEncoder().encode('abc'.repeat(200)));
  for (const size of [25, 100, 1000, 5000]) inputs.push(text.subarray(size, size * 2));
  return inputs;
}

describeWith({ tools: ['python3', 'wimlib-imagex'] }, 'XPRESS against libwim (wimlib 1.13)', () => {
  it('libwim decodes our streams (TypeScript and wasm encoders), and we decode wimlib streams at levels 10/50/80/100', () => {
    assertLibwimLoads();
    const dir = mkdtempSync(join(tmpdir(), 'ppkg-xpress-oracle-'));
    try {
      const wasm = createWasmXpressEncoder();
      const inputs = [...testInputs(), ...testInputs()];
      // First half through the TypeScript encoder, second half through the wasm one.
      const ours = inputs.map((input, index) =>
        index < inputs.length / 2 ? xpressCompress(input) : wasm.compress(input, Infinity)!.slice(),
      );
      const scriptPath = join(dir, 'oracle.py');
      writeFileSync(scriptPath, ORACLE_SCRIPT);
      writeFileSync(join(dir, 'inputs.bin'), frame(inputs));
      writeFileSync(join(dir, 'ours.bin'), frame(ours));
      const verdicts = execFileSync(
        'python3',
        [scriptPath, join(dir, 'inputs.bin'), join(dir, 'ours.bin'), join(dir, 'wimlib.bin')],
        { encoding: 'utf8' },
      )
        .trim()
        .split(' ');
      expect(verdicts).toEqual(inputs.map(() => 'ok'));

      const wimlibStreams = unframe(readFileSync(join(dir, 'wimlib.bin')));
      expect(wimlibStreams).toHaveLength(4 * inputs.length);
      let decoded = 0;
      wimlibStreams.forEach((stream, index) => {
        const input = inputs[index % inputs.length]!;
        if (stream.length === 0) return; // wimlib declined (input < 25 bytes or incompressible)
        const output = xpressDecompress(stream, input.length, { strict: true });
        expect(Buffer.compare(output, input), `wimlib stream ${index}`).toBe(0);
        decoded++;
      });
      expect(decoded).toBeGreaterThan(3 * inputs.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
