import { fstatSync, type Stats, writeSync } from 'node:fs';

/**
 * The CLI's output to file descriptors 1 and 2. When one is a file, a pipe or a socket, text is written to it
 * directly and process.stdout / process.stderr are never created: Node builds those streams on first use, and for
 * a pipe that loads its net, stream and tty modules, ~4 ms of every run measured on Node 20 (bench/build.ts
 * prints what a run costs). Terminals, and anything fstat cannot classify, keep Node's stream, which knows
 * consoles (the Windows console API, terminal width).
 */
export type TextSink = (text: string) => void;

/** The two calls the sinks make; tests pass stand-ins to reach the EAGAIN and EPIPE paths. */
export interface FdSystem {
  fstatSync: (fd: number) => Pick<Stats, 'isFile' | 'isFIFO' | 'isSocket' | 'isCharacterDevice'>;
  writeSync: (fd: number, buffer: Uint8Array, offset: number) => number;
}

const NODE_FS: FdSystem = { fstatSync, writeSync };

function fileType(fd: number, system: FdSystem): 'direct' | 'terminal' | 'other' {
  try {
    const stats = system.fstatSync(fd);
    if (stats.isFile() || stats.isFIFO() || stats.isSocket()) return 'direct';
    return stats.isCharacterDevice() ? 'terminal' : 'other';
  } catch {
    return 'other';
  }
}

/**
 * A sink for `fd` (1 or 2); `stream` gives Node's stream for it, created only when needed. Writes are
 * synchronous, as Node's own are for files and (on Linux and macOS) pipes. A reader that went away (EPIPE:
 * `ppkg-studio inspect … | head`) ends the output quietly; a non-blocking pipe that is full (EAGAIN) hands the
 * rest to Node's stream, which waits for it.
 */
export function fdSink(
  fd: number,
  stream: () => NodeJS.WritableStream,
  system: FdSystem = NODE_FS,
): TextSink {
  let sink: TextSink | undefined;
  const direct: TextSink = (text) => {
    const bytes = Buffer.from(text, 'utf8');
    let written = 0;
    while (written < bytes.length) {
      try {
        written += system.writeSync(fd, bytes, written);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EPIPE') {
          sink = () => undefined;
          return;
        }
        if (code !== 'EAGAIN') throw error;
        sink = (later) => void stream().write(later);
        stream().write(bytes.subarray(written));
        return;
      }
    }
  };
  const choose = (): TextSink =>
    fileType(fd, system) === 'direct' ? direct : (text) => void stream().write(text);
  return (text) => (sink ??= choose())(text);
}

/** True when `fd` is a character device: a terminal (or /dev/null), where a progress line may be drawn. */
export function mayBeTerminal(fd: number): boolean {
  return fileType(fd, NODE_FS) === 'terminal';
}
