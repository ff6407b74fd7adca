import { compareStoreOrder, findEnumValue, getCatalogChildren } from '../catalog';
import { getMdmPreset } from '../catalog/mdm-presets';
import type { CatalogEntry } from '../catalog/types';
import type { CustomizationsDocument } from '../model/customizations-document';
import { BRACED_GUID, PACKAGE_VERSION } from '../model/package-config-formats';
import type { WcdProject } from '../model/schema';
import { walkSettings } from '../model/settings-edit';
import { isMaskedSecret } from '../model/secrets';
import type { SettingNode } from '../model/settings-tree';
import { checkDeviceName, checkServiceUrl, checkSsid, checkUpn, checkWifiKey, type RuleHit } from './formats';
import { VALIDATION_RULES, type RuleId } from './rules';
import type { Finding, ValidationOptions } from './types';

const UNBRACED_GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const DEVICE_NAME_PATHS = new Set(['Accounts/ComputerAccount/ComputerName', 'DevDetail/DNSComputerName']);
const WLAN_ITEM = 'ConnectivityProfiles/WLAN/WLANSetting/WLANConfig';
const ENROLLMENT_ITEM = 'Workplace/Enrollments/UPN';
// SSIDs are case-sensitive; account names, UPNs and certificate names are not (Windows compares them ignoring case).
const CASE_SENSITIVE_KEYS = new Set(['ConnectivityProfiles/WLAN/WLANSetting']);

class Findings {
  readonly list: Finding[] = [];
  add(ruleId: RuleId, path: string, params: Record<string, string | number> = {}): void {
    this.list.push({ ruleId, severity: VALIDATION_RULES[ruleId], path, params });
  }
  addHits(hits: RuleHit[], path: string): void {
    for (const hit of hits) this.add(hit.ruleId, path, hit.params);
  }
}

function attributeValue(node: SettingNode, name: string): string | undefined {
  return node.attributes.find(([attribute]) => attribute === name)?.[1];
}

function childText(node: SettingNode | undefined, name: string): string | undefined {
  const child = node?.children.find((candidate) => candidate.name === name);
  return child && child.children.length === 0 ? (child.text ?? '') : undefined;
}

/**
 * Checks a document against the catalog and the per-setting rules. Returns findings in document order
 * (package properties first); an empty list means nothing to report.
 */
export function validateDocument(doc: CustomizationsDocument, options: ValidationOptions = {}): Finding[] {
  const findings = new Findings();
  checkPackageConfig(doc, options, findings);

  let needsDesktop: string | undefined;
  let hidesOobe: string | undefined;
  let hasAccount = false;

  walkSettings(doc, ({ node, entry, path, manifestPath }) => {
    if (!entry) return;
    if (entry.store === 'desktop' && needsDesktop === undefined) needsDesktop = path;
    const kind = entry.kind.kind;
    if (kind === 'map' || kind === 'list') checkCollection(node, entry, path, findings);
    else if (kind === 'tree' || kind === 'item') checkRequiredChildren(node, entry, path, findings);
    else if (node.children.length === 0) {
      const text = node.text ?? '';
      // A saved project's `********` placeholder is a missing secret, never a value (issue #10).
      if (entry.secret && isMaskedSecret(text)) findings.add('secret.masked', path, { setting: entry.name });
      else if (entry.required && text.trim() === '')
        findings.add('setting.required', path, { setting: entry.name });
      else checkValue(text, entry, path, findings);
    }

    if (manifestPath === WLAN_ITEM) checkWifiItem(node, path, findings);
    if (manifestPath === ENROLLMENT_ITEM) checkEnrollmentItem(node, path, options, findings);
    if (manifestPath === `${WLAN_ITEM}/ProxyServerPort`) findings.add('wifi.proxy-on-desktop', path);
    if (manifestPath === 'OOBE/Desktop/HideOobe' && /^true$/i.test(node.text ?? '')) hidesOobe = path;
    if (
      manifestPath === 'Accounts/Users/User' ||
      manifestPath === 'Accounts/Azure/BPRT' ||
      manifestPath === 'Accounts/ComputerAccount/DomainName'
    ) {
      hasAccount = true;
    }
  });

  if (hidesOobe !== undefined && !hasAccount) findings.add('oobe.hidden-without-account', hidesOobe);
  if (options.targetEditions && needsDesktop !== undefined && !options.targetEditions.includes('Desktop')) {
    findings.add('project.desktop-edition-missing', needsDesktop);
  }
  return findings.list;
}

/** Validates a whole project folder: its editions and Id come from the project file. */
export function validateProject(
  project: WcdProject,
  options: Pick<ValidationOptions, 'mdmPreset'> = {},
): Finding[] {
  return validateDocument(project.customizations, {
    ...options,
    targetEditions: project.project.targetEditions.map((sku) => sku.edition),
    projectId: project.project.id,
  });
}

function checkPackageConfig(
  doc: CustomizationsDocument,
  options: ValidationOptions,
  findings: Findings,
): void {
  const config = doc.packageConfig;
  if (!BRACED_GUID.test(config.id)) {
    findings.add(
      UNBRACED_GUID.test(config.id) ? 'package.id-unbraced' : 'package.id-invalid',
      'PackageConfig/ID',
    );
  }
  if (config.name.trim() === '') findings.add('package.name-empty', 'PackageConfig/Name');
  if (!PACKAGE_VERSION.test(config.version)) {
    findings.add('package.version-format', 'PackageConfig/Version', { version: config.version });
  }
  if (!Number.isInteger(config.rank) || config.rank < 0 || config.rank > 99) {
    findings.add('package.rank-range', 'PackageConfig/Rank', { rank: config.rank });
  }
  const normalise = (id: string) => id.replace(/^\{|\}$/g, '').toLowerCase();
  if (options.projectId !== undefined && normalise(options.projectId) !== normalise(config.id)) {
    findings.add('project.id-mismatch', 'PackageConfig/ID');
  }
}

function checkValue(text: string, entry: CatalogEntry, path: string, findings: Findings): void {
  const kind = entry.kind;
  switch (kind.kind) {
    case 'boolean':
      if (!/^(true|false)$/i.test(text.trim())) findings.add('setting.boolean', path);
      break;
    case 'enum':
      if (!findEnumValue(entry, text)) {
        findings.add('setting.enum', path, { allowed: kind.values.map((value) => value.text).join(', ') });
      }
      break;
    case 'integer': {
      if (!/^\s*[+-]?\d+\s*$/.test(text)) {
        findings.add('setting.integer', path);
        break;
      }
      const value = Number.parseInt(text, 10);
      if ((kind.min !== undefined && value < kind.min) || (kind.max !== undefined && value > kind.max)) {
        findings.add('setting.integer-range', path, { min: kind.min ?? '', max: kind.max ?? '' });
      }
      break;
    }
    case 'asset':
      checkAsset(text, kind.extensions, path, findings);
      break;
    case 'text':
      if (DEVICE_NAME_PATHS.has(entry.path)) findings.addHits(checkDeviceName(text), path);
      else if (kind.format === 'url' && text !== '') {
        findings.addHits(checkServiceUrl(text, entry.name === 'DiscoveryServiceFullUrl'), path);
      }
      break;
    default:
      break;
  }
}

function checkAsset(text: string, extensions: string[], path: string, findings: Findings): void {
  const value = text.trim();
  if (value === '') {
    findings.add('asset.empty', path);
    return;
  }
  const fileName = value.split(/[\\/]/).pop() ?? value;
  const dot = fileName.lastIndexOf('.');
  const extension = dot > 0 ? fileName.slice(dot).toLowerCase() : '';
  if (extensions.length > 0 && !extensions.includes(extension)) {
    findings.add('asset.extension', path, { extension: extension || '—', allowed: extensions.join(', ') });
  }
  // WCD embeds the file from this path at build time; a relative path depends on where it runs.
  if (!/^(?:[a-zA-Z]:[\\/]|\\\\|\/)/.test(value)) findings.add('asset.not-absolute', path);
}

/** Required children of a present container or item (a default counts as present: WCD applies it). */
function checkRequiredChildren(
  node: SettingNode,
  entry: CatalogEntry,
  path: string,
  findings: Findings,
): void {
  for (const child of getCatalogChildren(entry.path)) {
    const present = node.children.some((candidate) => candidate.name === child.name);
    if (present || child.default !== undefined) continue;
    let required = child.required;
    if (child.requiredWhen) {
      const sibling = childText(node, child.requiredWhen.sibling);
      required = sibling !== undefined && child.requiredWhen.values.includes(sibling);
    }
    if (required) findings.add('setting.required', `${path}/${child.name}`, { setting: child.name });
  }
}

function checkCollection(node: SettingNode, entry: CatalogEntry, path: string, findings: Findings): void {
  if (entry.kind.kind !== 'map' && entry.kind.kind !== 'list') return;
  const keyAttribute = entry.kind.kind === 'map' ? entry.kind.keyAttribute : 'Name';
  const itemElement = entry.kind.itemElement;
  const seen = new Map<string, number>();
  for (const item of node.children) {
    if (item.name !== itemElement) continue;
    const key = attributeValue(item, keyAttribute);
    if (key === undefined || key.trim() === '') {
      findings.add('setting.empty-key', `${path}/${itemElement}`, { attribute: keyAttribute });
      continue;
    }
    const normalised = CASE_SENSITIVE_KEYS.has(entry.path) ? key : key.toLowerCase();
    seen.set(normalised, (seen.get(normalised) ?? 0) + 1);
    if (seen.get(normalised) === 2) {
      // File lists may repeat a Name (WCD does); a map key or a command name must be unique.
      const isFileList =
        entry.kind.kind === 'list' && getCatalogChildren(entry.path)[0]?.kind.kind === 'asset';
      if (entry.kind.kind === 'map')
        findings.add('collection.duplicate-key', `${path}/${itemElement}[${key}]`, { key });
      else if (!isFileList)
        findings.add('collection.duplicate-name', `${path}/${itemElement}[${key}]`, { key });
    }
  }
}

function checkWifiItem(node: SettingNode, path: string, findings: Findings): void {
  findings.addHits(checkSsid(attributeValue(node, 'SSID') ?? ''), path);
  const settings = node.children.find((child) => child.name === 'WLANXmlSettings');
  const securityType = childText(settings, 'SecurityType');
  const key = childText(settings, 'SecurityKey');
  if (securityType !== undefined && key !== undefined && !isMaskedSecret(key)) {
    findings.addHits(checkWifiKey(securityType, key), `${path}/WLANXmlSettings/SecurityKey`);
  }
}

function checkEnrollmentItem(
  node: SettingNode,
  path: string,
  options: ValidationOptions,
  findings: Findings,
): void {
  const upn = attributeValue(node, 'UPN') ?? '';
  const hits = checkUpn(upn);
  findings.addHits(hits, path);
  const preset = options.mdmPreset === undefined ? undefined : getMdmPreset(options.mdmPreset);
  if (
    hits.length === 0 &&
    preset?.upnPrefix &&
    !upn.toLowerCase().startsWith(preset.upnPrefix.toLowerCase())
  ) {
    findings.add('upn.missing-vendor-prefix', path, { prefix: preset.upnPrefix, preset: preset.name });
  }
}

/** Findings sorted for display: errors first, then by path in store order. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) || compareStoreOrder(a.path, b.path),
  );
}
