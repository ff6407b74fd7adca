import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import JSZip from 'jszip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deriveColumnMapping } from '../../shared/batch/mapping';
import type { CustomizationsDocument } from '../../shared/model/customizations-document';
import { writeBytesAtomic } from '../../shared/node/atomic-write';
import { readBatchCsv } from '../../shared/node/batch/read-csv';
import { runBatch } from '../../shared/node/batch/run-batch';
import type { BatchProgress, BuildPackage } from '../../shared/node/batch/run-batch';
import { parseCustomizationsXml, serializeCustomizationsXml } from '../../shared/xml/customizations';

const fixtures = resolve(__dirname, '../fixtures/batch');
const template = () => parseCustomizationsXml(readFileSync(resolve(fixtures, 'template-customizations.xml')));
const table = readBatchCsv(readFileSync(resolve(fixtures, 'enroll-50.csv')));
// Notes is not a setting: the user maps it to "ignored" (an unmapped column is an error).
const mapping = deriveColumnMapping(table.header).map((entry) =>
  entry.column === 'Notes' ? { ...entry, target: { kind: 'ignore' as const } } : entry,
);
const FIXED_TIME = new Date('2026-11-28T03:04:05.678Z');

let work: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'ppkg-batch-test-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

/** Stands in for the package builder: writes the row's customizations.xml; fails for one package name. */
function fakeBuilder(failFor = 'CTS-PC010'): { build: BuildPackage; built: string[] } {
  const built: string[] = [];
  const build: BuildPackage = async (doc: CustomizationsDocument, outPath: string) => {
    if (doc.packageConfig.name === failFor) throw new Error('compiler exploded');
    await writeBytesAtomic(outPath, serializeCustomizationsXml(doc));
    built.push(doc.packageConfig.name);
  };
  return { build, built };
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const parseManifest = (text: string) =>
  text
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(','));

describe('runBatch', () => {
  it('builds one package per valid row into a folder, goes on after a failed build, writes manifest.csv', async () => {
    const out = join(work, 'out');
    const { build } = fakeBuilder();
    const progress: BatchProgress[] = [];
    const result = await runBatch({
      template: template(),
      table,
      mapping,
      buildPackage: build,
      output: { kind: 'folder', path: out },
      onProgress: (p) => progress.push(p),
      now: () => FIXED_TIME,
    });

    expect(result.cancelled).toBe(false);
    expect(result.built).toHaveLength(42);
    expect(result.errors.map((error) => [error.rowNumber, error.code])).toEqual([
      [8, 'package-name-missing'],
      [11, 'build-failed'],
      [15, 'package-name-unsafe'],
      [23, 'package-name-duplicate'],
      [27, 'invalid-setting'],
      [31, 'key-missing'],
      [40, 'bad-value'],
    ]);
    expect(result.errors[1]?.message).toBe('row 11: building CTS-PC010.ppkg failed: compiler exploded');
    const files = (await readdir(out)).sort();
    expect(files).toHaveLength(43);
    expect(files).toContain('manifest.csv');
    expect(files).not.toContain('CTS-PC010.ppkg');
    expect(progress.at(-1)).toEqual({ done: 43, total: 43 });

    const manifestText = await readFile(join(out, 'manifest.csv'), 'utf8');
    const [header, ...lines] = parseManifest(manifestText);
    expect(header).toEqual([
      'PackageFile',
      'SHA256',
      'DeviceName',
      'EnrollmentUPN',
      'AssignedUser',
      'BuiltAt',
    ]);
    expect(lines).toHaveLength(42);
    const first = lines[0]!;
    expect(first).toEqual([
      'CTS-PC001.ppkg',
      sha256(await readFile(join(out, 'CTS-PC001.ppkg'))),
      'CTS-PC001',
      'windows-bulkenroll-user1@contoso.com',
      'pérez.ana1@contoso.com',
      '2026-11-28T03:04:05.678Z',
    ]);
    for (const line of lines) expect(line[1]).toBe(sha256(await readFile(join(out, line[0]!))));

    // The package for row 18 carries that row's values.
    const row18 = parseCustomizationsXml(await readFile(join(out, 'CTS-PC017.ppkg')));
    expect(row18.packageConfig.name).toBe('CTS-PC017');
  });

  it('passes onWriteProgress to the builder of each row', async () => {
    const seen: string[] = [];
    const build: BuildPackage = async (doc, outPath, _signal, onWriteProgress) => {
      onWriteProgress?.({ bytesDone: 1, bytesTotal: 2, currentFile: doc.packageConfig.name });
      await writeBytesAtomic(outPath, serializeCustomizationsXml(doc));
    };
    const result = await runBatch({
      template: template(),
      table,
      mapping,
      buildPackage: build,
      output: { kind: 'folder', path: join(work, 'out') },
      onWriteProgress: (progress) => seen.push(progress.currentFile ?? ''),
      now: () => FIXED_TIME,
    });
    expect(result.built).toHaveLength(43);
    expect(seen).toHaveLength(43);
    expect(seen[0]).toBe('CTS-PC001');
  });

  it('never writes a secret to the manifest', async () => {
    const out = join(work, 'out');
    await runBatch({
      template: template(),
      table,
      mapping,
      buildPackage: fakeBuilder().build,
      output: { kind: 'folder', path: out },
    });
    const manifestText = await readFile(join(out, 'manifest.csv'), 'utf8');
    const secrets = table.rows
      .flatMap((row) => [row.cells[3], row.cells[5]])
      .filter((cell): cell is string => !!cell);
    expect(secrets.length).toBeGreaterThan(90);
    for (const secret of [...secrets, 'TemplateSecret', 'TemplateWifiKey'])
      expect(manifestText).not.toContain(secret);
    expect(manifestText).not.toMatch(/S3cr3t|WiFiKey/);
  });

  it('writes a .zip holding the packages and manifest.csv', async () => {
    const zipPath = join(work, 'batch.zip');
    const result = await runBatch({
      template: template(),
      table,
      mapping,
      buildPackage: fakeBuilder().build,
      output: { kind: 'zip', path: zipPath },
    });
    expect(result.outputPath).toBe(zipPath);
    const zip = await JSZip.loadAsync(await readFile(zipPath));
    const names = Object.keys(zip.files).sort();
    expect(names).toHaveLength(43);
    expect(names).toContain('manifest.csv');
    const manifest = parseManifest(await zip.file('manifest.csv')!.async('string'));
    const packageBytes = await zip.file('CTS-PC050.ppkg')!.async('uint8array');
    expect(manifest.find((line) => line[0] === 'CTS-PC050.ppkg')?.[1]).toBe(sha256(packageBytes));
    expect(await readdir(work)).toEqual(['batch.zip']); // no temp files next to it
  });

  it('stops on cancel: the folder keeps what was built with a matching manifest; a zip is not written', async () => {
    const out = join(work, 'out');
    const controller = new AbortController();
    const { build, built } = fakeBuilder();
    const cancellingBuild: BuildPackage = async (doc, outPath, signal) => {
      await build(doc, outPath, signal);
      if (built.length === 3) controller.abort();
    };
    const result = await runBatch({
      template: template(),
      table,
      mapping,
      buildPackage: cancellingBuild,
      output: { kind: 'folder', path: out },
      signal: controller.signal,
    });
    expect(result.cancelled).toBe(true);
    expect((await readdir(out)).sort()).toEqual(['CTS-PC001.ppkg', 'CTS-PC002.ppkg', 'manifest.csv']);
    expect(parseManifest(await readFile(join(out, 'manifest.csv'), 'utf8'))).toHaveLength(3);

    const zipController = new AbortController();
    zipController.abort();
    const zipPath = join(work, 'cancelled.zip');
    const zipResult = await runBatch({
      template: template(),
      table,
      mapping,
      buildPackage: fakeBuilder().build,
      output: { kind: 'zip', path: zipPath },
      signal: zipController.signal,
    });
    expect(zipResult).toMatchObject({ cancelled: true, outputPath: null });
    expect(existsSync(zipPath)).toBe(false);
  });

  it('builds nothing when the mapping has no PackageName column', async () => {
    const { build, built } = fakeBuilder();
    const result = await runBatch({
      template: template(),
      table,
      mapping: mapping.map((entry) =>
        entry.target.kind === 'package-name' ? { ...entry, target: { kind: 'ignore' } } : entry,
      ),
      buildPackage: build,
      output: { kind: 'folder', path: join(work, 'out') },
    });
    expect(result.mappingIssues.map((issue) => issue.code)).toEqual(['missing-package-name']);
    expect(built).toEqual([]);
    expect(existsSync(join(work, 'out'))).toBe(false);
  });
});
