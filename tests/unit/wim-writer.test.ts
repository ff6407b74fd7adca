import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, symlink, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerWimCommands } from '../../cli/commands/wim';
import { PROGRESS_MIN_BYTES, type ProgressTerminal } from '../../cli/support/progress-line';
import { runCli } from '../../cli/support/run-cli';
import { captureDirectory } from '../../shared/node/wim/capture';
import { openWimFile } from '../../shared/node/wim/wim-file-reader';
import {
  type WimEntryInput,
  WimInputError,
  type WriteProgress,
  writeWim,
} from '../../shared/node/wim/wim-writer';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'wim-writer-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const FIXED = {
  guid: new Uint8Array(16).fill(7),
  timestamp: 0x01dc63aa5e15beacn,
  imageProperties: [
    ['NAME', 'Repro'],
    ['DESCRIPTION', ''],
    ['PACKAGEID', '{2e8ca021-e00d-44ac-b83c-08a6048bfb97}'],
  ] as const,
};

function sampleEntries(): WimEntryInput[] {
  const text = new TextEncoder().encode('<setting name="x" value="y" />\r\n'.repeat(5000));
  return [
    {
      kind: 'directory',
      name: 'Multivariant',
      children: [
        { kind: 'file', name: 'customizations.xml', content: { bytes: text } },
        { kind: 'file', name: 'copy.xml', content: { bytes: text } },
      ],
    },
    { kind: 'file', name: 'noise.bin', content: { bytes: new Uint8Array(randomBytes(100_000)) } },
    {
      kind: 'file',
      name: 'streamed.bin',
      content: {
        async *stream() {
          for (let i = 0; i < 10; i++) yield new Uint8Array(50_000).fill(i);
        },
      },
    },
  ];
}

describe('writeWim', () => {
  it('is deterministic: same inputs, GUID and timestamp give the same bytes, with or without workers', async () => {
    const entries = sampleEntries();
    const a = join(work, 'a.wim');
    const b = join(work, 'b.wim');
    const first = await writeWim(a, { entries, ...FIXED, workerCount: 2 });
    const second = await writeWim(b, { entries, ...FIXED, workerCount: 0 });
    expect(first.compressorMode).toBe('workers');
    expect(second.compressorMode).toBe('in-thread');
    expect((await readFile(a)).equals(await readFile(b))).toBe(true);
  });

  it('dedups by SHA-1, stores incompressible data raw, and keeps the caller property order in the XML', async () => {
    const target = join(work, 'dedup.wim');
    const result = await writeWim(target, { entries: sampleEntries(), ...FIXED, workerCount: 0 });
    expect(result.fileCount).toBe(4);
    expect(result.blobCount).toBe(3);
    const wim = await openWimFile(target);
    try {
      const blobs = [...wim.container.blobTable.blobs.values()];
      const noise = blobs.find((blob) => blob.resource.originalSize === 100_000);
      expect(noise?.resource.flags).toBe(0);
      expect(noise?.resource.storedSize).toBe(100_000);
      const text = blobs.find((blob) => blob.resource.originalSize === 160_000);
      expect(text?.resource.flags).toBe(4);
      expect(text?.refCount).toBe(2);
      expect(wim.xml.images[0]?.properties.map(([name]) => name)).toEqual([
        'NAME',
        'DESCRIPTION',
        'PACKAGEID',
        'DIRCOUNT',
        'FILECOUNT',
        'TOTALBYTES',
        'HARDLINKBYTES',
        'WIMBOOT',
      ]);
      expect(wim.xml.totalBytes).toBe(wim.header.xmlData.offset);
      expect(wim.entries.map((entry) => entry.path)).toEqual([
        'Multivariant',
        'Multivariant/customizations.xml',
        'Multivariant/copy.xml',
        'noise.bin',
        'streamed.bin',
      ]);
      const streamed = wim.find('streamed.bin');
      if (!streamed) throw new Error('streamed.bin missing');
      const expected = createHash('sha1');
      for (let i = 0; i < 10; i++) expected.update(new Uint8Array(50_000).fill(i));
      expect(
        createHash('sha1')
          .update(await wim.readFile(streamed))
          .digest('hex'),
      ).toBe(expected.digest('hex'));
    } finally {
      await wim.close();
    }
  });

  it('fails, writing nothing, when streamed content differs between the hash and write passes', async () => {
    let calls = 0;
    const target = join(work, 'changing.wim');
    await expect(
      writeWim(target, {
        entries: [
          {
            kind: 'file',
            name: 'moving.bin',
            content: {
              async *stream() {
                yield new Uint8Array(100_000).fill(calls++);
              },
            },
          },
        ],
        workerCount: 0,
      }),
    ).rejects.toThrow(/changed while the WIM was being written/);
    expect(calls).toBe(2);
    expect((await readdir(work)).filter((name) => name.includes('changing'))).toEqual([]);
  });

  it('reports write progress: monotonic bytes, the current file, a final 100 % with no file', async () => {
    const big = new Uint8Array(randomBytes(3 << 20));
    const entries: WimEntryInput[] = [
      { kind: 'file', name: 'a.bin', content: { bytes: big } },
      { kind: 'file', name: 'copy.bin', content: { bytes: big } },
      {
        kind: 'directory',
        name: 'd',
        children: [{ kind: 'file', name: 'b.txt', content: { bytes: big.subarray(0, 10) } }],
      },
    ];
    const reports: WriteProgress[] = [];
    await writeWim(join(work, 'progress.wim'), {
      entries,
      ...FIXED,
      workerCount: 0,
      onWriteProgress: (progress) => reports.push({ ...progress }),
    });
    const total = 2 * big.length + 10;
    expect(reports[0]).toEqual({ bytesDone: 0, bytesTotal: total, currentFile: '/a.bin' });
    expect(reports.at(-1)).toEqual({ bytesDone: total, bytesTotal: total, currentFile: null });
    for (let i = 1; i < reports.length; i++) {
      expect(reports[i]!.bytesDone).toBeGreaterThanOrEqual(reports[i - 1]!.bytesDone);
      expect(reports[i]!.bytesTotal).toBe(total);
    }
    // Throttled: a few MiB in-thread gives a handful of calls, not one per 32 KiB chunk (96 chunks).
    expect(reports.length).toBeLessThan(40);
  });

  it('rejects unusable names and leaves no file behind', async () => {
    const target = join(work, 'bad', 'x.wim');
    for (const name of ['a/b', '..', '']) {
      await expect(
        writeWim(target, { entries: [{ kind: 'file', name, content: { bytes: new Uint8Array(1) } }] }),
      ).rejects.toBeInstanceOf(WimInputError);
    }
    await expect(
      writeWim(target, {
        entries: [
          { kind: 'directory', name: 'same', children: [] },
          { kind: 'file', name: 'same', content: { bytes: new Uint8Array(1) } },
        ],
      }),
    ).rejects.toThrow(/duplicate name/);
    expect(await readdir(join(work, 'bad')).catch(() => [])).toEqual([]);
  });
});

describe('ppkg-studio wim (in-process)', () => {
  async function cli(...args: string[]) {
    return cliWithTerminal(undefined, ...args);
  }
  async function cliWithTerminal(terminal: ProgressTerminal | undefined, ...args: string[]) {
    const program = new Command('ppkg-studio');
    const out: string[] = [];
    const err: string[] = [];
    const io = {
      stdout: (text: string) => void out.push(text),
      stderr: (text: string) => void err.push(text),
      ...(terminal ? { progressTerminal: terminal } : {}),
    };
    registerWimCommands(program, io);
    const code = await runCli(program, ['node', 'ppkg-studio', ...args], io);
    return { code, stdout: out.join(''), stderr: err.join('') };
  }

  it('shows a progress line for a large capture on a TTY only; piped stderr stays empty', async () => {
    const dir = join(work, 'large-tree');
    await mkdir(dir, { recursive: true });
    // Over PROGRESS_MIN_BYTES; zeros and a repeated block compress fast.
    await writeFile(join(dir, 'zeros.bin'), new Uint8Array(PROGRESS_MIN_BYTES));
    await writeFile(join(dir, 'block.bin'), new Uint8Array(randomBytes(4096)));
    const written = (isTTY: boolean) => {
      const writes: string[] = [];
      return { writes, terminal: { isTTY, columns: 60, write: (text: string) => void writes.push(text) } };
    };
    const piped = written(false);
    const pipedRun = await cliWithTerminal(
      piped.terminal,
      'wim',
      'capture',
      dir,
      '-o',
      join(work, 'large-1.wim'),
      '--threads',
      '0',
    );
    expect(pipedRun.code).toBe(0);
    expect(pipedRun.stderr).toBe('');
    expect(piped.writes).toEqual([]);

    const tty = written(true);
    const ttyRun = await cliWithTerminal(
      tty.terminal,
      'wim',
      'capture',
      dir,
      '-o',
      join(work, 'large-2.wim'),
      '--threads',
      '0',
    );
    expect(ttyRun.code).toBe(0);
    expect(tty.writes[0]).toBe('\r\x1b[K  0%  0.0/16.0 MiB  /block.bin');
    expect(tty.writes.at(-1)).toBe('\r\x1b[K');
    expect(tty.writes.every((text) => text.length <= 3 + 3 + 59)).toBe(true);
  });

  it('captures, lists as JSON and extracts a folder', async () => {
    const src = join(work, 'cli-src');
    await mkdir(join(src, 'sub'), { recursive: true });
    await writeFile(join(src, 'sub', 'a.txt'), 'hello '.repeat(10_000));
    await writeFile(join(src, 'empty'), '');
    const wimPath = join(work, 'cli.wim');
    const capture = await cli('wim', 'capture', src, '-o', wimPath, '--name', 'Test image');
    expect(capture.stderr).toBe('');
    expect(capture.code).toBe(0);
    // 60 kB of content: below WORKERS_MIN_BYTES no worker thread is started.
    expect(capture.stdout).toMatch(/, XPRESS-compressed\n$/);
    const info = await cli('wim', 'info', wimPath, '--json');
    expect(info.code).toBe(0);
    const parsed = JSON.parse(info.stdout);
    expect(parsed.header.flags).toBe(0x20082);
    expect(parsed.image.properties.NAME).toBe('Test image');
    expect(
      parsed.image.entries.map((entry: { path: string; size: number }) => [entry.path, entry.size]),
    ).toEqual([
      ['empty', 0],
      ['sub', 0],
      ['sub/a.txt', 60_000],
    ]);
    const out = join(work, 'cli-out');
    expect((await cli('wim', 'extract', wimPath, '-o', out)).code).toBe(0);
    expect(await readFile(join(out, 'sub', 'a.txt'), 'utf8')).toBe('hello '.repeat(10_000));
    const again = await cli('wim', 'extract', wimPath, '-o', out);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/not empty/);
  });

  it('exits 1 naming structure and offset for a corrupt WIM, 2 for usage errors, and writes nothing', async () => {
    const good = join(work, 'cli.wim');
    const corrupt = join(work, 'corrupt.wim');
    const bytes = await readFile(good);
    bytes.writeUInt32LE(0x10c00, 0x0c);
    await writeFile(corrupt, bytes);
    const bad = await cli('wim', 'info', corrupt);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/header at byte offset 12/);
    const badExtract = await cli('wim', 'extract', corrupt, '-o', join(work, 'never'));
    expect(badExtract.code).toBe(1);
    expect((await cli('wim', 'capture', work)).code).toBe(2);
    expect((await cli('wim', 'capture', work, '-o', 'x.wim', '--compress', 'lzx')).code).toBe(2);
    expect((await cli('wim', 'frobnicate')).code).toBe(2);
    const withLink = join(work, 'link-src');
    await mkdir(withLink);
    await symlink('/etc/hostname', join(withLink, 'link'));
    const linkCapture = await cli('wim', 'capture', withLink, '-o', join(work, 'never.wim'));
    expect(linkCapture.code).toBe(1);
    expect(linkCapture.stderr).toMatch(/symlinks are not captured/);
    expect((await readdir(work)).filter((name) => name.startsWith('never') || name.includes('.tmp'))).toEqual(
      [],
    );
  });
});

describe('openWimFile on damaged metadata', () => {
  it('names the dentry offset inside the metadata and where that resource is stored', async () => {
    const target = join(work, 'meta.wim');
    await writeWim(target, {
      entries: [{ kind: 'file', name: 'a.txt', content: { bytes: new TextEncoder().encode('a') } }],
      compression: 'none',
      security: 'none',
      ...FIXED,
    });
    const bytes = await readFile(target);
    const tableOffset = Number(bytes.readBigUInt64LE(0x38));
    const metadataOffset = Number(bytes.readBigUInt64LE(tableOffset + 8));
    const metadataSize = Number(bytes.readBigUInt64LE(tableOffset + 16));
    // Root dentry at 8 (empty security block): clear its DIRECTORY attribute, then fix the metadata SHA-1.
    bytes.writeUInt32LE(0x20, metadataOffset + 8 + 8);
    const sha1 = createHash('sha1')
      .update(bytes.subarray(metadataOffset, metadataOffset + metadataSize))
      .digest();
    sha1.copy(bytes, tableOffset + 30);
    const damaged = join(work, 'meta-damaged.wim');
    await writeFile(damaged, bytes);
    await expect(openWimFile(damaged)).rejects.toThrow(
      `dentry at byte offset 8: root dentry is not a directory (offset within the uncompressed metadata resource stored at file offset ${metadataOffset})`,
    );
  });
});

describe('captureDirectory', () => {
  it('reports each file size as the scan finds it', async () => {
    const dir = join(work, 'scan');
    await mkdir(join(dir, 'sub'), { recursive: true });
    await writeFile(join(dir, 'a'), new Uint8Array(10));
    await writeFile(join(dir, 'sub', 'b'), new Uint8Array(2000));
    const sizes: number[] = [];
    await captureDirectory(dir, (size) => sizes.push(size));
    expect(sizes.sort((x, y) => x - y)).toEqual([10, 2000]);
  });
});
