import type { IcdProject, IcdProjectFormatting, IcdSku } from '../model/icd-project';
import type { SettingNode } from '../model/settings-tree';
import { ProjectFileError } from './errors';
import { decodeXmlText, encodeXmlLines, escapeCheckedAttribute, escapeCheckedText } from './xml-text';
import { parseXmlTree } from './xml-tree';
import { XML_DECLARATION } from './customizations';

const FILE = 'icdproj.xml';

/** ScenarioId of the "Provision desktop devices" wizard (docs/format/wcd-settings.md §1.2) [observed]. */
export const DESKTOP_WIZARD_SCENARIO_ID = 'd2fa89db-1251-4bdf-b1bf-4b96016aaea4';

/** The Sku rows WCD writes, word for word (docs/format/wcd-settings.md §1.2) [observed]. */
export const KNOWN_SKUS = {
  WindowsCommon: {
    storeType: 'File',
    name: 'All Windows editions',
    sourcePath: 'Microsoft-Common-Provisioning.dat',
    edition: 'WindowsCommon',
    version: '10.0',
    description: 'Selecting this option will display settings that apply to all Windows editions.',
  },
  Desktop: {
    storeType: 'File',
    name: 'All Windows desktop editions',
    sourcePath: 'Microsoft-Desktop-Provisioning.dat',
    edition: 'Desktop',
    version: '10.0',
    description:
      'Selecting this option will display settings that are specific to the desktop editions as well as settings that are common to all Windows editions.',
  },
  Athens: {
    storeType: 'File',
    name: 'Windows 10 IoT Core',
    sourcePath: 'Microsoft-IoTUAP-Provisioning.dat',
    edition: 'Athens',
    version: '10.0',
    description:
      'Selecting this option will display settings that are specific to the Windows 10 IoT Core edition as well as settings that are common to all Windows editions.',
  },
} as const satisfies Record<string, IcdSku>;

/** The WCD build we identify as when we create a project (the ADK build the newest fixture came from). */
export const DEFAULT_ICDPROJ_VERSION = '10.0.26100.2454';

const ATTRIBUTES = [
  ['Name', 'name'],
  ['Description', 'description'],
  ['Version', 'version'],
  ['Id', 'id'],
  ['TemplateName', 'templateName'],
  ['TemplateType', 'templateType'],
  ['ScenarioId', 'scenarioId'],
] as const;

const SKU_FIELDS = [
  ['StoreType', 'storeType'],
  ['Name', 'name'],
  ['SourcePath', 'sourcePath'],
  ['Edition', 'edition'],
  ['Version', 'version'],
  ['Description', 'description'],
] as const;

/**
 * A new project file. `wizard` = a desktop-wizard project (both Skus + ScenarioId); otherwise an advanced
 * project targeting the editions given (default: all desktop editions, as WCD's advanced editor writes).
 */
export function createIcdProject(options: {
  name: string;
  id: string;
  description?: string;
  wizard?: boolean;
  editions?: ReadonlyArray<keyof typeof KNOWN_SKUS>;
  version?: string;
}): IcdProject {
  const editions = options.editions ?? (options.wizard ? ['WindowsCommon', 'Desktop'] : ['Desktop']);
  const project: IcdProject = {
    name: options.name,
    description: options.description ?? '',
    version: options.version ?? DEFAULT_ICDPROJ_VERSION,
    id: options.id,
    templateName: 'Provisioning package',
    templateType: 'ProvisioningPackage',
    targetEditions: editions.map((edition) => ({ ...KNOWN_SKUS[edition] })),
  };
  if (options.wizard) project.scenarioId = DESKTOP_WIZARD_SCENARIO_ID;
  return project;
}

export function parseIcdProjXml(input: string | Uint8Array): IcdProject {
  const decoded = decodeXmlText(input, FILE);
  const root = parseXmlTree(decoded.text, FILE);
  if (root.name !== 'ICDProject') {
    throw new ProjectFileError(FILE, root.name, 'the root element must be ICDProject');
  }
  const formatting: IcdProjectFormatting = {
    byteOrderMark: decoded.byteOrderMark,
    newline: decoded.newline,
    trailingNewline: decoded.trailingNewline,
    attributeOrder: [],
    extraAttributes: [],
  };
  const values = new Map<string, string>();
  for (const [name, value] of root.attributes) {
    formatting.attributeOrder.push(name);
    if (ATTRIBUTES.some(([xmlName]) => xmlName === name)) values.set(name, value);
    else formatting.extraAttributes.push([name, value]);
  }
  const required = (name: string): string => {
    const value = values.get(name);
    if (value === undefined)
      throw new ProjectFileError(FILE, `ICDProject/@${name}`, 'the attribute is missing');
    return value;
  };
  const project: IcdProject = {
    name: required('Name'),
    description: values.get('Description') ?? '',
    version: values.get('Version') ?? '',
    id: required('Id'),
    templateName: values.get('TemplateName') ?? 'Provisioning package',
    templateType: values.get('TemplateType') ?? 'ProvisioningPackage',
    targetEditions: [],
    formatting,
  };
  const scenarioId = values.get('ScenarioId');
  if (scenarioId !== undefined) project.scenarioId = scenarioId;

  for (const child of root.children) {
    if (child.name !== 'TargetEditions') {
      throw new ProjectFileError(FILE, `ICDProject/${child.name}`, 'unexpected element');
    }
    for (const sku of child.children) project.targetEditions.push(readSku(sku));
  }
  return project;
}

function readSku(node: SettingNode): IcdSku {
  const where = `ICDProject/TargetEditions/${node.name}`;
  if (node.name !== 'Sku') throw new ProjectFileError(FILE, where, 'unexpected element');
  const text = (name: string): string => {
    const field = node.children.find((child) => child.name === name);
    if (!field) throw new ProjectFileError(FILE, `${where}/${name}`, 'the element is missing');
    return field.text ?? '';
  };
  const fieldNames: readonly string[] = SKU_FIELDS.map(([xmlName]) => xmlName);
  const unknown = node.children.find((child) => !fieldNames.includes(child.name));
  if (unknown) throw new ProjectFileError(FILE, `${where}/${unknown.name}`, 'unexpected element');
  return {
    storeType: text('StoreType'),
    name: text('Name'),
    sourcePath: text('SourcePath'),
    edition: text('Edition'),
    version: text('Version'),
    description: text('Description'),
  };
}

/** Writes the project file as WCD does: each ICDProject attribute on its own line, BOM, CRLF, no final newline. */
export function serializeIcdProjXml(project: IcdProject): Uint8Array {
  const form = project.formatting ?? {
    byteOrderMark: true,
    newline: '\r\n',
    trailingNewline: false,
    attributeOrder: [],
    extraAttributes: [],
  };
  const known = new Map<string, string | undefined>(
    ATTRIBUTES.map(([xmlName, key]) => [xmlName, project[key]]),
  );
  const extras = new Map(form.extraAttributes);
  const order = [...form.attributeOrder];
  for (const [xmlName] of ATTRIBUTES) if (!order.includes(xmlName)) order.push(xmlName);
  const attributes: Array<[string, string]> = [];
  for (const name of order) {
    const value = known.has(name) ? known.get(name) : extras.get(name);
    if (value !== undefined) attributes.push([name, value]);
  }

  const lines = [XML_DECLARATION, '<ICDProject'];
  attributes.forEach(([name, value], index) => {
    const close = index === attributes.length - 1 ? '>' : '';
    lines.push(`  ${name}="${escapeCheckedAttribute(value, FILE, `ICDProject/@${name}`)}"${close}`);
  });
  if (project.targetEditions.length === 0) {
    lines.push('  <TargetEditions />');
  } else {
    lines.push('  <TargetEditions>');
    for (const sku of project.targetEditions) {
      lines.push('    <Sku>');
      for (const [xmlName, key] of SKU_FIELDS) {
        const value = escapeCheckedText(
          sku[key],
          form.newline,
          FILE,
          `ICDProject/TargetEditions/Sku/${xmlName}`,
        );
        lines.push(`      <${xmlName}>${value}</${xmlName}>`);
      }
      lines.push('    </Sku>');
    }
    lines.push('  </TargetEditions>');
  }
  lines.push('</ICDProject>');
  return encodeXmlLines(lines, form);
}
