import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWimFile } from '../../shared/node/wim/wim-file-reader';
import { writeWim } from '../../shared/node/wim/wim-writer';

/** Issue #10: extraction refuses names Windows cannot create, and writes a private tree (0700/0600). */

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'extract-hostile-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const bytes = new TextEncoder().encode('<parm name="Password" value="x" />');

describe('WIM extraction', () => {
  it.each([
    ['CON', /reserved device name/],
    ['con.txt', /reserved device name/],
    ['LPT1', /reserved device name/],
    ['a:b', /does not allow/],
    ['x\u0001y', /does not allow/],
    ['trailing.', /ends in a dot or a space/],
  ])('refuses %j with a clear message and writes nothing', async (name, message) => {
    const wimPath = join(work, `bad-${Buffer.from(name).toString('hex')}.wim`);
    await writeWim(wimPath, {
      entries: [{ kind: 'directory', name: 'Prov', children: [{ kind: 'file', name, content: { bytes } }] }],
      workerCount: 0,
    });
    const wim = await openWimFile(wimPath);
    const target = join(work, `out-${Buffer.from(name).toString('hex')}`);
    try {
      await expect(wim.extractTo(target)).rejects.toThrow(message);
    } finally {
      await wim.close();
    }
    expect(
      (await readdir(work)).filter((entry) => entry.startsWith('.') || entry.startsWith('out-')),
    ).toEqual([]);
  });

  it('extracts a private tree: folders 0700, files 0600 (provxml files hold passwords)', async () => {
    const wimPath = join(work, 'good.wim');
    await writeWim(wimPath, {
      entries: [
        {
          kind: 'directory',
          name: 'Prov',
          children: [{ kind: 'file', name: 'a.provxml', content: { bytes } }],
        },
      ],
      workerCount: 0,
    });
    const wim = await openWimFile(wimPath);
    const target = join(work, 'good-out');
    try {
      await wim.extractTo(target);
    } finally {
      await wim.close();
    }
    expect((await stat(join(target, 'Prov'))).mode & 0o777).toBe(0o700);
    expect((await stat(join(target, 'Prov', 'a.provxml'))).mode & 0o777).toBe(0o600);
    await rm(target, { recursive: true });
  });
});
