import { createHash } from 'node:crypto';
import {
  compilePackage,
  type CompileStyle,
  listAssetReferences,
  type PackageFile,
} from '../../compiler/compile';
import { type AppliedSetting, decompilePackage, settingForCspPath } from '../../compiler/decompile';
import { inlineAssetBytes } from '../../compiler/app-install-values';
import { readMultivariantIndex } from '../../compiler/multivariant';
import type { CustomizationsDocument } from '../../model/customizations-document';
import { SECRET_MASK } from '../../model/settings-edit';
import { parseCustomizationsXml } from '../../xml/customizations';
import type { WimEntry, WimFile } from '../wim/wim-file-reader';

/**
 * Checks a package the way an attacker would try to fool a reader of it: every file's SHA-1 is verified
 * (WimFile.stream does it), what Windows applies (RunTime.xml, User_RunTime.xml, every provxml) is decompiled,
 * and the embedded customizations.xml — the only thing WCD and a naive viewer show — is recompiled and compared
 * with the package file by file and setting by setting. Every difference is reported; nothing is trusted.
 */

/** Default cap on any package file that is parsed (customizations.xml, indexes, provxml): 64 MiB. */
export const DEFAULT_MAX_XML_BYTES = 64 * 1024 * 1024;

export class PackageLimitError extends Error {
  override readonly name = 'PackageLimitError';
}

export type DifferenceKind =
  | 'missing-customizations'
  | 'unreadable-customizations'
  | 'unverifiable'
  | 'missing-file'
  | 'extra-file'
  | 'file-differs'
  | 'unreadable-file'
  | 'setting-differs'
  | 'setting-not-declared'
  | 'setting-not-applied';

export interface PackageDifference {
  kind: DifferenceKind;
  /** Package path of the file, or the CSP path of the setting. */
  path: string;
  /** Setting path when the catalog knows it. */
  settingPath?: string;
  message: string;
  /** What the package applies (masked when secret unless showSecrets). */
  applied?: string;
  /** What the embedded customizations.xml declares (same masking). */
  declared?: string;
}

export interface PackageVerification {
  /** What Windows applies, in index order; secret values masked unless showSecrets. */
  applied: AppliedSetting[];
  differences: PackageDifference[];
  /** True only when the customizations.xml recompiles to exactly what the package applies. */
  matches: boolean;
  /** The compile variant the package was compared with (the one with the fewest differences). */
  comparedWith: { style: CompileStyle; targetSkus: 'WindowsCommon,Desktop' | 'Desktop' } | null;
}

export interface VerifyOptions {
  showSecrets?: boolean;
  maxXmlBytes?: number;
}

const CUSTOMIZATIONS_PATH = 'Multivariant/0/customizations.xml';
const isPayload = (path: string): boolean => /^DataAsset\/\d+\//i.test(path);

interface ActualFile {
  /** Content of every non-payload file (bounded by maxXmlBytes). */
  bytes?: Uint8Array;
  /** Hex SHA-256 of payload files (streamed, never held). */
  sha256?: string;
}

function sizeLimitText(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}

/** Refuses oversize parsed files before reading anything, so an expanding package fails at once. */
export function checkPackageLimits(entries: readonly WimEntry[], maxXmlBytes = DEFAULT_MAX_XML_BYTES): void {
  for (const entry of entries) {
    if (entry.isDirectory || isPayload(entry.path)) continue;
    if (entry.size > maxXmlBytes)
      throw new PackageLimitError(
        `${entry.path} expands to ${entry.size} bytes, over the ${sizeLimitText(maxXmlBytes)} limit for package files that are parsed (--max-xml-size)`,
      );
  }
}

/** Reads every file once: SHA-1 verified for all, bytes kept for the small ones, SHA-256 for payloads. */
async function readAllFiles(wim: WimFile): Promise<Map<string, ActualFile>> {
  const files = new Map<string, ActualFile>();
  for (const entry of wim.entries) {
    if (entry.isDirectory) continue;
    if (isPayload(entry.path)) {
      const hash = createHash('sha256');
      for await (const piece of wim.stream(entry)) hash.update(piece);
      files.set(entry.path, { sha256: hash.digest('base64') });
    } else {
      files.set(entry.path, { bytes: await wim.readFile(entry) });
    }
  }
  return files;
}

function mask(setting: AppliedSetting, showSecrets: boolean): string {
  return setting.secret && !showSecrets && setting.value !== '' ? SECRET_MASK : setting.value;
}

const settingKey = (setting: AppliedSetting): string =>
  `${setting.eventType}|${setting.cspPath.toLowerCase()}|${setting.delete ? 'noparm' : 'parm'}`;

function groupByKey(settings: readonly AppliedSetting[]): Map<string, AppliedSetting[]> {
  const groups = new Map<string, AppliedSetting[]>();
  for (const setting of settings) {
    const key = settingKey(setting);
    groups.set(key, [...(groups.get(key) ?? []), setting]);
  }
  return groups;
}

function compareSettings(
  declared: readonly AppliedSetting[],
  applied: readonly AppliedSetting[],
  showSecrets: boolean,
): PackageDifference[] {
  const out: PackageDifference[] = [];
  const expected = groupByKey(declared);
  const actual = groupByKey(applied);
  const describe = (setting: AppliedSetting) => setting.settingPath ?? setting.cspPath;
  for (const [key, actualItems] of actual) {
    const expectedItems = expected.get(key) ?? [];
    actualItems.forEach((item, index) => {
      const twin = expectedItems[index];
      const where = item.settingPath ? { settingPath: item.settingPath } : {};
      if (!twin) {
        out.push({
          kind: 'setting-not-declared',
          path: item.cspPath,
          ...where,
          message: `the package applies ${describe(item)}, which its customizations.xml does not declare`,
          applied: mask(item, showSecrets),
        });
        return;
      }
      const same =
        twin.value === item.value &&
        twin.datatype === item.datatype &&
        twin.exec === item.exec &&
        twin.delete === item.delete;
      if (!same) {
        const secret = item.secret || twin.secret;
        out.push({
          kind: 'setting-differs',
          path: item.cspPath,
          ...where,
          message: `the package applies a different value for ${describe(item)} than its customizations.xml declares`,
          applied: secret && !showSecrets ? SECRET_MASK : item.value,
          declared: secret && !showSecrets ? SECRET_MASK : twin.value,
        });
      }
    });
    expectedItems.slice(actualItems.length).forEach((item) => out.push(notApplied(item, showSecrets)));
  }
  for (const [key, expectedItems] of expected)
    if (!actual.has(key)) for (const item of expectedItems) out.push(notApplied(item, showSecrets));
  return out;
}

function notApplied(item: AppliedSetting, showSecrets: boolean): PackageDifference {
  return {
    kind: 'setting-not-applied',
    path: item.cspPath,
    ...(item.settingPath ? { settingPath: item.settingPath } : {}),
    message: `customizations.xml declares ${item.settingPath ?? item.cspPath}, which the package does not apply`,
    declared: mask(item, showSecrets),
  };
}

const equalBytes = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && a.every((byte, index) => byte === b[index]);

function compareFiles(
  compiled: readonly PackageFile[],
  actual: ReadonlyMap<string, ActualFile>,
  payloadDigests: WeakMap<Uint8Array, string>,
): PackageDifference[] {
  const out: PackageDifference[] = [];
  const expected = new Map(compiled.map((file) => [file.path, file.bytes]));
  for (const [path, bytes] of expected) {
    const found = actual.get(path);
    if (!found) {
      out.push({ kind: 'missing-file', path, message: `${path} is missing from the package` });
      continue;
    }
    const same = found.bytes
      ? equalBytes(found.bytes, bytes)
      : found.sha256 !== undefined && payloadDigests.get(bytes) === found.sha256;
    if (!same)
      out.push({
        kind: 'file-differs',
        path,
        message: `${path} differs from what the customizations.xml compiles to`,
      });
  }
  for (const path of actual.keys())
    if (!expected.has(path))
      out.push({
        kind: 'extra-file',
        path,
        message: `${path} is in the package but not produced by its customizations.xml`,
      });
  return out;
}

function xmlFilesOf(files: ReadonlyMap<string, ActualFile>): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  for (const [path, file] of files) if (file.bytes) out.set(path, file.bytes);
  return out;
}

/**
 * Asset bytes for recompiling: file-copy assets stand in as empty placeholders whose digest is the SHA-256
 * of the package's own copy (the payload is never read into memory). Assets serialized into the provxml
 * (certificates, XML, Base64) exist only there, so their bytes are taken back from the applied parm of the
 * same setting (the n-th declared one from the n-th applied one); the recompile then checks everything else
 * about them (path, datatype, thumbprint).
 */
function assetBytesForRecompile(
  doc: CustomizationsDocument,
  files: ReadonlyMap<string, ActualFile>,
  applied: readonly AppliedSetting[],
  digests: WeakMap<Uint8Array, string>,
): Map<string, Uint8Array> {
  const assets = new Map<string, Uint8Array>();
  const used = new Set<AppliedSetting>();
  for (const reference of listAssetReferences(doc)) {
    if (assets.has(reference.recordedPath)) continue;
    if (reference.serialization === 'file-copy') {
      const fileName = reference.recordedPath.split(/[\\/]/).pop() ?? '';
      for (const [path, file] of files) {
        if (file.sha256 && isPayload(path) && path.endsWith(`/${fileName}`)) {
          const placeholder = new Uint8Array(0);
          digests.set(placeholder, file.sha256);
          assets.set(reference.recordedPath, placeholder);
          break;
        }
      }
      continue;
    }
    const source = applied.find(
      (setting) =>
        !used.has(setting) &&
        (reference.serialization === 'wlan-xml'
          ? /^WiFi\/Profile\/[^/]+\/WlanXml$/i.test(setting.cspPath)
          : settingForCspPath(setting.cspPath)?.manifestPath === reference.manifestPath),
    );
    if (!source) continue;
    used.add(source);
    const bytes = inlineAssetBytes(
      reference.serialization,
      source.value,
      (text) => new Uint8Array(Buffer.from(text, 'utf8')),
    );
    assets.set(reference.recordedPath, bytes ?? new Uint8Array(Buffer.from(source.value, 'base64')));
  }
  return assets;
}

/**
 * Whether Multivariant.xml lists elements besides 0: a package built in PPKG Studio's inferred multivariant
 * layout (docs/format/ppkg-format.md §3.4), recompiled the same way. An unreadable index counts as none.
 */
function hasVariantElements(xmlFiles: ReadonlyMap<string, Uint8Array>): boolean {
  const index = xmlFiles.get('Multivariant/Multivariant.xml');
  if (!index) return false;
  try {
    return readMultivariantIndex(index).some((element) => element.index !== 0);
  } catch {
    return false;
  }
}

/** Files that only say how settings are grouped and indexed: their settings are compared one by one. */
const APPLY_PLUMBING = /^Multivariant\/\d+\/(Prov\/|MasterDatastore\.xml$)/i;

const VARIANTS: ReadonlyArray<NonNullable<PackageVerification['comparedWith']>> = [
  { style: 'store', targetSkus: 'WindowsCommon,Desktop' },
  { style: 'store', targetSkus: 'Desktop' },
  { style: 'adk', targetSkus: 'WindowsCommon,Desktop' },
  { style: 'adk', targetSkus: 'Desktop' },
];

/** Verifies an open package (see the file comment). Throws WimFormatError on a corrupt file, PackageLimitError on oversize XML. */
export async function verifyPackage(wim: WimFile, options: VerifyOptions = {}): Promise<PackageVerification> {
  const showSecrets = options.showSecrets ?? false;
  checkPackageLimits(wim.entries, options.maxXmlBytes ?? DEFAULT_MAX_XML_BYTES);
  const files = await readAllFiles(wim);
  const xmlFiles = xmlFilesOf(files);
  const decompiled = decompilePackage(xmlFiles);
  const applied = decompiled.applied.map((setting) => ({ ...setting, value: mask(setting, showSecrets) }));
  const differences: PackageDifference[] = decompiled.problems.map((problem) => ({
    kind: 'unreadable-file',
    path: problem.path,
    message: problem.message,
  }));
  const result = (extra: PackageDifference[], comparedWith: PackageVerification['comparedWith']) => {
    const all = [...differences, ...extra];
    return { applied, differences: all, matches: all.length === 0, comparedWith };
  };

  const customizationsXml = xmlFiles.get(CUSTOMIZATIONS_PATH);
  if (!customizationsXml) {
    return result(
      [
        {
          kind: 'missing-customizations',
          path: CUSTOMIZATIONS_PATH,
          message: `the package has no ${CUSTOMIZATIONS_PATH}: the ${decompiled.applied.length} setting(s) it applies cannot be checked against a project`,
        },
      ],
      null,
    );
  }
  let doc: CustomizationsDocument;
  try {
    doc = parseCustomizationsXml(customizationsXml);
  } catch (error) {
    return result(
      [{ kind: 'unreadable-customizations', path: CUSTOMIZATIONS_PATH, message: (error as Error).message }],
      null,
    );
  }

  const digests = new WeakMap<Uint8Array, string>();
  const assets = assetBytesForRecompile(doc, files, decompiled.applied, digests);
  const sha256 = (bytes: Uint8Array) => new Uint8Array(createHash('sha256').update(bytes).digest());
  let best: { differences: PackageDifference[]; variant: (typeof VARIANTS)[number] } | undefined;
  let compileFailure: string | undefined;
  // The variant NOTES names first (ADK builds are versioned 10.0.x), so a tie reports the likely one.
  const notes = new Map(wim.xml.images[0]?.properties ?? []).get('NOTES') ?? '';
  const likelyStyle: CompileStyle = /(?:^|;)VERSION=10\.0\./.test(notes) ? 'adk' : 'store';
  const likelySkus = /(?:^|;)TargetSkus=([^;]*)/.exec(notes)?.[1];
  const rank = (variant: (typeof VARIANTS)[number]) =>
    (variant.style === likelyStyle ? 0 : 2) + (variant.targetSkus === likelySkus ? 0 : 1);
  for (const variant of [...VARIANTS].sort((a, b) => rank(a) - rank(b))) {
    let compiled: PackageFile[];
    try {
      compiled = compilePackage(doc, customizationsXml, {
        ...variant,
        ...(hasVariantElements(xmlFiles) ? { variantLayout: 'inferred' as const } : {}),
        assets,
        sha256: (bytes) => {
          const digest = digests.get(bytes);
          return digest ? new Uint8Array(Buffer.from(digest, 'base64')) : sha256(bytes);
        },
      });
    } catch (error) {
      compileFailure = (error as Error).message;
      break;
    }
    const compiledXml = new Map(
      compiled.filter((file) => !isPayload(file.path)).map((file) => [file.path, file.bytes]),
    );
    const declared = decompilePackage(compiledXml).applied;
    const settingDifferences = compareSettings(declared, decompiled.applied, showSecrets);
    const referenced = new Set(decompiled.applied.map((setting) => setting.file));
    const found = [
      // WCD versions group settings into provxml files differently (docs/format/compile-rules.md §4). When every applied
      // setting matches, how they are split into files is not a difference — but an unreferenced file is.
      ...compareFiles(compiled, files, digests).filter(
        (difference) =>
          settingDifferences.length > 0 ||
          !APPLY_PLUMBING.test(difference.path) ||
          (difference.kind === 'extra-file' &&
            /\.provxml$/i.test(difference.path) &&
            !referenced.has(difference.path)),
      ),
      ...settingDifferences,
    ];
    if (!best || found.length < best.differences.length) best = { differences: found, variant };
    if (found.length === 0) break;
  }
  if (!best)
    return result(
      [
        {
          kind: 'unverifiable',
          path: CUSTOMIZATIONS_PATH,
          message: `the embedded customizations.xml cannot be recompiled to check what the package applies (${compileFailure ?? 'unknown error'})`,
        },
      ],
      null,
    );
  return result(best.differences, best.variant);
}
