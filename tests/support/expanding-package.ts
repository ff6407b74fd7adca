import { xpressCompress } from '../../shared/wim/xpress';
import { writeWim } from '../../shared/node/wim/wim-writer';

/**
 * A "zip bomb" package: its Multivariant/0/customizations.xml expands to `bytes` (default 1 GiB) of XML
 * that is one comment, stored as a few MiB of XPRESS chunks. The writer compresses the one repeated chunk
 * once (a cached compressor), so making it takes seconds rather than a full compression of the payload.
 */
export async function writeExpandingPackage(path: string, bytes = 1 << 30): Promise<void> {
  const chunkSize = 32 * 1024;
  const chunk = new Uint8Array(chunkSize).fill(0x20);
  const cache = new Map<string, Uint8Array>();
  const compressChunk = (input: Uint8Array): Uint8Array | null => {
    const key = `${input.length}:${input[0]}:${input[input.length - 1]}`;
    let compressed = cache.get(key);
    if (!compressed) cache.set(key, (compressed = xpressCompress(input)));
    return compressed.length < input.length ? compressed : null;
  };
  const head = new TextEncoder().encode('<WindowsCustomizations><!--');
  async function* content(): AsyncGenerator<Uint8Array> {
    // Starts with the head, then spaces up to the size (only the first chunk differs from the others).
    const first = chunk.slice();
    first.set(head);
    yield first;
    for (let done = chunkSize; done < bytes; done += chunkSize) {
      yield done + chunkSize <= bytes ? chunk : chunk.subarray(0, bytes - done);
    }
  }
  await writeWim(path, {
    entries: [
      {
        kind: 'directory',
        name: 'Multivariant',
        children: [
          {
            kind: 'directory',
            name: '0',
            children: [{ kind: 'file', name: 'customizations.xml', content: { stream: content } }],
          },
        ],
      },
    ],
    compressChunk,
    workerCount: 0,
  });
}
