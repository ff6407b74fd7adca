import type {
  CustomizationsDocument,
  CustomizationsFormatting,
  PackageConfig,
  PackageConfigElement,
} from '../model/customizations-document';
import { OWNER_TYPES } from '../model/owner-type';
import type { SettingNode } from '../model/settings-tree';
import { ProjectFileError } from './errors';
import { parseXmlTree } from './xml-tree';
import { encodeUtf8 } from './utf8';
import {
  decodeXmlText,
  escapeCheckedAttribute,
  escapeCheckedText,
  joinXmlLines,
  writeElementLines,
} from './xml-text';

/** Namespaces exactly as WCD writes them: note the different casing (docs/format/wcd-settings.md §1.3) [observed]. */
export const PACKAGE_CONFIG_NAMESPACE = 'urn:schemas-Microsoft-com:Windows-ICD-Package-Config.v1.0';
export const SETTINGS_NAMESPACE = 'urn:schemas-microsoft-com:windows-provisioning';
export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';

/** The order WCD writes PackageConfig in; Description (never written by the UI) follows Notes [observed]. */
export const PACKAGE_CONFIG_ORDER: readonly PackageConfigElement[] = [
  'ID',
  'Name',
  'Version',
  'OwnerType',
  'Rank',
  'Notes',
  'Description',
];

/** How the current WCD builds (2018, 2022, 2025) write a file: BOM, CRLF, `<Notes></Notes>`, no final newline. */
export const WCD_FORMATTING: Readonly<CustomizationsFormatting> = Object.freeze<CustomizationsFormatting>({
  byteOrderMark: true,
  newline: '\r\n',
  trailingNewline: false,
  emptyNotes: 'open-close',
  packageConfigOrder: ['ID', 'Name', 'Version', 'OwnerType', 'Rank', 'Notes'],
  packageConfigExtras: [],
  settingsForm: 'customizations',
  commonPosition: 0,
});

const FILE = 'customizations.xml';

/** Reads a customizations.xml of any WCD vintage (and hand-written ones that ICD accepts). */
export function parseCustomizationsXml(input: string | Uint8Array): CustomizationsDocument {
  const decoded = decodeXmlText(input, FILE);
  const root = parseXmlTree(decoded.text, FILE);
  if (root.name !== 'WindowsCustomizations') {
    throw new ProjectFileError(FILE, root.name, 'the root element must be WindowsCustomizations');
  }
  const formatting: CustomizationsFormatting = {
    byteOrderMark: decoded.byteOrderMark,
    newline: decoded.newline,
    trailingNewline: decoded.trailingNewline,
    emptyNotes: 'open-close',
    packageConfigOrder: [],
    packageConfigExtras: [],
    settingsForm: 'customizations',
    commonPosition: -1,
  };
  const declaration = /^<\?xml[^?]*\?>/.exec(decoded.text)?.[0] ?? '';
  if (declaration !== XML_DECLARATION) formatting.declaration = declaration;

  let packageConfigNode: SettingNode | undefined;
  let settingsNode: SettingNode | undefined;
  for (const child of root.children) {
    if (child.name === 'PackageConfig' && !packageConfigNode) packageConfigNode = child;
    else if (child.name === 'Settings' && !settingsNode) settingsNode = child;
    else throw new ProjectFileError(FILE, `WindowsCustomizations/${child.name}`, 'unexpected element');
  }
  if (!packageConfigNode) {
    throw new ProjectFileError(FILE, 'WindowsCustomizations/PackageConfig', 'the element is missing');
  }
  const packageConfig = readPackageConfig(packageConfigNode, formatting);

  const common: SettingNode[] = [];
  const multivariant: SettingNode[] = [];
  if (!settingsNode) {
    formatting.settingsForm = 'self-closing';
  } else {
    const namespace = attribute(settingsNode, 'xmlns');
    if (namespace !== SETTINGS_NAMESPACE) formatting.settingsNamespace = namespace ?? '';
    if (settingsNode.children.length === 0) {
      formatting.settingsForm = settingsNode.text === undefined ? 'self-closing' : 'open-close';
    }
    for (const child of settingsNode.children) {
      if (child.name !== 'Customizations' || settingsNode.children.length !== 1) {
        throw new ProjectFileError(
          FILE,
          `Settings/${child.name}`,
          'Settings must hold exactly one Customizations',
        );
      }
      child.children.forEach((part, index) => {
        if (part.name === 'Common' && formatting.commonPosition < 0) {
          formatting.commonPosition = index;
          common.push(...part.children);
        } else {
          multivariant.push(part);
        }
      });
    }
  }
  return { packageConfig, common, multivariant, formatting };
}

function attribute(node: SettingNode, name: string): string | undefined {
  return node.attributes.find(([key]) => key === name)?.[1];
}

function readPackageConfig(node: SettingNode, formatting: CustomizationsFormatting): PackageConfig {
  const namespace = attribute(node, 'xmlns');
  if (namespace !== PACKAGE_CONFIG_NAMESPACE) formatting.packageConfigNamespace = namespace ?? '';
  const values = new Map<PackageConfigElement, SettingNode>();
  for (const child of node.children) {
    const known = PACKAGE_CONFIG_ORDER.find((name) => name === child.name);
    if (known && !values.has(known)) {
      values.set(known, child);
      formatting.packageConfigOrder.push(known);
    } else {
      formatting.packageConfigExtras.push(child);
    }
  }
  const text = (name: PackageConfigElement): string | undefined => {
    const element = values.get(name);
    if (element && element.children.length > 0) {
      throw new ProjectFileError(FILE, `PackageConfig/${name}`, 'must hold text, not elements');
    }
    return element ? (element.text ?? '') : undefined;
  };
  const required = (name: PackageConfigElement): string => {
    const value = text(name);
    if (value === undefined)
      throw new ProjectFileError(FILE, `PackageConfig/${name}`, 'the element is missing');
    return value;
  };

  const ownerTypeText = required('OwnerType');
  const ownerType = OWNER_TYPES.find((owner) => owner.toLowerCase() === ownerTypeText.trim().toLowerCase());
  if (!ownerType) {
    throw new ProjectFileError(
      FILE,
      'PackageConfig/OwnerType',
      `"${ownerTypeText}" is not one of ${OWNER_TYPES.join(', ')}`,
    );
  }
  if (ownerType !== ownerTypeText) formatting.ownerTypeText = ownerTypeText;

  let rank = 0;
  const rankText = text('Rank');
  if (rankText !== undefined) {
    if (!/^\s*[+-]?\d+\s*$/.test(rankText)) {
      throw new ProjectFileError(FILE, 'PackageConfig/Rank', `"${rankText}" is not an integer`);
    }
    rank = Number.parseInt(rankText, 10);
    if (String(rank) !== rankText) formatting.rankText = rankText;
  }

  const notesElement = values.get('Notes');
  if (notesElement && notesElement.text === undefined) formatting.emptyNotes = 'self-closing';

  const config: PackageConfig = {
    id: required('ID'),
    name: required('Name'),
    version: required('Version'),
    ownerType,
    rank,
    notes: text('Notes') ?? '',
  };
  const description = text('Description');
  if (description !== undefined) config.description = description;
  return config;
}

/**
 * Writes the document exactly as WCD does (or, for a document that was read, exactly in the form it was
 * read in): UTF-8 with BOM, CRLF, two-space indent, no trailing newline.
 */
export function serializeCustomizationsXml(doc: CustomizationsDocument): Uint8Array {
  return encodeUtf8(serializeCustomizationsXmlText(doc));
}

/** The lines of one child of Common (depth 4), in the document's newline. */
export function commonChildLines(node: SettingNode, newline: string): string[] {
  const lines: string[] = [];
  writeElementLines(node, 4, lines, newline, FILE, 'Settings/Customizations/Common');
  return lines;
}

/**
 * serializeCustomizationsXml before encoding: the text, with the BOM as U+FEFF when the form has one.
 * `childLines` writes one child of Common; the preview passes lines it kept for children it has not changed.
 */
export function serializeCustomizationsXmlText(
  doc: CustomizationsDocument,
  childLines: (node: SettingNode, newline: string) => readonly string[] = commonChildLines,
): string {
  const form = doc.formatting ?? WCD_FORMATTING;
  const lines: string[] = [];
  const declaration = form.declaration ?? XML_DECLARATION;
  if (declaration !== '') lines.push(declaration);
  lines.push('<WindowsCustomizations>');
  writePackageConfig(doc.packageConfig, form, lines);

  const settingsNamespace = form.settingsNamespace ?? SETTINGS_NAMESPACE;
  const settingsOpen = `  <Settings xmlns="${escapeCheckedAttribute(settingsNamespace, FILE, 'Settings/@xmlns')}"`;
  const empty = doc.common.length === 0 && doc.multivariant.length === 0;
  if (empty && form.settingsForm === 'self-closing') {
    lines.push(`${settingsOpen} />`);
  } else if (empty && form.settingsForm === 'open-close') {
    lines.push(`${settingsOpen}></Settings>`);
  } else {
    lines.push(`${settingsOpen}>`);
    writeCustomizations(doc, form, lines, childLines);
    lines.push('  </Settings>');
  }
  lines.push('</WindowsCustomizations>');
  return joinXmlLines(lines, form);
}

/** `<Customizations>` with Common at its recorded place among the Targets/Variant parts (depth 2). */
function writeCustomizations(
  doc: CustomizationsDocument,
  form: CustomizationsFormatting,
  lines: string[],
  childLines: (node: SettingNode, newline: string) => readonly string[],
): void {
  const nl = form.newline;
  const writeCommon = doc.common.length > 0 || form.commonPosition >= 0;
  if (!writeCommon && doc.multivariant.length === 0) {
    lines.push('    <Customizations />');
    return;
  }
  const commonPosition = writeCommon
    ? Math.min(Math.max(form.commonPosition, 0), doc.multivariant.length)
    : doc.multivariant.length;
  const writeParts = (parts: readonly SettingNode[]) => {
    for (const part of parts) writeElementLines(part, 3, lines, nl, FILE, 'Settings/Customizations');
  };
  lines.push('    <Customizations>');
  writeParts(doc.multivariant.slice(0, commonPosition));
  if (writeCommon && doc.common.length === 0) lines.push('      <Common />');
  else if (writeCommon) {
    lines.push('      <Common>');
    for (const node of doc.common) for (const line of childLines(node, nl)) lines.push(line);
    lines.push('      </Common>');
  }
  writeParts(doc.multivariant.slice(commonPosition));
  lines.push('    </Customizations>');
}

function writePackageConfig(config: PackageConfig, form: CustomizationsFormatting, lines: string[]): void {
  const values: Record<PackageConfigElement, string | undefined> = {
    ID: config.id,
    Name: config.name,
    Version: config.version,
    OwnerType:
      form.ownerTypeText?.toLowerCase() === config.ownerType.toLowerCase()
        ? form.ownerTypeText
        : config.ownerType,
    Rank:
      form.rankText !== undefined && Number.parseInt(form.rankText, 10) === config.rank
        ? form.rankText
        : String(config.rank),
    Notes: config.notes,
    Description: config.description,
  };
  // Written: what was read, plus whatever now carries a value (added in WCD's order at the end).
  const carriesValue = (name: PackageConfigElement): boolean =>
    name === 'ID' || name === 'Name' || name === 'Version' || name === 'OwnerType'
      ? true
      : name === 'Rank'
        ? config.rank !== 0
        : name === 'Notes'
          ? config.notes !== ''
          : config.description !== undefined;
  const order = form.packageConfigOrder.filter(
    (name) => name !== 'Description' || config.description !== undefined,
  );
  for (const name of PACKAGE_CONFIG_ORDER) if (!order.includes(name) && carriesValue(name)) order.push(name);

  const namespace = form.packageConfigNamespace ?? PACKAGE_CONFIG_NAMESPACE;
  lines.push(`  <PackageConfig xmlns="${escapeCheckedAttribute(namespace, FILE, 'PackageConfig/@xmlns')}">`);
  for (const name of order) {
    const value = values[name] ?? '';
    const where = `PackageConfig/${name}`;
    if (value === '' && form.emptyNotes === 'self-closing') lines.push(`    <${name} />`);
    else lines.push(`    <${name}>${escapeCheckedText(value, form.newline, FILE, where)}</${name}>`);
  }
  for (const extra of form.packageConfigExtras) {
    writeElementLines(extra, 2, lines, form.newline, FILE, 'PackageConfig');
  }
  lines.push('  </PackageConfig>');
}
