import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerValidateCommand } from '../../cli/commands/validate';
import { registerWimCommands } from '../../cli/commands/wim';
import { describeError } from '../../cli/support/exit-codes';
import { runCliInProcess } from '../support/cli-in-process';

/** Issue #10, smaller items: a path printed once, no temp-file names, no jargon in CLI messages. */

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cli-messages-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const cli = (...args: string[]) => runCliInProcess([registerValidateCommand, registerWimCommands], args);

describe('CLI messages', () => {
  it('names a broken project file once, then the position', async () => {
    const file = join(work, 'broken.xml');
    await writeFile(file, '<WindowsCustomizations>\n<PackageConfig>\n</WindowsCustomizations>');
    const run = await cli('validate', file);
    expect(run.code).toBe(1);
    expect(run.output).toBe(
      `error: ${file}: line 3, column 1: not well-formed XML: </WindowsCustomizations> closes <PackageConfig>\n`,
    );
  });

  it('shows a temp file as the file it becomes', () => {
    const error = Object.assign(new Error('EACCES'), {
      code: 'EACCES',
      path: '/out/.Contoso.ppkg.0123456789ab.tmp',
    });
    expect(describeError(error)).toBe('cannot access: /out/Contoso.ppkg');
  });

  it('wim capture says how it compressed in plain words', async () => {
    const src = join(work, 'src');
    await mkdir(src);
    await writeFile(join(src, 'a.txt'), 'hello '.repeat(1000));
    const run = await cli('wim', 'capture', src, '-o', join(work, 'a.wim'), '--threads', '0');
    expect(run.code, run.output).toBe(0);
    expect(run.output).toMatch(/, XPRESS-compressed\n$/);
    expect(run.output).not.toMatch(/compression: |in-thread|workers/);
  });
});
