import { createReadStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { join } from 'node:path';
import JSZip from 'jszip';
import { formatManifestCsv } from '../../batch/manifest';
import type { ManifestEntry } from '../../batch/manifest';
import { prepareBatch } from '../../batch/prepare-batch';
import type { PrepareBatchOptions } from '../../batch/prepare-batch';
import type {
  BatchRowError,
  BatchRowWarning,
  BatchTable,
  ColumnMapping,
  MappingIssue,
  PreparedRow,
} from '../../batch/types';
import type { CustomizationsDocument } from '../../model/customizations-document';
import { SecretValues } from '../../redaction';
import { makeTempDirBeside, removeTemp, writeBytesAtomic, writeFileAtomic } from '../atomic-write';
import { sha256HexOfFile } from '../hash-file';
import type { WriteProgress } from '../wim/wim-writer';
import { catalogPathFor } from '../package-security/catalog-file';
import { errorMessage } from '../../text/error-message';

/** Builds one package from a document into `outPath`, reporting its WIM write progress when asked. */
export type BuildPackage = (
  doc: CustomizationsDocument,
  outPath: string,
  signal: AbortSignal,
  onWriteProgress?: (progress: WriteProgress) => void,
) => Promise<void>;

export type BatchOutput =
  /** `<folder>/<PackageName>.ppkg` per row and `<folder>/manifest.csv`. */
  | { kind: 'folder'; path: string }
  /** One `.zip` holding the packages and manifest.csv, written only when the batch completes. */
  | { kind: 'zip'; path: string };

export interface BatchProgress {
  /** Rows handled so far (built or failed) out of the rows that passed preparation. */
  done: number;
  total: number;
  /** The row being built now, if any. */
  current?: { rowNumber: number; packageName: string };
}

export interface RunBatchOptions extends PrepareBatchOptions {
  template: CustomizationsDocument;
  table: BatchTable;
  mapping: ColumnMapping;
  buildPackage: BuildPackage;
  output: BatchOutput;
  onProgress?: (progress: BatchProgress) => void;
  /** Byte-level write progress of the package being built now (resets for each row). */
  onWriteProgress?: (progress: WriteProgress) => void;
  signal?: AbortSignal;
  /** Clock for the manifest's build times (tests pin it). */
  now?: () => Date;
  /**
   * A non-empty output folder (or an existing .zip) is refused unless this is set; then the previous run's
   * packages and manifest.csv are removed first. A folder holding anything else is always refused.
   */
  overwrite?: boolean;
}

export interface BatchResult {
  /** Non-empty means nothing was built: fix the column mapping. */
  mappingIssues: MappingIssue[];
  built: ManifestEntry[];
  /** Rows rejected during preparation and rows whose build failed, by row number. */
  errors: BatchRowError[];
  /** Validation warnings of the rows that were built or attempted (as `build` prints them). */
  warnings: BatchRowWarning[];
  cancelled: boolean;
  /** The folder or zip written; null when nothing was written (mapping issues, cancelled zip). A zip too
   * large for the format throws BatchOutputError instead (nothing written). */
  outputPath: string | null;
}

const isAbort = (error: unknown, signal: AbortSignal): boolean =>
  signal.aborted || (error instanceof Error && error.name === 'AbortError');

/**
 * Builds one package per valid row. A row that fails to prepare or build is reported and the batch goes
 * on; cancelling (signal) stops the build in progress and discards its package. Folder output keeps the packages built before a
 * cancel, with a manifest listing exactly those; zip output is written only for a batch that ran to the end.
 */
export async function runBatch(options: RunBatchOptions): Promise<BatchResult> {
  const { template, table, mapping, buildPackage, output, onProgress, now = () => new Date() } = options;
  const signal = options.signal ?? new AbortController().signal;
  const prepared = prepareBatch(template, table, mapping, options);
  if (prepared.mappingIssues.length > 0) {
    return {
      mappingIssues: prepared.mappingIssues,
      built: [],
      errors: [],
      warnings: [],
      cancelled: false,
      outputPath: null,
    };
  }

  const errors = [...prepared.errors];
  const warnings = prepared.warnings;
  const built: ManifestEntry[] = [];
  await prepareOutput(output, options.overwrite ?? false);
  // Zip: the packages are staged in a private folder beside the .zip (mode 0700, removed on exit/signal).
  const buildFolder = output.kind === 'folder' ? output.path : await makeTempDirBeside(output.path);
  await mkdir(buildFolder, { recursive: true });
  let cancelled = false;
  try {
    const total = prepared.rows.length;
    onProgress?.({ done: 0, total });
    for (const [index, row] of prepared.rows.entries()) {
      if (signal.aborted) {
        cancelled = true;
        break;
      }
      onProgress?.({
        done: index,
        total,
        current: { rowNumber: row.rowNumber, packageName: row.packageName },
      });
      const outcome = await buildRow(row, buildFolder, buildPackage, signal, now, options.onWriteProgress);
      if (outcome.kind === 'built') built.push(outcome.entry);
      else if (outcome.kind === 'failed') errors.push(outcome.error);
      else {
        cancelled = true;
        break;
      }
      onProgress?.({ done: index + 1, total });
    }

    errors.sort((a, b) => a.rowNumber - b.rowNumber);
    const manifest = formatManifestCsv(built);
    if (output.kind === 'folder') {
      await writeBytesAtomic(join(output.path, 'manifest.csv'), manifest);
      return { mappingIssues: [], built, errors, warnings, cancelled, outputPath: output.path };
    }
    if (cancelled) return { mappingIssues: [], built, errors, warnings, cancelled, outputPath: null };
    await writeZip(output.path, buildFolder, built, manifest);
    return { mappingIssues: [], built, errors, warnings, cancelled, outputPath: output.path };
  } finally {
    if (output.kind === 'zip') await removeTemp(buildFolder);
  }
}

/** What a previous batch run leaves in its folder: packages, their catalogs, the manifest, our temp files. */
const PREVIOUS_RUN_ENTRY = /(\.ppkg|\.cat|^manifest\.csv|\.[0-9a-f]{12}\.tmp)$/i;

/**
 * Refuses to mix runs: a non-empty output folder (or an existing .zip) is an error unless `overwrite`, and
 * then only a folder holding nothing but a previous run's packages and manifest is emptied, first.
 */
async function prepareOutput(output: BatchOutput, overwrite: boolean): Promise<void> {
  if (output.kind === 'zip') {
    const existing = await stat(output.path).catch(() => undefined);
    if (existing && !overwrite)
      throw new BatchOutputError(`${output.path} already exists (overwrite it to replace the previous run)`);
    return;
  }
  const entries = await readdir(output.path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  if (entries.length === 0) return;
  if (!overwrite)
    throw new BatchOutputError(
      `the output folder ${output.path} is not empty (choose an empty folder, or overwrite the previous run)`,
    );
  const foreign = entries.find((name) => !PREVIOUS_RUN_ENTRY.test(name));
  if (foreign !== undefined)
    throw new BatchOutputError(
      `the output folder ${output.path} holds "${foreign}", which a batch run does not write; choose another folder`,
    );
  for (const name of entries) await rm(join(output.path, name), { recursive: true, force: true });
}

/** JSZip writes no ZIP64 records: past these limits the archive would be corrupt. */
const ZIP_MAX_BYTES = 0xffff_ffff;
const ZIP_MAX_ENTRIES = 0xffff;

/** Thrown before anything is written when the packages do not fit a (non-ZIP64) .zip. */
export class BatchOutputError extends Error {
  override readonly name = 'BatchOutputError';
}

/**
 * Streams the packages from the build folder into the .zip (never all in memory at once), STORE only:
 * packages are XPRESS-compressed WIMs already, deflating them again gains nothing.
 */
async function writeZip(
  zipPath: string,
  buildFolder: string,
  built: readonly ManifestEntry[],
  manifest: string,
): Promise<void> {
  let totalBytes = 0;
  for (const entry of built) totalBytes += (await stat(join(buildFolder, entry.packageFile))).size;
  if (totalBytes >= ZIP_MAX_BYTES || built.length + 1 > ZIP_MAX_ENTRIES) {
    throw new BatchOutputError(
      `the packages (${built.length}, ${totalBytes} bytes) are too large for a .zip; choose a folder as output`,
    );
  }
  const zip = new JSZip();
  for (const entry of built) {
    zip.file(entry.packageFile, createReadStream(join(buildFolder, entry.packageFile)), { binary: true });
    // The package's catalog (package-security), when the builder wrote one.
    const catalog = catalogPathFor(entry.packageFile);
    if (await stat(join(buildFolder, catalog)).catch(() => undefined))
      zip.file(catalog, createReadStream(join(buildFolder, catalog)), { binary: true });
  }
  zip.file('manifest.csv', manifest);
  await writeFileAtomic(zipPath, async (handle) => {
    const stream = zip.generateNodeStream({ type: 'nodebuffer', streamFiles: true, compression: 'STORE' });
    // JSZip's stream is an old-style readable-stream; wrap() makes it async-iterable with backpressure.
    for await (const chunk of new Readable().wrap(stream)) await handle.write(chunk as Buffer);
  });
}

type RowOutcome =
  | { kind: 'built'; entry: ManifestEntry }
  | { kind: 'failed'; error: BatchRowError }
  | { kind: 'cancelled' };

async function buildRow(
  row: PreparedRow,
  folder: string,
  buildPackage: BuildPackage,
  signal: AbortSignal,
  now: () => Date,
  onWriteProgress: ((progress: WriteProgress) => void) | undefined,
): Promise<RowOutcome> {
  const outPath = join(folder, row.fileName);
  try {
    await buildPackage(row.document, outPath, signal, onWriteProgress);
    if (signal.aborted) throw Object.assign(new Error('cancelled'), { name: 'AbortError' });
    return {
      kind: 'built',
      entry: {
        packageFile: row.fileName,
        sha256: await sha256HexOfFile(outPath),
        deviceName: row.deviceName,
        enrollmentUpn: row.enrollmentUpn,
        assignedUser: row.assignedUser,
        builtAt: now().toISOString(),
      },
    };
  } catch (error) {
    // The builder writes atomically; removing is for a builder that does not, so no half package stays.
    await rm(outPath, { force: true });
    if (isAbort(error, signal)) return { kind: 'cancelled' };
    const detail = errorMessage(error);
    const secrets = new SecretValues();
    secrets.addDocument(row.document);
    return {
      kind: 'failed',
      error: {
        rowNumber: row.rowNumber,
        code: 'build-failed',
        message: secrets.redact(`row ${row.rowNumber}: building ${row.fileName} failed: ${detail}`),
      },
    };
  }
}
