import { describe, expect, it } from 'vitest';
import {
  createIcdProject,
  DESKTOP_WIZARD_SCENARIO_ID,
  parseIcdProjXml,
  serializeIcdProjXml,
} from '../../shared/xml/icdproj';
import { ProjectFileError } from '../../shared/xml/errors';
import { FIXTURE_ICDPROJ_FILES, NEEDS_PPKG_FIXTURES, readFixture } from '../support/fixtures';
import { describeWith } from '../support/requirements';

const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');

/** docs/format/wcd-settings.md §1.2: the Store 2020 desktop-wizard project file, verbatim (CRLF, BOM, no final newline). */
const WIZARD_PROJECT = [
  '<?xml version="1.0" encoding="utf-8"?>',
  '<ICDProject',
  '  Name="Project_1"',
  '  Description=""',
  '  Version="2020.507.0.0"',
  '  Id="{cf75b252-386b-45df-b263-d93c8c8ec392}"',
  '  TemplateName="Provisioning package"',
  '  TemplateType="ProvisioningPackage"',
  '  ScenarioId="d2fa89db-1251-4bdf-b1bf-4b96016aaea4">',
  '  <TargetEditions>',
  '    <Sku>',
  '      <StoreType>File</StoreType>',
  '      <Name>All Windows editions</Name>',
  '      <SourcePath>Microsoft-Common-Provisioning.dat</SourcePath>',
  '      <Edition>WindowsCommon</Edition>',
  '      <Version>10.0</Version>',
  '      <Description>Selecting this option will display settings that apply to all Windows editions.</Description>',
  '    </Sku>',
  '    <Sku>',
  '      <StoreType>File</StoreType>',
  '      <Name>All Windows desktop editions</Name>',
  '      <SourcePath>Microsoft-Desktop-Provisioning.dat</SourcePath>',
  '      <Edition>Desktop</Edition>',
  '      <Version>10.0</Version>',
  '      <Description>Selecting this option will display settings that are specific to the desktop editions as well as settings that are common to all Windows editions.</Description>',
  '    </Sku>',
  '  </TargetEditions>',
  '</ICDProject>',
].join('\r\n');

describeWith(NEEDS_PPKG_FIXTURES, 'icdproj.xml of a WCD project', () => {
  it.each(FIXTURE_ICDPROJ_FILES)('round-trips the fixture %s byte for byte', async (name) => {
    const bytes = await readFixture(name);
    const project = parseIcdProjXml(bytes);
    expect(project.id).toBe('{97a4c0e8-fa6e-4120-8e48-53e2bf5a29ac}');
    expect(project.scenarioId).toBeUndefined();
    expect(project.targetEditions.map((sku) => sku.edition)).toEqual(['WindowsCommon', 'Desktop']);
    expect(text(serializeIcdProjXml(project))).toBe(text(bytes));
  });
});

describe('icdproj.xml', () => {
  it('reads the wizard form with ScenarioId and writes it back exactly', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(WIZARD_PROJECT)]);
    const project = parseIcdProjXml(new Uint8Array(bytes));
    expect(project.scenarioId).toBe(DESKTOP_WIZARD_SCENARIO_ID);
    expect(Buffer.from(serializeIcdProjXml(project)).equals(bytes)).toBe(true);
  });

  it('creates a wizard project that WCD 2020 would have written (modulo version)', () => {
    const project = createIcdProject({
      name: 'Project_1',
      id: '{cf75b252-386b-45df-b263-d93c8c8ec392}',
      wizard: true,
      version: '2020.507.0.0',
    });
    const bytes = serializeIcdProjXml(project);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text(bytes.subarray(3))).toBe(WIZARD_PROJECT);
  });

  it('creates an advanced project with the single Desktop Sku and no ScenarioId', () => {
    const project = parseIcdProjXml(
      serializeIcdProjXml(createIcdProject({ name: 'Adv', id: '{0f9c3d8e-8a55-4d63-9a54-2f0c7e1b6a11}' })),
    );
    expect(project.scenarioId).toBeUndefined();
    expect(project.targetEditions.map((sku) => sku.sourcePath)).toEqual([
      'Microsoft-Desktop-Provisioning.dat',
    ]);
  });

  it('escapes attribute values like .NET XmlWriter', () => {
    const project = createIcdProject({
      name: 'A&B "x" <y> \'z\'',
      id: '{00000000-0000-0000-0000-000000000000}',
    });
    const written = text(serializeIcdProjXml(project));
    expect(written).toContain('  Name="A&amp;B &quot;x&quot; &lt;y&gt; \'z\'"');
    expect(parseIcdProjXml(written).name).toBe('A&B "x" <y> \'z\'');
  });

  it('rejects a file that is not a project with an error naming the element', () => {
    expect(() => parseIcdProjXml('<Project Name="x" />')).toThrow(ProjectFileError);
    expect(() => parseIcdProjXml('<ICDProject Name="x" />')).toThrow(/ICDProject\/@Id/);
  });
});
