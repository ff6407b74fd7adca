import { basename, resolve } from 'node:path';
import { readdir } from 'node:fs/promises';
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { WimEntry, WimFile } from '../../shared/node/wim/wim-file-reader';
import { formatFiletime } from '../../shared/wim/filetime';
import { WimHeaderFlags } from '../../shared/wim/header';
import { UsageError } from '../support/exit-codes';
import { progressLine } from '../support/progress-line';
import type { CliIo } from '../support/run-cli';

const FLAG_NAMES: [number, string][] = Object.entries(WimHeaderFlags).map(([name, bit]) => [bit, name]);

function describeFlags(flags: number): string {
  const names = FLAG_NAMES.filter(([bit]) => (flags & bit) !== 0).map(([, name]) => name);
  return `0x${flags.toString(16).padStart(8, '0')}${names.length ? ` (${names.join(' | ')})` : ''}`;
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

function entryJson(entry: WimEntry) {
  return {
    path: entry.path,
    type: entry.isDirectory ? 'directory' : 'file',
    size: entry.size,
    attributes: entry.attributes,
    securityId: entry.securityId,
    creationTime: formatFiletime(entry.creationTime),
    lastWriteTime: formatFiletime(entry.lastWriteTime),
    lastAccessTime: formatFiletime(entry.lastAccessTime),
    sha1: entry.sha1,
  };
}

function infoJson(path: string, wim: WimFile) {
  const { header, xml } = wim;
  return {
    path,
    header: {
      version: '1.13',
      flags: header.flags,
      compression: header.compression,
      chunkSize: header.chunkSize,
      guid: hex(header.guid),
      partNumber: header.partNumber,
      totalParts: header.totalParts,
      imageCount: header.imageCount,
      bootIndex: header.bootIndex,
      blobTable: header.blobTable,
      xmlData: header.xmlData,
      integrityTable: header.integrityTable.storedSize > 0 ? header.integrityTable : null,
    },
    blobCount: wim.container.blobTable.blobs.size,
    xml: { totalBytes: xml.totalBytes ?? null, text: xml.text },
    image: {
      index: 1,
      properties: Object.fromEntries(xml.images[0]?.properties ?? []),
      propertyOrder: (xml.images[0]?.properties ?? []).map(([name]) => name),
      entries: wim.entries.map(entryJson),
    },
  };
}

function infoText(path: string, wim: WimFile): string {
  const { header, xml } = wim;
  const lines = [
    `Path:          ${path}`,
    `Version:       1.13 (0x10d00)`,
    `Flags:         ${describeFlags(header.flags)}`,
    `Compression:   ${header.compression === 'xpress' ? `XPRESS, ${header.chunkSize}-byte chunks` : 'none'}`,
    `GUID:          ${hex(header.guid)}`,
    `Part:          ${header.partNumber}/${header.totalParts}`,
    `Images:        ${header.imageCount} (boot index ${header.bootIndex})`,
    `Blob table:    ${header.blobTable.storedSize / 50} entries at ${header.blobTable.offset}`,
    `XML data:      ${header.xmlData.storedSize} bytes at ${header.xmlData.offset}`,
    `Integrity:     ${header.integrityTable.storedSize > 0 ? `${header.integrityTable.storedSize} bytes` : 'none'}`,
    '',
    'Image 1 properties:',
    ...(xml.images[0]?.properties ?? []).map(([name, value]) => `  ${name} = ${value}`),
    '',
    'Image 1 contents (attributes, size, last write time, path):',
    ...wim.entries.map(
      (entry) =>
        `  0x${entry.attributes.toString(16).padStart(8, '0')} ${String(entry.size).padStart(12)} ` +
        `${formatFiletime(entry.lastWriteTime)} ${entry.path}${entry.isDirectory ? '/' : ''}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

function parseThreads(value: string): number {
  const threads = Number(value);
  if (!Number.isInteger(threads) || threads < 0 || threads > 64) {
    throw new InvalidArgumentError('expected an integer from 0 to 64');
  }
  return threads;
}

async function withWim<T>(path: string, use: (wim: WimFile) => Promise<T>): Promise<T> {
  // Loaded here, not at the top: a capture never needs the reader (nor the XML parser it brings).
  const { openWimFile } = await import('../../shared/node/wim/wim-file-reader');
  const wim = await openWimFile(path);
  try {
    return await use(wim);
  } finally {
    await wim.close();
  }
}

/** `ppkg-studio wim capture|info|extract`. */
export function registerWimCommands(program: Command, io: CliIo): void {
  const wim = program
    .command('wim')
    .description('Create, inspect and extract WIM images (the .ppkg container).');

  wim
    .command('capture')
    .description('Capture a folder into a single-image WIM with WCD-style header, blob table and XML.')
    .argument('<dir>', 'folder to capture')
    .requiredOption('-o, --output <file>', 'WIM file to write (written atomically)')
    .addOption(new Option('--compress <type>', 'compression').choices(['xpress', 'none']).default('xpress'))
    .option('--name <name>', 'image name (XML NAME); default: the folder name')
    .addOption(
      new Option(
        '--threads <n>',
        'compression worker threads (0 = compress on the main thread; default: 2 from 16 MiB of content, else 0)',
      ).argParser(parseThreads),
    )
    .action(
      async (
        dir: string,
        options: { output: string; compress: 'xpress' | 'none'; name?: string; threads?: number },
      ) => {
        const [{ captureDirectory }, { writeWim }, { createChunkCompressor, WORKERS_MIN_BYTES }] =
          await Promise.all([
            import('../../shared/node/wim/capture'),
            import('../../shared/node/wim/wim-writer'),
            import('../../shared/node/wim/worker-pool'),
          ]);
        const started = performance.now();
        // Worker threads start before the folder scan when asked for (--threads N), else during it, as soon as
        // it has found enough content to make them worth starting (small captures finish sooner in-thread).
        const threads = options.compress === 'xpress' ? options.threads : 0;
        let pool = threads ? createChunkCompressor({ workerCount: threads }) : null;
        let found = 0;
        const onFileFound = (size: number): void => {
          found += size;
          if (threads === undefined && !pool && found >= WORKERS_MIN_BYTES)
            pool = createChunkCompressor({ workerCount: 2 });
        };
        let result;
        let scanned = started;
        try {
          const root = await captureDirectory(dir, onFileFound);
          scanned = performance.now();
          const name = options.name ?? basename(resolve(dir));
          const chunkCompressor = await pool;
          result = await writeWim(options.output, {
            entries: root.children,
            rootTimes: root.times,
            compression: options.compress,
            imageProperties: [['NAME', name]],
            ...(chunkCompressor ? { chunkCompressor } : { workerCount: 0 }),
            onWriteProgress: progressLine(io.progressTerminal),
          });
        } finally {
          await (await pool)?.close();
        }
        // For benchmarks: where the time went (fsync is kept — a package must be durable — but measured).
        if (process.env.PPKG_TIMINGS) {
          const total = performance.now() - started;
          io.stderr(
            `timings: scan ${(scanned - started).toFixed(1)} ms, write ${(total - (scanned - started)).toFixed(1)} ms ` +
              `(fsync ${(result.syncMilliseconds ?? 0).toFixed(1)} ms), total ${total.toFixed(1)} ms\n`,
          );
        }
        io.stdout(
          `Wrote ${options.output}: ${result.fileSize} bytes, ${result.fileCount} files, ` +
            `${result.directoryCount} folders, ${result.blobCount} distinct blobs` +
            (result.compressorMode === 'none'
              ? ', uncompressed\n'
              : result.compressorMode === 'workers'
                ? ', XPRESS-compressed on background threads\n'
                : ', XPRESS-compressed\n'),
        );
      },
    );

  wim
    .command('info')
    .description('Show header, image properties and the file list of a WIM.')
    .argument('<file>', 'WIM or .ppkg file')
    .option('--json', 'machine-readable output')
    .action(async (file: string, options: { json?: boolean }) => {
      await withWim(file, async (opened) => {
        io.stdout(
          options.json ? `${JSON.stringify(infoJson(file, opened), null, 2)}\n` : infoText(file, opened),
        );
      });
    });

  wim
    .command('extract')
    .description('Extract image 1 into a folder, verifying every SHA-1.')
    .argument('<file>', 'WIM or .ppkg file')
    .requiredOption('-o, --output <dir>', 'folder to create (must not exist or be empty)')
    .action(async (file: string, options: { output: string }) => {
      await withWim(file, async (opened) => {
        const existing = await readdir(options.output).catch(() => []);
        if (existing.length > 0) throw new UsageError(`output folder ${options.output} is not empty`);
        const totals = await opened.extractTo(options.output);
        io.stdout(`Extracted ${totals.files} files, ${totals.directories} folders, ${totals.bytes} bytes\n`);
      });
    });
}
