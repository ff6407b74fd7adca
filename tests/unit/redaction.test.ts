import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerBatchCommand } from '../../cli/commands/batch';
import { registerBuildCommand } from '../../cli/commands/build';
import { registerInspectCommand } from '../../cli/commands/inspect';
import { registerValidateCommand } from '../../cli/commands/validate';
import { prepareBatch } from '../../shared/batch';
import { deriveColumnMapping } from '../../shared/batch/mapping';
import { readBatchCsv } from '../../shared/node/batch/read-csv';
import { parseCustomizationsXml } from '../../shared/xml/customizations';
import { runCliInProcess } from '../support/cli-in-process';
import { REPO_ROOT } from '../support/fixtures';
import { customizationsXml } from '../support/project-xml';

/**
 * Issue #10 item "one redaction point for every error path": secrets are planted in a project and a CSV,
 * every error path is provoked, and no message (stdout or stderr) may hold any part of them.
 */

const PASSWORD_TAIL = 'Planted-Tail-8841';
const CSV_SECRET = 'Csv-Planted-Secret-5521';
const PRODUCT_KEY = 'VK7JG-NPHTM-C97JM-9MPGT-3V66T';
const TEMPLATE = join(REPO_ROOT, 'tests/fixtures/batch/template-customizations.xml');

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'redaction-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const COMMANDS = [
  registerBuildCommand,
  registerValidateCommand,
  registerBatchCommand,
  registerInspectCommand,
];
const cli = (...args: string[]) => runCliInProcess(COMMANDS, args);

const project = (password: string, extra = '') =>
  customizationsXml(
    'Redaction',
    `        <Accounts>
          <Users>
            <User UserName="admin">
              <Password>${password}</Password>
              <UserGroup>Administrators</UserGroup>
            </User>
          </Users>
        </Accounts>${extra}`,
  );

describe('no planted secret in any message', () => {
  it('XML errors give a position, never the fragment holding a password (validate and build)', async () => {
    const file = join(work, 'bad-entity.xml');
    await writeFile(file, project(`Pw&${PASSWORD_TAIL}`));
    for (const command of ['validate', 'build']) {
      const run = await cli(command, file, ...(command === 'build' ? ['-o', join(work, 'x.ppkg')] : []));
      expect(run.code).toBe(1);
      expect(run.output).toMatch(/line 17, column \d+/);
      expect(run.output).not.toContain(PASSWORD_TAIL);
    }
  });

  it('a CSV the parser rejects inside a secret cell does not quote the cell', async () => {
    const csv = join(work, 'bad-quote.csv');
    await writeFile(csv, `PackageName,Workplace/Enrollments/UPN/Secret\r\nPC1,${CSV_SECRET}"x\r\n`);
    const run = await cli('batch', TEMPLATE, '--csv', csv, '-o', join(work, 'bad-quote-out'));
    expect(run.code).toBe(1);
    expect(run.output).toMatch(/row 2: a quote appears inside a field/);
    expect(run.output).not.toContain(CSV_SECRET);
    expect(run.output).not.toContain(CSV_SECRET.slice(0, 10));
  });

  it('row messages of the batch core are redacted whatever produced them (editor, validation)', () => {
    const table = readBatchCsv(
      `PackageName,Workplace/Enrollments/UPN/Secret,Accounts/Users/User[x]/Password\r\nPC1,${CSV_SECRET},${CSV_SECRET}\r\n`,
    );
    const prepared = prepareBatch(
      parseCustomizationsXml(project('x')),
      table,
      deriveColumnMapping(table.header),
      {
        validateRow: () => [{ path: 'Workplace', message: `rejected ${CSV_SECRET} here` }],
        editor: {
          apply: (doc, _path, value) => {
            throw new Error(`cannot store "${value}" (${value.trim()})`);
          },
        },
      },
    );
    const messages = prepared.errors.map((error) => error.message);
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) expect(message).not.toContain(CSV_SECRET);
  });

  it('product keys are secrets: masked by inspect, never in a message', async () => {
    const file = join(work, 'product-key.xml');
    await writeFile(
      file,
      project(
        'Adm1n-Pw-Planted',
        `\n        <EditionUpgrade>\n          <ChangeProductKey>${PRODUCT_KEY}</ChangeProductKey>\n        </EditionUpgrade>`,
      ),
    );
    const out = join(work, 'product-key.ppkg');
    const built = await cli('build', file, '-o', out);
    expect(built.code, built.output).toBe(0);
    const inspected = await cli('inspect', out);
    expect(inspected.code, inspected.output).toBe(0);
    expect(inspected.output).toContain('EditionUpgrade/ChangeProductKey = ********');
    expect(inspected.output).not.toContain(PRODUCT_KEY);
    expect(inspected.output).not.toContain('Adm1n-Pw-Planted');
  });
});
