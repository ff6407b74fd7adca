import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setSetting } from '../../shared/model/settings-edit';
import { loadProjectInput, normaliseTargetSkus, ProjectInputError } from '../../shared/node/project-input';
import { serializeCustomizationsXml } from '../../shared/xml/customizations';
import { createBulkEnrollmentExample } from '../support/bulk-enrollment';
import { NEEDS_PPKG_FIXTURES, placeFixtureProject } from '../support/fixtures';
import { itWith } from '../support/requirements';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'ppkg-input-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** A document whose only asset is a command file recorded as `recorded`. */
async function commandProject(folder: string, recorded: string): Promise<string> {
  const doc = createBulkEnrollmentExample();
  doc.common = [];
  setSetting(
    doc,
    'ProvisioningCommands/PrimaryContext/Command/CommandConfig/CommandLine',
    'setup.cmd',
    'Setup',
  );
  setSetting(doc, 'ProvisioningCommands/PrimaryContext/Command/CommandConfig/CommandFile', recorded, 'Setup');
  await mkdir(folder, { recursive: true });
  const file = join(folder, 'customizations.xml');
  await writeFile(file, serializeCustomizationsXml(doc));
  return file;
}

describe('target SKUs', () => {
  it('normalises the supported lists only', () => {
    expect(normaliseTargetSkus('desktop')).toBe('Desktop');
    expect(normaliseTargetSkus(' WindowsCommon , Desktop ')).toBe('WindowsCommon,Desktop');
    expect(normaliseTargetSkus('Desktop,WindowsCommon')).toBeUndefined();
    expect(normaliseTargetSkus('Mobile')).toBeUndefined();
  });

  itWith(
    NEEDS_PPKG_FIXTURES,
    'come from the WCD project folder TargetEditions; a bare customizations.xml is Desktop; an override wins',
    async () => {
      const folder = join(work, 'wcd-project');
      await mkdir(folder);
      await placeFixtureProject(folder, 'setup-specialize.icdproj.xml');
      const fromFolder = await loadProjectInput(folder);
      expect(fromFolder.targetSkus).toBe('WindowsCommon,Desktop');
      expect(fromFolder.project?.editions).toEqual(['WindowsCommon', 'Desktop']);
      expect((await loadProjectInput(join(folder, 'customizations.xml'))).targetSkus).toBe('Desktop');
      expect((await loadProjectInput(folder, { targetSkus: 'Desktop' })).targetSkus).toBe('Desktop');
    },
  );
});

describe('asset lookup', () => {
  it('finds an asset by recorded path, next to the project, or in an --assets folder, in that order', async () => {
    const absolute = join(work, 'elsewhere', 'setup.cmd');
    await mkdir(join(work, 'elsewhere'));
    await writeFile(absolute, 'absolute');
    const byPath = await loadProjectInput(await commandProject(join(work, 'p1'), absolute));
    expect(Buffer.from(byPath.assets.get(absolute)!).toString()).toBe('absolute');

    const relativeFile = await commandProject(join(work, 'p2'), 'files\\setup.cmd');
    await mkdir(join(work, 'p2', 'files'));
    await writeFile(join(work, 'p2', 'files', 'setup.cmd'), 'relative');
    expect(
      Buffer.from((await loadProjectInput(relativeFile)).assets.get('files\\setup.cmd')!).toString(),
    ).toBe('relative');

    const windowsFile = await commandProject(join(work, 'p3'), 'C:\\Build\\setup.cmd');
    await mkdir(join(work, 'a1'));
    await mkdir(join(work, 'a2'));
    await writeFile(join(work, 'a2', 'setup.cmd'), 'second dir');
    const fromDirs = await loadProjectInput(windowsFile, { assetDirs: [join(work, 'a1'), join(work, 'a2')] });
    expect(Buffer.from(fromDirs.assets.get('C:\\Build\\setup.cmd')!).toString()).toBe('second dir');
    await writeFile(join(work, 'p3', 'setup.cmd'), 'beside the project');
    const beside = await loadProjectInput(windowsFile, { assetDirs: [join(work, 'a2')] });
    expect(Buffer.from(beside.assets.get('C:\\Build\\setup.cmd')!).toString()).toBe('beside the project');
  });

  it('fails naming the setting path when the asset is nowhere', async () => {
    const file = await commandProject(join(work, 'p4'), 'C:\\Build\\missing.cmd');
    const error = await loadProjectInput(file, { assetDirs: [work] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProjectInputError);
    expect((error as ProjectInputError).field).toMatch(
      /^ProvisioningCommands\/PrimaryContext\/Command\/.+\/CommandFile$/,
    );
    expect((error as Error).message).toContain('C:\\Build\\missing.cmd');
  });

  it('reports bad XML with the file and line', async () => {
    const file = join(work, 'broken.xml');
    await writeFile(file, '<WindowsCustomizations>\n<PackageConfig>\n</WindowsCustomizations>');
    // The path names the file once (issue #10: no '<path>: customizations.xml: …').
    await expect(loadProjectInput(file)).rejects.toThrow(/broken\.xml: line 3, column 1: not well-formed/);
  });
});
