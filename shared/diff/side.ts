import { decodeTextFile, encodeUtf8, toHex } from '../compiler/bytes';
import { listAssetReferences } from '../compiler/compile';
import { inlineAssetBytes } from '../compiler/app-install-values';
import { assetFileName } from '../compiler/data-asset';
import { type AppliedSetting, decompilePackage, settingForCspPath } from '../compiler/decompile';
import { sha256 } from '../compiler/sha256';
import type { CustomizationsDocument } from '../model/customizations-document';
import { type DeclaredSetting, declaredSettings } from '../model/declared-settings';
import { ownerOfAltitude } from '../model/owner-type';
import { parseCustomizationsXml } from '../xml/customizations';
import { redactSecrets } from './redact';

/**
 * One side of a diff, in a form that holds no secret in clear: a package as read, or a project compiled in
 * memory to the package it would build. Both go through `describePackage`, so a package and the project it
 * was built from describe themselves identically.
 */

export type SideKind = 'package' | 'project';

export interface SideSetting {
  /** Instance path: map keys in brackets (`Accounts/Users/User[alice]/Password`); a repeat gets `#2`, `#3`… */
  path: string;
  secret: boolean;
  /** Plain value; absent for secrets. */
  value?: string;
  /** Keyed digest of a secret (see SecretDigest); never shown, only compared. */
  secretDigest?: string;
}

export interface SideFile {
  /** Package path, `/`-separated, no leading slash. */
  path: string;
  size: number;
  /** Hex SHA-256 of the content. */
  sha256: string;
}

export interface SideAsset {
  /** Setting path of the asset reference. */
  settingPath: string;
  fileName: string;
  /** Hex SHA-256 of the asset's content as the package carries it; null when it cannot be found. */
  sha256: string | null;
}

export interface DiffSide {
  label: string;
  kind: SideKind;
  /** Package properties worth comparing (build times and builder version excluded), in display order. */
  properties: Array<[name: string, value: string]>;
  settings: SideSetting[];
  files: SideFile[];
  assets: SideAsset[];
  /** Text of every provxml and RunTime index, secrets replaced by `********(digest)` tokens. */
  provxml: Record<string, string>;
  /** Where the settings come from: the embedded customizations.xml, or (when it is missing) what is applied. */
  settingsSource: 'customizations.xml' | 'applied';
  /** Things a reader of this side should know (e.g. the package applies something else than it declares). */
  warnings: string[];
}

/**
 * A digest of a secret value keyed per run (HMAC with a random key the caller makes once for both sides), so
 * equal secrets compare equal and a printed token cannot be used to guess the value offline.
 */
export type SecretDigest = (value: string) => string;

/** One file of a package: the bytes of every file that is read as text, only a digest for payloads. */
export interface PackageFileInfo {
  size: number;
  sha256: string;
  bytes?: Uint8Array;
}

export interface DescribePackageInput {
  label: string;
  kind: SideKind;
  /** The WIM image properties (as stored, or as a build would write them). */
  imageProperties: ReadonlyArray<readonly [string, string]>;
  /** Package path → file; `bytes` needed for everything except DataAsset payloads. */
  files: ReadonlyMap<string, PackageFileInfo>;
  secretDigest: SecretDigest;
}

const CUSTOMIZATIONS_PATH = 'Multivariant/0/customizations.xml';
/** provxml files and the RunTime / User_RunTime indexes: the files whose lines are compared. */
const LINE_DIFFED = /(\.provxml$)|(^Multivariant\/\d+\/Prov\/(User_)?RunTime\.xml$)/i;

function ownerText(altitude: string | undefined): string {
  if (altitude === undefined || !/^\d+$/.test(altitude)) return altitude ?? '';
  const value = Number(altitude);
  const { ownerType, rank } = ownerOfAltitude(value);
  return ownerType === undefined ? `?, rank ${value}` : `${ownerType}, rank ${rank}`;
}

/** Name, description, version, owner, ID, target SKUs and source; not times nor the builder's version. */
export function comparableProperties(
  imageProperties: ReadonlyArray<readonly [string, string]>,
): Array<[string, string]> {
  const map = new Map(imageProperties.map(([key, value]) => [key.toUpperCase(), value]));
  const notes = map.get('NOTES') ?? '';
  const note = (name: string) => new RegExp(`(?:^|;)${name}=([^;]*)`).exec(notes)?.[1] ?? '';
  const scenario = note('ScenarioId');
  return [
    ['Name', map.get('NAME') ?? ''],
    ['Description', map.get('DESCRIPTION') ?? ''],
    ['Version', map.get('VERSION') ?? ''],
    ['Owner', ownerText(map.get('ALTITUDE'))],
    ['Package ID', (map.get('PACKAGEID') ?? '').replace(/^\{|\}$/g, '').toLowerCase()],
    ['Target SKUs', note('TargetSkus')],
    ['Source', scenario ? `${note('Source')} (scenario ${scenario})` : note('Source')],
  ];
}

function appliedSettings(
  applied: readonly AppliedSetting[],
): Array<{ path: string; value: string; secret: boolean }> {
  return applied.map((setting) => ({
    path: `${setting.eventType === 'User_RunTime' ? '[user] ' : ''}${setting.settingPath ?? setting.cspPath}`,
    value: setting.delete ? '(delete)' : setting.value,
    secret: setting.secret,
  }));
}

function numberRepeats(paths: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return paths.map((path) => {
    const count = (seen.get(path) ?? 0) + 1;
    seen.set(path, count);
    return count === 1 ? path : `${path}#${count}`;
  });
}

/**
 * The content of each asset as the package carries it: a file copy is its DataAsset file; a certificate or
 * XML asset lives inside the provxml as the parm of its setting (the n-th reference from the n-th parm).
 */
function assetDigests(
  doc: CustomizationsDocument,
  declared: readonly DeclaredSetting[],
  files: ReadonlyMap<string, PackageFileInfo>,
  applied: readonly AppliedSetting[],
): SideAsset[] {
  const used = new Set<AppliedSetting>();
  const named = new Set<DeclaredSetting>();
  return listAssetReferences(doc).map((reference) => {
    const fileName = assetFileName(reference.recordedPath);
    // The same path the settings list shows (keys in brackets) for this reference.
    const setting = declared.find(
      (candidate) =>
        !named.has(candidate) &&
        candidate.manifestPath === reference.manifestPath &&
        candidate.value === reference.recordedPath,
    );
    if (setting) named.add(setting);
    const result = (digest: string | null): SideAsset => ({
      settingPath: setting?.path ?? reference.settingPath,
      fileName,
      sha256: digest,
    });
    if (reference.serialization === 'file-copy') {
      const lower = `/${fileName.toLowerCase()}`;
      for (const [path, file] of files)
        if (/^DataAsset\/\d+\//i.test(path) && path.toLowerCase().endsWith(lower)) return result(file.sha256);
      return result(null);
    }
    const source = applied.find(
      (setting) =>
        !used.has(setting) &&
        (reference.serialization === 'wlan-xml'
          ? /^WiFi\/Profile\/[^/]+\/WlanXml$/i.test(setting.cspPath)
          : settingForCspPath(setting.cspPath)?.manifestPath === reference.manifestPath),
    );
    if (!source) return result(null);
    used.add(source);
    const bytes =
      inlineAssetBytes(reference.serialization, source.value, encodeUtf8) ?? encodeUtf8(source.value);
    return result(toHex(sha256(bytes)));
  });
}

/** Describes a package (or a project compiled to one) for diffing. Pure: the caller reads the files. */
export function describePackage(input: DescribePackageInput): DiffSide {
  const warnings: string[] = [];
  const xmlFiles = new Map<string, Uint8Array>();
  for (const [path, file] of input.files) if (file.bytes) xmlFiles.set(path, file.bytes);
  const decompiled = decompilePackage(xmlFiles);
  for (const problem of decompiled.problems) warnings.push(`${problem.path}: ${problem.message}`);

  let doc: CustomizationsDocument | undefined;
  const customizations = xmlFiles.get(CUSTOMIZATIONS_PATH);
  if (customizations) {
    try {
      doc = parseCustomizationsXml(customizations);
    } catch (error) {
      warnings.push(
        `${CUSTOMIZATIONS_PATH} cannot be read (${(error as Error).message}); settings are those applied`,
      );
    }
  } else {
    warnings.push(`the package has no ${CUSTOMIZATIONS_PATH}; settings are those its provxml files apply`);
  }
  const declared = doc ? declaredSettings(doc) : [];
  const listed = doc ? declared : appliedSettings(decompiled.applied);
  const paths = numberRepeats(listed.map((setting) => setting.path));
  const settings: SideSetting[] = listed.map((setting, index) =>
    setting.secret
      ? { path: paths[index]!, secret: true, secretDigest: input.secretDigest(setting.value) }
      : { path: paths[index]!, secret: false, value: setting.value },
  );

  const secretValues = new Set<string>();
  for (const setting of listed) if (setting.secret && setting.value !== '') secretValues.add(setting.value);
  for (const setting of decompiled.applied)
    if (setting.secret && setting.value !== '') secretValues.add(setting.value);
  const provxml: Record<string, string> = {};
  for (const [path, bytes] of [...xmlFiles].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    if (LINE_DIFFED.test(path))
      provxml[path] = redactSecrets(decodeTextFile(bytes), secretValues, input.secretDigest);

  return {
    label: input.label,
    kind: input.kind,
    properties: comparableProperties(input.imageProperties),
    settings,
    files: [...input.files]
      .map(([path, file]) => ({ path, size: file.size, sha256: file.sha256 }))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    assets: doc ? assetDigests(doc, declared, input.files, decompiled.applied) : [],
    provxml,
    settingsSource: doc ? 'customizations.xml' : 'applied',
    warnings,
  };
}
