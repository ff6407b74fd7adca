import { describe, expect, it } from 'vitest';
import { type FdSystem, fdSink } from '../../cli/support/stdio';

/** A pipe as fstat sees it, whose writes are scripted: a number is bytes taken, a string an errno code. */
function scriptedPipe(script: Array<number | string>): FdSystem & { taken: Buffer[] } {
  const taken: Buffer[] = [];
  return {
    taken,
    fstatSync: () => ({
      isFile: () => false,
      isFIFO: () => true,
      isSocket: () => false,
      isCharacterDevice: () => false,
    }),
    writeSync: (_fd, buffer, offset) => {
      const step = script.shift() ?? Number.MAX_SAFE_INTEGER;
      if (typeof step === 'string') throw Object.assign(new Error(step), { code: step });
      const count = Math.min(step, buffer.length - offset);
      taken.push(Buffer.from(buffer.subarray(offset, offset + count)));
      return count;
    },
  };
}

/** Node's stream stand-in: what the sink handed it, and whether it was asked for at all. */
function recordingStream(): {
  stream: () => NodeJS.WritableStream;
  written: string[];
  created: () => boolean;
} {
  const written: string[] = [];
  let created = false;
  const stream = {
    write: (chunk: string | Uint8Array) => {
      written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    },
  } as unknown as NodeJS.WritableStream;
  return {
    stream: () => ((created = true), stream),
    written,
    created: () => created,
  };
}

describe('CLI output to pipes and files (cli/support/stdio.ts)', () => {
  it('writes a pipe directly, through short writes, and never creates the stream', () => {
    const pipe = scriptedPipe([3, 1, 100]);
    const node = recordingStream();
    const sink = fdSink(1, node.stream, pipe);
    sink('héllo ');
    sink('world\n');
    expect(Buffer.concat(pipe.taken).toString('utf8')).toBe('héllo world\n');
    expect(node.created()).toBe(false);
  });

  it('a full non-blocking pipe (EAGAIN) hands the rest, and every later write, to the stream in order', () => {
    const pipe = scriptedPipe([4, 'EAGAIN']);
    const node = recordingStream();
    const sink = fdSink(1, node.stream, pipe);
    sink('first line\n');
    sink('second line\n');
    expect(Buffer.concat(pipe.taken).toString('utf8')).toBe('firs');
    expect(node.written.join('')).toBe('t line\nsecond line\n');
  });

  it('a reader that went away (EPIPE) ends the output without an error', () => {
    const pipe = scriptedPipe([2, 'EPIPE']);
    const node = recordingStream();
    const sink = fdSink(1, node.stream, pipe);
    sink('abcdef');
    expect(() => sink('more')).not.toThrow();
    expect(Buffer.concat(pipe.taken).toString('utf8')).toBe('ab');
    expect(node.created()).toBe(false);
  });

  it('other write errors are not swallowed', () => {
    const sink = fdSink(1, recordingStream().stream, scriptedPipe(['ENOSPC']));
    expect(() => sink('x')).toThrow('ENOSPC');
  });

  it("a terminal keeps Node's stream", () => {
    const terminal = scriptedPipe([]);
    terminal.fstatSync = () => ({
      isFile: () => false,
      isFIFO: () => false,
      isSocket: () => false,
      isCharacterDevice: () => true,
    });
    const node = recordingStream();
    fdSink(2, node.stream, terminal)('progress');
    expect(node.written).toEqual(['progress']);
    expect(terminal.taken).toEqual([]);
  });
});
