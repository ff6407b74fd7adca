import type { FileHandle } from 'node:fs/promises';

/** Writes at least this long (compressed blocks of large files) go straight to the file. */
const GATHER_BELOW = 64 * 1024;
/** The most bytes held before they are written. */
const GATHER_LIMIT = 1024 * 1024;

/** Writes all of `bytes` at `position` (a positional write may write less than asked). */
export async function writeFullyAt(handle: FileHandle, bytes: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, position + done);
    done += bytesWritten;
  }
}

/**
 * Positional writes to the WIM being written, with runs of small writes gathered into one. A package is mostly
 * small pieces — header, a dozen provxml resources and their chunk tables, metadata, blob table, XML — and each
 * write is a round trip to Node's thread pool; gathered, a small package takes two or three.
 *
 * The file ends up as if every write had been made at once, in call order: operations run one after another,
 * a write that cannot join the gathered run (elsewhere in the file, or large) first writes out what is gathered,
 * and `flush`, `truncate` and `sync` write it out before they act. A caller may reuse `bytes` once its write's
 * promise has settled. After a failed operation every later one fails with the same error.
 */
export class GatheringWriter {
  private gathered: Uint8Array | null = null;
  /** File position of gathered[0], and how many bytes are gathered. */
  private start = 0;
  private length = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly handle: FileHandle) {}

  writeAt(bytes: Uint8Array, position: number): Promise<void> {
    return this.enqueue(async () => {
      const offset = position - this.start;
      const joins = this.length > 0 && offset >= 0 && offset <= this.length;
      if (bytes.length < GATHER_BELOW && joins && offset + bytes.length <= GATHER_LIMIT) {
        this.gather(bytes, offset);
        return;
      }
      await this.writeOut();
      if (bytes.length >= GATHER_BELOW) return writeFullyAt(this.handle, bytes, position);
      this.start = position;
      this.gather(bytes, 0);
    });
  }

  flush(): Promise<void> {
    return this.enqueue(() => this.writeOut());
  }

  truncate(size: number): Promise<void> {
    return this.enqueue(async () => {
      await this.writeOut();
      await this.handle.truncate(size);
    });
  }

  sync(): Promise<void> {
    return this.enqueue(async () => {
      await this.writeOut();
      await this.handle.sync();
    });
  }

  private enqueue(operation: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(operation);
    return this.queue;
  }

  private gather(bytes: Uint8Array, offset: number): void {
    this.gathered ??= new Uint8Array(GATHER_LIMIT);
    this.gathered.set(bytes, offset);
    this.length = Math.max(this.length, offset + bytes.length);
  }

  private async writeOut(): Promise<void> {
    if (this.length === 0 || !this.gathered) return;
    const length = this.length;
    this.length = 0;
    await writeFullyAt(this.handle, this.gathered.subarray(0, length), this.start);
  }
}
