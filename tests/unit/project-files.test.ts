import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  inspectPackage,
  openProjectForEditing,
  parseNotes,
  saveProjectForEditing,
} from '../../electron/main/project-files';
import { WimFormatError } from '../../shared/wim/errors';
import { setSetting } from '../../shared/model/settings-edit';
import { fixturePath, NEEDS_PPKG_FIXTURES, placeFixtureProject } from '../support/fixtures';
import { describeWith } from '../support/requirements';
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'project-files-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('parseNotes splits the NOTES key=value list and skips empty parts', () => {
  expect(parseNotes('VERSION=10.0.17134.1;Source=Classic;;TargetSkus=Desktop;SignPackage=True;')).toEqual({
    VERSION: '10.0.17134.1',
    Source: 'Classic',
    TargetSkus: 'Desktop',
    SignPackage: 'True',
  });
});

describeWith(NEEDS_PPKG_FIXTURES, 'projects', () => {
  const placeProject = (): Promise<string> => placeFixtureProject(dir);

  it('opens a folder, its project file or a bare customizations.xml', async () => {
    const projectFile = await placeProject();
    for (const path of [dir, projectFile]) {
      const opened = await openProjectForEditing(path);
      expect(opened.projectFile).toBe('setupspecialize.icdproj.xml');
      expect(opened.project?.name).toBe('setupspecialize');
      expect(opened.customizations.packageConfig.id).toBe('{97a4c0e8-fa6e-4120-8e48-53e2bf5a29ac}');
      expect(opened.unknownSettings).toEqual([]);
    }
    const bare = await openProjectForEditing(join(dir, 'customizations.xml'));
    expect(bare.project).toBeNull();
    expect(bare.projectFile).toBeNull();
  });

  it('reports what PPKG Studio cannot edit', async () => {
    const text = (
      await readFile(fixturePath('osd-setupspecialize-cmdline.customizations.xml'), 'utf8')
    ).replace(
      '</ProvisioningCommands>',
      '</ProvisioningCommands><Browser><Favorites>x</Favorites></Browser>',
    );
    await writeFile(join(dir, 'customizations.xml'), text);
    const opened = await openProjectForEditing(join(dir, 'customizations.xml'));
    // Browser is a store group (generated catalog); Favorites is not one of its settings.
    expect(opened.unknownSettings).toEqual([{ path: 'Browser/Favorites', reason: 'setting' }]);
  });

  it('masks secrets unless the export includes them; a bare customizations.xml gets a project file', async () => {
    const opened = await openProjectForEditing(
      join(dir, await placeProject().then(() => 'customizations.xml')),
    );
    setSetting(opened.customizations, 'Accounts/Users/User/Password', 'Pa55-word', 'admin');
    await mkdir(join(dir, 'saved'));
    const saved = await saveProjectForEditing({
      path: join(dir, 'saved', 'mine'),
      project: null,
      customizations: opened.customizations,
      includeSecrets: false,
    });
    expect(saved.projectFile).toBe('mine.icdproj.xml');
    const masked = await readFile(join(dir, 'saved', 'customizations.xml'), 'utf8');
    expect(masked).toContain('<Password>********</Password>');
    expect(masked).not.toContain('Pa55-word');
    const project = await readFile(join(dir, 'saved', 'mine.icdproj.xml'), 'utf8');
    expect(project).toContain('Id="{97a4c0e8-fa6e-4120-8e48-53e2bf5a29ac}"');

    await saveProjectForEditing({
      path: join(dir, 'saved', 'mine.icdproj.xml'),
      project: null,
      customizations: opened.customizations,
      includeSecrets: true,
    });
    expect(await readFile(join(dir, 'saved', 'customizations.xml'), 'utf8')).toContain(
      '<Password>Pa55-word</Password>',
    );
  });
});

describeWith(NEEDS_PPKG_FIXTURES, 'inspectPackage', () => {
  it('reads the details, files and embedded settings of a WCD package', async () => {
    const inspection = await inspectPackage(fixturePath('osd-invoke-driverpack-devicecontext.ppkg'));
    // Values from the fixture's WIM XML as quoted in docs/format/ppkg-format.md §2.4.
    expect(inspection).toMatchObject({
      name: 'Invoke-OSDCloudDriverPack',
      version: '20221006.6',
      altitude: 3050,
      ownerType: 'SystemIntegrator',
      rank: 50,
      targetSkus: 'Desktop',
      builtBy: '10.0.22621.1',
      packageId: '{8c6d6501-2fd6-4d67-886d-8dc4b63ee151}',
    });
    expect(inspection.files.some((file) => file.path === 'Multivariant/0/customizations.xml')).toBe(true);
    expect(inspection.customizations?.packageConfig.name).toBe('Invoke-OSDCloudDriverPack');
  });

  it('throws WimFormatError with a byte offset for a truncated file', async () => {
    const bytes = await readFile(fixturePath('kbf-minimal-oobe-policy.ppkg'));
    await writeFile(join(dir, 'cut.ppkg'), bytes.subarray(0, 300));
    await expect(inspectPackage(join(dir, 'cut.ppkg'))).rejects.toBeInstanceOf(WimFormatError);
  });
});
