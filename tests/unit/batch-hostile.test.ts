import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerBatchCommand } from '../../cli/commands/batch';
import { deriveColumnMapping, formatManifestCsv, validateColumnMapping } from '../../shared/batch';
import { REPO_ROOT } from '../support/fixtures';
import { runCliInProcess } from '../support/cli-in-process';

/** Issue #10, batch items: misspelt columns, per-row warnings, AssignedUser, formula injection, -o reuse. */

const TEMPLATE = join(REPO_ROOT, 'tests/fixtures/batch/template-customizations.xml');
const SECRET = 'S3cr3t-Planted-771!';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'batch-hostile-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const batch = (...args: string[]) => runCliInProcess([registerBatchCommand], ['batch', TEMPLATE, ...args]);

async function csvFile(name: string, lines: string[]): Promise<string> {
  const path = join(work, name);
  await writeFile(path, `${lines.join('\r\n')}\r\n`);
  return path;
}

const listDir = async (dir: string) => (await readdir(dir)).sort();

describe('batch: an unknown or unmapped column is an error', () => {
  it('refuses a misspelt column (exit 2) naming it and the nearest known path; nothing is written', async () => {
    const csv = await csvFile('misspelt.csv', [
      'PackageName,Workplace/Enrollment/UPN,Workplace/Enrollments/UPN/Secrets',
      `PC1,user1@contoso.com,${SECRET}`,
    ]);
    const out = join(work, 'misspelt-out');
    const run = await batch('--csv', csv, '-o', out);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('column "Workplace/Enrollment/UPN"');
    expect(run.stderr).toContain('the nearest known path is Workplace/Enrollments/UPN');
    expect(run.stderr).toContain('column "Workplace/Enrollments/UPN/Secrets"');
    expect(run.stderr).toContain('the nearest known path is Workplace/Enrollments/UPN/Secret');
    expect(run.stderr).toContain('--ignore-column');
    expect(run.stderr).not.toContain(SECRET);
    await expect(stat(out)).rejects.toThrow(/ENOENT/);
  });

  it('derives an unknown header as an (invalid) setting, so the Batch page shows it until it is ignored', () => {
    const mapping = deriveColumnMapping(['PackageName', 'Notes']);
    expect(mapping[1]).toEqual({ column: 'Notes', target: { kind: 'setting', path: 'Notes' } });
    expect(validateColumnMapping(mapping).map((issue) => issue.code)).toEqual(['unknown-setting']);
    mapping[1]!.target = { kind: 'ignore' };
    expect(validateColumnMapping(mapping)).toEqual([]);
  });

  it('builds when the column is mapped to "ignored" with --ignore-column; an unknown name is a usage error', async () => {
    const csv = await csvFile('notes.csv', ['PackageName,Notes', 'PC1,"desk 4, floor 1"']);
    const wrong = await batch('--csv', csv, '-o', join(work, 'notes-wrong'), '--ignore-column', 'Note');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--ignore-column Note: the CSV has no such column');
    const out = join(work, 'notes-out');
    const run = await batch('--csv', csv, '-o', out, '--ignore-column', 'Notes');
    expect(run.code, run.stderr).toBe(0);
    expect(await listDir(out)).toEqual(['PC1.cat', 'PC1.ppkg', 'manifest.csv']);
  });
});

describe('batch rows', () => {
  it('prints the validation warnings of each row, as build does', async () => {
    const csv = await csvFile('warnings.csv', [
      'PackageName,DevDetail/DNSComputerName',
      'PC1,CTS-PC-LONGNAME-001',
      'PC2,CTS-PC002',
    ]);
    const run = await batch('--csv', csv, '-o', join(work, 'warnings-out'));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(
      /^warning: row 2, column "DevDetail\/DNSComputerName": DevDetail\/DNSComputerName: .*15/m,
    );
    expect(run.stderr).not.toMatch(/warning: row 3/);
    expect(run.stdout).toContain('1 warning(s)');
  });

  it('validates AssignedUser as a UPN / e-mail address', async () => {
    const csv = await csvFile('assigned.csv', [
      'PackageName,AssignedUser',
      'PC1,ana@contoso.com',
      'PC2,Ana Pérez',
      'PC3,ana@contoso',
    ]);
    const run = await batch('--csv', csv, '-o', join(work, 'assigned-out'));
    expect(run.code).toBe(1);
    const failed = run.stderr.split('\n').filter((line) => line.startsWith('error: row'));
    expect(failed).toEqual([
      'error: row 3, column "AssignedUser": AssignedUser must be a user principal name or e-mail address (name@domain.com)',
      'error: row 4, column "AssignedUser": AssignedUser must be a user principal name or e-mail address (name@domain.com)',
    ]);
    expect(await listDir(join(work, 'assigned-out'))).toEqual(['PC1.cat', 'PC1.ppkg', 'manifest.csv']);
  });

  it("neutralises formula cells in manifest.csv (OWASP: leading ' for = + - @ TAB CR)", async () => {
    const csv = await csvFile('formula.csv', [
      'PackageName,AssignedUser',
      "PC1,=cmd|'/Ccalc'!A0@contoso.com",
    ]);
    const out = join(work, 'formula-out');
    const run = await batch('--csv', csv, '-o', out);
    expect(run.code, run.stderr).toBe(0);
    const manifest = await readFile(join(out, 'manifest.csv'), 'utf8');
    expect(manifest).toContain(",'=cmd|'/Ccalc'!A0@contoso.com,");
    expect(manifest).not.toMatch(/,=cmd/);

    const entry = { packageFile: 'a.ppkg', sha256: 'x', enrollmentUpn: '', builtAt: '' };
    const text = formatManifestCsv([
      { ...entry, deviceName: '+1', assignedUser: '-2' },
      { ...entry, deviceName: '@SUM(A1)', assignedUser: '\tx' },
      { ...entry, deviceName: '\r=1', assignedUser: 'plain' },
    ]);
    expect(text).toContain(",'+1,,'-2,");
    expect(text).toContain(",'@SUM(A1),,'\tx,");
    expect(text).toContain(`,"'\r=1",,plain,`);
  });
});

describe('batch -o', () => {
  it('refuses a non-empty folder; --overwrite removes the previous run first; a foreign file is never removed', async () => {
    const out = join(work, 'reuse-out');
    const first = await csvFile('first.csv', ['PackageName', 'OLD1', 'OLD2']);
    expect((await batch('--csv', first, '-o', out)).code).toBe(0);
    expect(await listDir(out)).toEqual(['OLD1.cat', 'OLD1.ppkg', 'OLD2.cat', 'OLD2.ppkg', 'manifest.csv']);

    const second = await csvFile('second.csv', ['PackageName', 'NEW1']);
    const refused = await batch('--csv', second, '-o', out);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/is not empty.*--overwrite/);
    expect(await listDir(out)).toEqual(['OLD1.cat', 'OLD1.ppkg', 'OLD2.cat', 'OLD2.ppkg', 'manifest.csv']);

    const replaced = await batch('--csv', second, '-o', out, '--overwrite');
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(await listDir(out)).toEqual(['NEW1.cat', 'NEW1.ppkg', 'manifest.csv']);
    expect(await readFile(join(out, 'manifest.csv'), 'utf8')).not.toContain('OLD');

    await mkdir(join(out, 'keep-me'));
    const foreign = await batch('--csv', second, '-o', out, '--overwrite');
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toContain('"keep-me"');
    expect(await listDir(out)).toEqual(['NEW1.cat', 'NEW1.ppkg', 'keep-me', 'manifest.csv']);
  });
});
