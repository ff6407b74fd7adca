import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectDelimiter } from '../../shared/batch/csv-table';
import { formatManifestCsv } from '../../shared/batch/manifest';
import { deriveColumnMapping, isSecretColumn, validateColumnMapping } from '../../shared/batch/mapping';
import { checkPackageFileName } from '../../shared/batch/package-name';
import { cloneDocument, prepareBatch } from '../../shared/batch/prepare-batch';
import { catalogTemplateEditor, classifySettingPath } from '../../shared/batch/template-editor';
import type { ColumnMapping } from '../../shared/batch/types';
import { getSetting, listItemKeys, setSetting } from '../../shared/model/settings-edit';
import { readBatchCsv } from '../../shared/node/batch/read-csv';
import { parseCustomizationsXml, serializeCustomizationsXml } from '../../shared/xml/customizations';
import { BatchCsvError } from '../../shared/batch/csv-table';

const fixtures = resolve(__dirname, '../fixtures/batch');
const templateXml = readFileSync(resolve(fixtures, 'template-customizations.xml'));
const template = () => parseCustomizationsXml(templateXml);
const enroll50 = () => readBatchCsv(readFileSync(resolve(fixtures, 'enroll-50.csv')));

const UPN = 'Workplace/Enrollments/UPN';
const SECRET = 'Workplace/Enrollments/UPN/Secret';
const SSID = 'ConnectivityProfiles/WLAN/WLANSetting/WLANConfig/SSID';
const WIFI_KEY = 'ConnectivityProfiles/WLAN/WLANSetting/WLANConfig/WLANXmlSettings/SecurityKey';

describe('CSV reading', () => {
  it('detects the separator from the header, ignoring quoted ones', () => {
    expect(detectDelimiter('PackageName;"A,B,C";X\r\n1,2,3,4,5')).toBe(';');
    expect(detectDelimiter('\uFEFFPackageName,"A;B;C"\n')).toBe(',');
    expect(detectDelimiter('PackageName\nx;y;z')).toBe(',');
  });

  it('reads BOM, ; separator, quoted fields with separators, quotes and line breaks; blank rows keep numbering', () => {
    const table = readBatchCsv(
      '\uFEFFPackageName;AssignedUser;Notes\r\n"PC;1";"O""Brien, Pat";"two\r\nlines"\r\n\r\nPC2;b;c\r\n',
    );
    expect(table.delimiter).toBe(';');
    expect(table.header).toEqual(['PackageName', 'AssignedUser', 'Notes']);
    expect(table.rows).toEqual([
      { rowNumber: 2, cells: ['PC;1', 'O"Brien, Pat', 'two\r\nlines'] },
      { rowNumber: 3, cells: [] },
      { rowNumber: 4, cells: ['PC2', 'b', 'c'] },
    ]);
  });

  it('reads an Excel Windows-1252 CSV as well as UTF-8', () => {
    const ansi = Uint8Array.from(
      [...'PackageName;AssignedUser\r\nPC1;P']
        .map((c) => c.charCodeAt(0))
        .concat(
          [0xe9],
          [...'rez'].map((c) => c.charCodeAt(0)),
        ),
    );
    expect(readBatchCsv(ansi).rows[0]?.cells).toEqual(['PC1', 'Pérez']);
    expect(
      readBatchCsv(new TextEncoder().encode('PackageName;AssignedUser\nPC1;Pérez')).rows[0]?.cells,
    ).toEqual(['PC1', 'Pérez']);
  });

  it('names the spreadsheet row of an unclosed quote', () => {
    const read = () => readBatchCsv('PackageName,B\nPC1,2\nPC2,"open\nPC3,4\n');
    expect(read).toThrow(BatchCsvError);
    expect(read).toThrow(/^row 3:/);
  });

  it('reads the 50-row fixture: header, 50 data rows numbered 2–51, the blank row 45 empty', () => {
    const table = enroll50();
    expect(table.delimiter).toBe(',');
    expect(table.header[0]).toBe('PackageName'); // BOM removed
    expect(table.rows).toHaveLength(50);
    expect(table.rows[0]?.rowNumber).toBe(2);
    expect(table.rows.at(-1)?.rowNumber).toBe(51);
    expect(table.rows.find((row) => row.rowNumber === 45)?.cells).toEqual([]);
    expect(table.rows[0]?.cells[8]).toBe('Pérez, Ana; floor 1');
  });
});

describe('column mapping', () => {
  it('derives targets from the header: PackageName, settings, AssignedUser; an unknown column is an error', () => {
    const mapping = deriveColumnMapping(enroll50().header);
    expect(mapping.map((entry) => entry.target)).toEqual([
      { kind: 'package-name' },
      { kind: 'setting', path: 'DevDetail/DNSComputerName' },
      { kind: 'setting', path: UPN },
      { kind: 'setting', path: SECRET },
      { kind: 'setting', path: SSID },
      { kind: 'setting', path: WIFI_KEY },
      { kind: 'setting', path: 'OOBE/Desktop/HideOobe' },
      { kind: 'assigned-user' },
      { kind: 'setting', path: 'Notes' },
    ]);
    expect(validateColumnMapping(mapping).map((issue) => [issue.code, issue.column])).toEqual([
      ['unknown-setting', 'Notes'],
    ]);
    mapping[8]!.target = { kind: 'ignore' };
    expect(validateColumnMapping(mapping)).toEqual([]);
    expect(mapping.filter((entry) => isSecretColumn(entry.target)).map((entry) => entry.column)).toEqual([
      SECRET,
      WIFI_KEY,
    ]);
  });

  it('classifies key columns: a keyed item, or the item plus its key attribute', () => {
    expect(classifySettingPath(UPN)).toEqual({ kind: 'key', itemPath: UPN, keyAttribute: 'UPN' });
    expect(classifySettingPath(`${UPN}/UPN`)).toEqual({ kind: 'key', itemPath: UPN, keyAttribute: 'UPN' });
    expect(classifySettingPath(SSID)).toEqual({
      kind: 'key',
      itemPath: 'ConnectivityProfiles/WLAN/WLANSetting/WLANConfig',
      keyAttribute: 'SSID',
    });
    expect(classifySettingPath(SECRET)).toMatchObject({ kind: 'value' });
  });

  it('reports a missing PackageName column, duplicates, containers and unknown paths', () => {
    const mapping: ColumnMapping = [
      { column: 'Name', target: { kind: 'setting', path: 'DevDetail/DNSComputerName' } },
      { column: 'Name again', target: { kind: 'setting', path: 'DevDetail/DNSComputerName' } },
      { column: 'UPN', target: { kind: 'setting', path: UPN } },
      { column: 'UPN too', target: { kind: 'setting', path: `${UPN}/UPN` } },
      { column: 'Group', target: { kind: 'setting', path: 'Workplace/Enrollments' } },
      { column: 'Typo', target: { kind: 'setting', path: 'DevDetail/DNSComputerNmae' } },
    ];
    expect(validateColumnMapping(mapping).map((issue) => [issue.code, issue.column])).toEqual([
      ['duplicate-target', 'Name again'],
      ['duplicate-target', 'UPN too'],
      ['not-a-value', 'Group'],
      ['unknown-setting', 'Typo'],
      ['missing-package-name', ''],
    ]);
  });
});

describe('package names', () => {
  it('accepts ordinary names and rejects what a file system would not keep', () => {
    expect(checkPackageFileName('CTS-PC001 (Madrid)')).toBeUndefined();
    for (const bad of [
      '',
      'a/b',
      'a\\b',
      'a:b',
      'a*',
      'name.',
      'name ',
      'CON',
      'com1.ppkg',
      'tab\tname',
      'x'.repeat(201),
    ]) {
      expect(checkPackageFileName(bad), JSON.stringify(bad)).toBeTypeOf('string');
    }
  });
});

describe('catalog template editor', () => {
  it('renames the only enrollment item: key and its Name twin; the template copy is independent', () => {
    const original = template();
    const doc = cloneDocument(original);
    catalogTemplateEditor.apply(doc, UPN, 'windows-bulkenroll-user7@contoso.com');
    catalogTemplateEditor.apply(doc, SECRET, 'S3cr3t');
    const xml = new TextDecoder().decode(serializeCustomizationsXml(doc));
    expect(xml).toContain(
      '<UPN UPN="windows-bulkenroll-user7@contoso.com" Name="windows-bulkenroll-user7@contoso.com">',
    );
    expect(getSetting(doc, SECRET, 'windows-bulkenroll-user7@contoso.com')).toBe('S3cr3t');
    expect(listItemKeys(original, 'Workplace/Enrollments')).toEqual([
      'windows-bulkenroll-template@contoso.com',
    ]);
    expect(getSetting(original, SECRET, 'windows-bulkenroll-template@contoso.com')).toBe('TemplateSecret');
  });

  it('creates a missing group in store order and an item when the template has none', () => {
    const doc = template();
    catalogTemplateEditor.apply(doc, 'DevDetail/DNSComputerName', 'CTS-PC001');
    expect(doc.common.map((node) => node.name)).toEqual([
      'ConnectivityProfiles',
      'DevDetail',
      'OOBE',
      'Workplace',
    ]);
    doc.common = doc.common.filter((node) => node.name !== 'Workplace');
    catalogTemplateEditor.apply(doc, UPN, 'new@contoso.com');
    catalogTemplateEditor.apply(doc, SECRET, 'x');
    expect(listItemKeys(doc, 'Workplace/Enrollments')).toEqual(['new@contoso.com']);
    expect(getSetting(doc, SECRET, 'new@contoso.com')).toBe('x');
  });

  it('refuses to guess between several items, and accepts an inline key', () => {
    const doc = template();
    setSetting(doc, UPN, undefined, 'second@contoso.com');
    expect(() => catalogTemplateEditor.apply(doc, SECRET, 'one')).toThrow(/2 UPN items/);
    catalogTemplateEditor.apply(doc, `${UPN}[second@contoso.com]/Secret`, 'two');
    expect(getSetting(doc, SECRET, 'second@contoso.com')).toBe('two');
    expect(getSetting(doc, SECRET, 'windows-bulkenroll-template@contoso.com')).toBe('TemplateSecret');
    expect(() => catalogTemplateEditor.apply(doc, `${UPN}[third@contoso.com]/Secret`, 'x')).toThrow(
      /no UPN "third/,
    );
  });
});

describe('prepareBatch on the 50-row fixture', () => {
  const table = enroll50();
  const prepared = prepareBatch(
    template(),
    table,
    deriveColumnMapping(table.header).map((entry) =>
      entry.column === 'Notes' ? { ...entry, target: { kind: 'ignore' as const } } : entry,
    ),
  );

  it('rejects exactly the bad rows, naming row number and column', () => {
    expect(prepared.mappingIssues).toEqual([]);
    expect(prepared.errors.map(({ rowNumber, column, code }) => ({ rowNumber, column, code }))).toEqual([
      { rowNumber: 8, column: 'PackageName', code: 'package-name-missing' },
      { rowNumber: 15, column: 'PackageName', code: 'package-name-unsafe' },
      { rowNumber: 23, column: 'PackageName', code: 'package-name-duplicate' },
      { rowNumber: 27, column: 'DevDetail/DNSComputerName', code: 'invalid-setting' },
      { rowNumber: 31, column: UPN, code: 'key-missing' },
      { rowNumber: 40, column: 'OOBE/Desktop/HideOobe', code: 'bad-value' },
    ]);
    expect(prepared.errors[2]?.message).toBe(
      'row 23, column "PackageName": PackageName "cts-pc003" is already used by row 4',
    );
    expect(prepared.errors[3]?.message).toMatch(
      /^row 27, column "DevDetail\/DNSComputerName": DevDetail\/DNSComputerName: /,
    );
    expect(prepared.errors[5]?.message).toMatch(/^row 40, column "OOBE\/Desktop\/HideOobe": .*Maybe/);
  });

  it('prepares the 43 other rows (the blank row 45 is skipped) with their own values', () => {
    expect(prepared.rows).toHaveLength(43);
    expect(prepared.rows.map((row) => row.rowNumber)).not.toContain(45);
    const row = prepared.rows.find((candidate) => candidate.rowNumber === 18);
    expect(row).toMatchObject({
      packageName: 'CTS-PC017',
      fileName: 'CTS-PC017.ppkg',
      deviceName: 'CTS-PC017',
      enrollmentUpn: 'windows-bulkenroll-user17@contoso.com',
      assignedUser: 'núñez.gloria17@contoso.com',
    });
    const doc = row!.document;
    expect(doc.packageConfig.name).toBe('CTS-PC017');
    expect(getSetting(doc, SECRET, 'windows-bulkenroll-user17@contoso.com')).toBe('S3cr3t-017!q');
    expect(listItemKeys(doc, 'ConnectivityProfiles/WLAN/WLANSetting')).toEqual(['Contoso-Setup']);
    expect(getSetting(doc, WIFI_KEY, 'Contoso-Setup')).toBe('WiFiKey-017-xyz');
    expect(getSetting(doc, 'OOBE/Desktop/HideOobe')).toBe('True');
    // Settings the CSV does not touch keep the template's value.
    expect(
      getSetting(doc, 'Workplace/Enrollments/UPN/AuthPolicy', 'windows-bulkenroll-user17@contoso.com'),
    ).toBe('OnPremise');
  });

  it('never puts a secret into an error message, whatever the editor throws', () => {
    const header = ['PackageName', SECRET];
    const leaky = {
      apply: (_doc: unknown, _path: string, value: string) => {
        throw new Error(`cannot store ${value}`);
      },
    };
    const result = prepareBatch(
      template(),
      { delimiter: ',', header, rows: [{ rowNumber: 2, cells: ['PC1', 'hunter2-secret'] }] },
      deriveColumnMapping(header),
      { editor: leaky as never },
    );
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.message).not.toContain('hunter2-secret');
    expect(result.errors[0]?.message).toContain('********');
  });
});

describe('prepareBatch on other templates', () => {
  it('prepares a template with no enrollment (e.g. only an installer): the manifest UPN is empty', () => {
    const doc = parseCustomizationsXml(serializeCustomizationsXml(template()));
    doc.common = doc.common.filter((group) => group.name !== 'Workplace');
    const command = 'ProvisioningCommands/PrimaryContext/Command/CommandConfig';
    setSetting(doc, `${command}/CommandLine`, 'msiexec /i "agent.msi" /qn', 'Agent');
    setSetting(doc, `${command}/CommandFile`, 'C:\\Installers\\agent.msi', 'Agent');
    const header = ['PackageName', 'DevDetail/DNSComputerName'];
    const result = prepareBatch(
      doc,
      { delimiter: ',', header, rows: [{ rowNumber: 2, cells: ['PC-1', 'PC-1'] }] },
      deriveColumnMapping(header),
    );
    expect(result.errors).toEqual([]);
    expect(result.rows).toMatchObject([{ packageName: 'PC-1', deviceName: 'PC-1', enrollmentUpn: '' }]);
    expect(listItemKeys(doc, 'Workplace/Enrollments')).toEqual([]);
  });
});

describe('manifest.csv', () => {
  it('writes BOM, CRLF and quotes only fields that need it', () => {
    const text = formatManifestCsv([
      {
        packageFile: 'PC1.ppkg',
        sha256: 'ab'.repeat(32),
        deviceName: 'PC1',
        enrollmentUpn: 'u@contoso.com',
        assignedUser: 'Pérez, "Ana"',
        builtAt: '2026-11-28T03:00:00.000Z',
      },
    ]);
    expect(text).toBe(
      '\uFEFFPackageFile,SHA256,DeviceName,EnrollmentUPN,AssignedUser,BuiltAt\r\n' +
        `PC1.ppkg,${'ab'.repeat(32)},PC1,u@contoso.com,"Pérez, ""Ana""",2026-11-28T03:00:00.000Z\r\n`,
    );
  });
});
