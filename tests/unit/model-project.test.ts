import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWcdProject, listAssetReferences, requiredStore } from '../../shared/model/project';
import {
  CustomizationsDocumentSchema,
  PackageConfigSchema,
  WcdProjectSchema,
} from '../../shared/model/schema';
import { getSetting } from '../../shared/model/settings-edit';
import { newProjectId, openProjectFolder, saveProjectFolder } from '../../shared/node/project-folder';
import { parseCustomizationsXml } from '../../shared/xml/customizations';
import { DESKTOP_WIZARD_SCENARIO_ID } from '../../shared/xml/icdproj';
import { createBulkEnrollmentExample } from '../support/bulk-enrollment';
import {
  FIXTURE_PACKAGES,
  NEEDS_PPKG_FIXTURES,
  placeFixtureProject,
  readEmbeddedCustomizations,
} from '../support/fixtures';
import { describeWith, itWith } from '../support/requirements';

const validConfig = {
  id: '{22873c04-7b0a-486a-b282-c21b9f973839}',
  name: 'Desktop 1',
  version: '1.0',
  ownerType: 'OEM',
  rank: 0,
  notes: '',
};

describe('project model schema (zod)', () => {
  describeWith(NEEDS_PPKG_FIXTURES, 'on the WCD fixtures', () => {
    it.each(FIXTURE_PACKAGES)('accepts the document embedded in %s', async (name) => {
      const doc = parseCustomizationsXml(await readEmbeddedCustomizations(name));
      expect(CustomizationsDocumentSchema.safeParse(doc).success).toBe(true);
    });
  });

  it.each([
    ['id', '22873c04-7b0a-486a-b282-c21b9f973839'],
    ['version', '1.0.0'],
    ['version', '1'],
    ['ownerType', 'Vendor'],
    ['rank', 100],
    ['rank', 1.5],
    ['name', ''],
  ])('rejects PackageConfig.%s = %j and names the field', (field, value) => {
    const result = PackageConfigSchema.safeParse({ ...validConfig, [field]: value });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([field]);
  });

  it('accepts both version forms', () => {
    for (const version of ['1.0', '20221006.6', '1.0.0.0']) {
      expect(PackageConfigSchema.safeParse({ ...validConfig, version }).success, version).toBe(true);
    }
  });

  it('requires the project Id to equal PackageConfig ID', () => {
    const project = createWcdProject({ name: 'P', id: '{22873c04-7b0a-486a-b282-c21b9f973839}' });
    expect(WcdProjectSchema.safeParse(project).success).toBe(true);
    project.project.id = '{00000000-0000-0000-0000-000000000000}';
    expect(WcdProjectSchema.safeParse(project).error?.issues[0]?.path).toEqual(['project', 'id']);
  });
});

describe('new projects and assets', () => {
  it('creates a wizard project the way WCD does', () => {
    const { project, customizations } = createWcdProject({
      name: 'Desktop 1',
      id: newProjectId(),
      wizard: true,
    });
    expect(project.id).toBe(customizations.packageConfig.id);
    expect(project.id).toMatch(/^\{[0-9a-f-]{36}\}$/);
    expect(project.scenarioId).toBe(DESKTOP_WIZARD_SCENARIO_ID);
    expect(project.targetEditions.map((sku) => sku.edition)).toEqual(['WindowsCommon', 'Desktop']);
    expect(getSetting(customizations, 'OOBE/Desktop/HideOobe')).toBe('True');
    expect(customizations.packageConfig.ownerType).toBe('OEM');
  });

  itWith(NEEDS_PPKG_FIXTURES, 'lists asset references with their allowed extensions', async () => {
    const acer = parseCustomizationsXml(await readEmbeddedCustomizations('acer-localadmin-msi-commands'));
    expect(listAssetReferences(acer)).toEqual([
      {
        path: 'ProvisioningCommands/PrimaryContext/Command/CommandConfig[cortex]/CommandFile',
        manifestPath: 'ProvisioningCommands/PrimaryContext/Command/CommandConfig/CommandFile',
        sourcePath: 'D:\\Cortex_XDR_9_0_0_16757_x64.msi',
        extensions: [],
      },
      {
        path: 'ProvisioningCommands/PrimaryContext/Command/CommandConfig[GlobalProtect]/CommandFile',
        manifestPath: 'ProvisioningCommands/PrimaryContext/Command/CommandConfig/CommandFile',
        sourcePath: 'D:\\GlobalProtect64-6.2.8-c263.msi',
        extensions: [],
      },
    ]);
    const bulk = listAssetReferences(createBulkEnrollmentExample());
    expect(bulk.map((asset) => [asset.sourcePath, asset.extensions])).toEqual([
      ['C:\\Prov\\ContosoRoot.cer', ['.cer']],
      ['C:\\Prov\\Agent.msi', []],
    ]);
  });

  itWith(NEEDS_PPKG_FIXTURES, 'knows when a document needs the Desktop store', async () => {
    const kbf = parseCustomizationsXml(await readEmbeddedCustomizations('kbf-minimal-oobe-policy'));
    expect(requiredStore(kbf)).toBe('desktop');
    const policyOnly = parseCustomizationsXml(await readEmbeddedCustomizations('kbf-minimal-oobe-policy'));
    policyOnly.common = policyOnly.common.filter((group) => group.name === 'Policies');
    expect(requiredStore(policyOnly)).toBe('common');
  });
});

describe('WCD project folder', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wcd-project-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  itWith(NEEDS_PPKG_FIXTURES, 'opens the fixture project and saves it back byte for byte', async () => {
    const source = join(dir, 'in');
    const target = join(dir, 'out');
    await mkdir(source);
    await placeFixtureProject(source);

    const opened = await openProjectFolder(source);
    expect(opened.projectFile).toBe('setupspecialize.icdproj.xml');
    expect(opened.project.id).toBe(opened.customizations.packageConfig.id);
    await saveProjectFolder(target, opened, opened.projectFile);
    for (const name of ['setupspecialize.icdproj.xml', 'customizations.xml']) {
      expect((await readFile(join(target, name))).equals(await readFile(join(source, name))), name).toBe(
        true,
      );
    }
    const byFile = await openProjectFolder(join(source, 'setupspecialize.icdproj.xml'));
    expect(byFile.customizations).toEqual(opened.customizations);
  });

  it('names a new project file after the project and refuses a folder without one', async () => {
    await saveProjectFolder(dir, createWcdProject({ name: 'Contoso', id: newProjectId() }));
    expect((await openProjectFolder(dir)).projectFile).toBe('Contoso.icdproj.xml');
    const empty = await mkdtemp(join(tmpdir(), 'wcd-empty-'));
    try {
      await expect(openProjectFolder(empty)).rejects.toThrow(/no \*\.icdproj\.xml/);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it('writes nothing when a value cannot be serialised', async () => {
    const project = createWcdProject({ name: 'Bad', id: newProjectId() });
    project.customizations.packageConfig.notes = 'bell \u0007';
    await expect(saveProjectFolder(dir, project)).rejects.toThrow(/U\+0007/);
    expect(await readdir(dir)).toEqual([]);
  });
});
