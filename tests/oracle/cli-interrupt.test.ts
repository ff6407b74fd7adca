import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { open, mkdir, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setSetting } from '../../shared/model/settings-edit';
import type { CustomizationsDocument } from '../../shared/model/customizations-document';
import { serializeCustomizationsXml } from '../../shared/xml/customizations';
import { bundleCliIntoTemp, type CliBundle } from '../support/cli-bundle';
import { emptyDocument } from '../support/documents';

/**
 * Issue #10, temp files: the bundled CLI, interrupted while it writes a package with a large asset, leaves
 * nothing behind on SIGINT/SIGTERM; after SIGKILL (which cannot be caught) the next run in the same folder
 * removes the leftover once it is stale.
 */

let work: string;
let bundle: CliBundle;
let bigProject: string;
let smallProject: string;

function project(withAsset: string | null): CustomizationsDocument {
  const doc = emptyDocument('{3c0c4d6e-8a55-4d63-9a54-2f0c7e1b6a33}', 'Big');
  setSetting(doc, 'Accounts/Users/User/Password', 'Interrupt-Pw-99', 'localadmin');
  setSetting(doc, 'Accounts/Users/User/UserGroup', 'Administrators', 'localadmin');
  if (withAsset) {
    const command = 'ProvisioningCommands/PrimaryContext/Command/CommandConfig';
    setSetting(doc, `${command}/CommandLine`, 'msiexec /i big.msi /quiet', 'Agent');
    setSetting(doc, `${command}/CommandFile`, withAsset, 'Agent');
  }
  return doc;
}

beforeAll(async () => {
  bundle = await bundleCliIntoTemp('ppkg-cli-interrupt-');
  work = bundle.work;
  // 192 MiB of incompressible bytes: the build is still writing the package when the signal comes.
  const asset = join(work, 'big.msi');
  const handle = await open(asset, 'w');
  for (let i = 0; i < 192; i++) await handle.write(randomBytes(1 << 20));
  await handle.close();
  bigProject = join(work, 'big.xml');
  await writeFile(bigProject, serializeCustomizationsXml(project(asset)));
  smallProject = join(work, 'small.xml');
  await writeFile(smallProject, serializeCustomizationsXml(project(null)));
}, 120_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** Starts a build into `outDir`, waits until its temp file exists, sends `signal`, and waits for the exit. */
async function interruptBuild(
  outDir: string,
  signal: NodeJS.Signals,
): Promise<{ signal: string | null; leftovers: string[] }> {
  await mkdir(outDir, { recursive: true });
  const args = [bundle.cliPath, 'build', bigProject, '-o', join(outDir, 'big.ppkg')];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<string | null>((resolve) => child.on('exit', (_code, how) => resolve(how)));
  const deadline = Date.now() + 60_000;
  let seen: string[] = [];
  while (Date.now() < deadline) {
    seen = (await readdir(outDir)).filter((name) => name.endsWith('.tmp'));
    if (seen.length > 0) break;
    if (child.exitCode !== null) throw new Error(`the build ended before it could be interrupted: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  // The WIM is written through a temp of the package's temp sibling (package security moves it into place).
  expect(seen, 'a temp file beside the target while writing').toHaveLength(1);
  expect(seen[0]).toMatch(/^\.+big\.ppkg\.[0-9a-f]{12}\.tmp(\.[0-9a-f]{12}\.tmp)?$/);
  expect((await stat(join(outDir, seen[0]!))).mode & 0o777).toBe(0o600);
  child.kill(signal);
  const how = await exited;
  return { signal: how, leftovers: await readdir(outDir) };
}

describe('an interrupted build leaves no temp file', () => {
  it('SIGINT mid-build: the process dies of SIGINT and nothing is left in the output folder', async () => {
    const result = await interruptBuild(join(work, 'out-sigint'), 'SIGINT');
    expect(result.signal).toBe('SIGINT');
    expect(result.leftovers).toEqual([]);
  }, 120_000);

  it('SIGTERM mid-build: nothing is left either', async () => {
    const result = await interruptBuild(join(work, 'out-sigterm'), 'SIGTERM');
    expect(result.signal).toBe('SIGTERM');
    expect(result.leftovers).toEqual([]);
  }, 120_000);

  it('SIGKILL leaves the temp file; the next run in that folder removes it once it is a day old', async () => {
    const outDir = join(work, 'out-sigkill');
    const result = await interruptBuild(outDir, 'SIGKILL');
    expect(result.signal).toBe('SIGKILL');
    expect(result.leftovers).toHaveLength(1);
    const leftover = join(outDir, result.leftovers[0]!);
    // A fresh one may belong to a build still running elsewhere, so it survives the next run...
    const fresh = (await bundle.run(['build', smallProject, '-o', join(outDir, 'small.ppkg')])).code;
    expect(fresh).toBe(0);
    expect((await readdir(outDir)).sort()).toEqual([result.leftovers[0], 'small.cat', 'small.ppkg'].sort());
    expect((await stat(join(outDir, 'small.ppkg'))).mode & 0o777).toBe(0o600);
    // ...but once stale (older than a day) the next run removes it.
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    await utimes(leftover, twoDaysAgo, twoDaysAgo);
    const next = (await bundle.run(['build', smallProject, '-o', join(outDir, 'small.ppkg')])).code;
    expect(next).toBe(0);
    expect((await readdir(outDir)).sort()).toEqual(['small.cat', 'small.ppkg']);
  }, 120_000);
});
