import type { WriteProgress } from '../../shared/node/wim/wim-writer';

/** Where the progress line goes: process.stderr, or a stand-in in tests. */
export interface ProgressTerminal {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

/** Below this much file content a build takes well under a second: no progress line. */
export const PROGRESS_MIN_BYTES = 16 << 20;

const MIB = 1024 * 1024;

/**
 * A WriteProgress callback that redraws one status line ("  37%  96.0/256.0 MiB  /path/file") on a terminal,
 * or undefined when there is no terminal (piped or redirected stderr stays free of control characters) or
 * the payload is small. The line is erased when the write reaches 100 %.
 */
export function progressLine(
  terminal: ProgressTerminal | undefined,
): ((progress: WriteProgress) => void) | undefined {
  if (!terminal?.isTTY) return undefined;
  let shown = false;
  return ({ bytesDone, bytesTotal, currentFile }) => {
    if (bytesTotal < PROGRESS_MIN_BYTES) return;
    if (bytesDone >= bytesTotal && currentFile === null) {
      if (shown) terminal.write('\r\x1b[K');
      shown = false;
      return;
    }
    const percent = Math.floor((bytesDone / bytesTotal) * 100);
    const text = `${String(percent).padStart(3)}%  ${(bytesDone / MIB).toFixed(1)}/${(bytesTotal / MIB).toFixed(1)} MiB  ${currentFile ?? ''}`;
    const width = Math.max(20, (terminal.columns ?? 80) - 1);
    terminal.write(`\r\x1b[K${text.length > width ? `${text.slice(0, width - 1)}…` : text}`);
    shown = true;
  };
}
