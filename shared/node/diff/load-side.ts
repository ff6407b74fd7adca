import { createHash, createHmac, randomBytes } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { compilePackage, type CompileStyle } from '../../compiler/compile';
import { diffSides, type PackageDiff } from '../../diff/package-diff';
import type { CustomizationsDocument } from '../../model/customizations-document';
import { type DiffSide, describePackage, type PackageFileInfo, type SecretDigest } from '../../diff/side';
import { assetSha256, assetSize } from '../file-backed-assets';
import { packageImageProperties } from '../package/image-properties';
import { checkPackageLimits, DEFAULT_MAX_XML_BYTES, verifyPackage } from '../package/verify-package';
import { loadProjectInput, type SupportedTargetSkus } from '../project-input';
import { openWimFile } from '../wim/wim-file-reader';

/** Reads the two sides of `ppkg-studio diff` (and the app's comparisons) from disk. */

export interface LoadSideOptions {
  /** Keyed digest for secrets; one per comparison so both sides agree (createSecretDigest). */
  secretDigest: SecretDigest;
  /** Folders searched for a project's assets by file name (`--assets`). */
  assetDirs?: readonly string[];
  /** Compile style for a project side; default: the other side's when it is a package, else store. */
  style?: CompileStyle;
  /** Target SKUs for a project side; default: the project's own. */
  targetSkus?: SupportedTargetSkus;
  /** Cap on package files that are parsed (as inspect's --max-xml-size). */
  maxXmlBytes?: number;
  /** Shown instead of the file name. */
  label?: string;
}

/** HMAC-SHA-256 under a random key that lives only as long as this comparison. */
export function createSecretDigest(): SecretDigest {
  const key = randomBytes(32);
  return (value) => createHmac('sha256', key).update(value, 'utf8').digest('hex');
}

const WIM_MAGIC = Buffer.from('MSWIM\0\0\0', 'latin1');
const hex256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const isPayload = (path: string): boolean => /^DataAsset\/\d+\//i.test(path);

/** A file starting with the WIM magic is a package; a folder or anything else is a project. */
export async function sideKindOf(path: string): Promise<'package' | 'project'> {
  if ((await stat(path)).isDirectory()) return 'project';
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(WIM_MAGIC.length);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return bytesRead === head.length && head.equals(WIM_MAGIC) ? 'package' : 'project';
  } finally {
    await handle.close();
  }
}

/** The compile style a package was most likely built with (ADK builds are versioned 10.0.x in NOTES). */
export function likelyStyleOf(imageProperties: ReadonlyArray<readonly [string, string]>): CompileStyle {
  const notes = imageProperties.find(([key]) => key === 'NOTES')?.[1] ?? '';
  return /(?:^|;)VERSION=10\.0\./.test(notes) ? 'adk' : 'store';
}

/** Reads a package: every file's SHA-256 (payloads streamed), XML files kept for the settings and line diff. */
export async function loadPackageSide(path: string, options: LoadSideOptions): Promise<DiffSide> {
  const wim = await openWimFile(path);
  try {
    const maxXmlBytes = options.maxXmlBytes ?? DEFAULT_MAX_XML_BYTES;
    checkPackageLimits(wim.entries, maxXmlBytes);
    const files = new Map<string, PackageFileInfo>();
    for (const entry of wim.entries) {
      if (entry.isDirectory) continue;
      const packagePath = entry.path.replace(/^\//, '');
      if (isPayload(packagePath)) {
        const hash = createHash('sha256');
        for await (const piece of wim.stream(entry)) hash.update(piece);
        files.set(packagePath, { size: entry.size, sha256: hash.digest('hex') });
      } else {
        const bytes = await wim.readFile(entry);
        files.set(packagePath, { size: bytes.length, sha256: hex256(bytes), bytes });
      }
    }
    const imageProperties = wim.xml.images[0]?.properties ?? [];
    const side = describePackage({
      label: options.label ?? basename(path),
      kind: 'package',
      imageProperties,
      files,
      secretDigest: options.secretDigest,
    });
    // The settings shown come from customizations.xml; say so loudly when the package applies something else.
    const verification = await verifyPackage(wim, { maxXmlBytes });
    if (!verification.matches)
      side.warnings.push(
        `what this package applies differs from its customizations.xml in ${verification.differences.length} place(s); the provxml line diff shows what is applied (ppkg-studio inspect lists the differences)`,
      );
    return side;
  } finally {
    await wim.close();
  }
}

export interface DocumentSideInput {
  doc: CustomizationsDocument;
  /** What the package would embed as customizations.xml (the project file as read, or the serialized document). */
  customizationsXml: Uint8Array;
  assets: ReadonlyMap<string, Uint8Array>;
  style: CompileStyle;
  targetSkus: SupportedTargetSkus;
  /** The ScenarioId a build writes in NOTES (the wizard's, or the project's). */
  scenarioId?: string;
  label: string;
  secretDigest: SecretDigest;
}

/** Compiles a document in memory to the package `build` would write (same files, same image properties). */
export function describeDocumentSide(input: DocumentSideInput): DiffSide {
  const compiled = compilePackage(input.doc, input.customizationsXml, {
    style: input.style,
    targetSkus: input.targetSkus,
    assets: input.assets,
    // Large installers are on-disk placeholders (file-backed-assets.ts): their streamed digest and size count.
    sha256: assetSha256,
  });
  const files = new Map<string, PackageFileInfo>(
    compiled.map((file) => [
      file.path,
      {
        size: assetSize(file.bytes),
        sha256: Buffer.from(assetSha256(file.bytes)).toString('hex'),
        ...(isPayload(file.path) ? {} : { bytes: file.bytes }),
      },
    ]),
  );
  return describePackage({
    label: input.label,
    kind: 'project',
    imageProperties: packageImageProperties(input.doc, {
      targetSkus: input.targetSkus,
      packageId: input.doc.packageConfig.id,
      ...(input.scenarioId ? { scenarioId: input.scenarioId } : {}),
    }),
    files,
    secretDigest: input.secretDigest,
  });
}

/** Loads a project (customizations.xml, WCD folder or .icdproj.xml) with its assets and describes it. */
export async function loadProjectSide(path: string, options: LoadSideOptions): Promise<DiffSide> {
  const input = await loadProjectInput(path, {
    assetDirs: options.assetDirs ?? [],
    ...(options.targetSkus ? { targetSkus: options.targetSkus } : {}),
  });
  return describeDocumentSide({
    doc: input.doc,
    customizationsXml: input.customizationsXml,
    assets: input.assets,
    style: options.style ?? 'store',
    targetSkus: input.targetSkus,
    ...(input.project?.scenarioId ? { scenarioId: input.project.scenarioId } : {}),
    label: options.label ?? basename(path),
    secretDigest: options.secretDigest,
  });
}

/** Two sides with the same label (two files of one name) become `a/…` and `b/…`, then the diff. */
export function diffLabelledSides(left: DiffSide, right: DiffSide): PackageDiff {
  if (left.label === right.label) {
    left.label = `a/${left.label}`;
    right.label = `b/${right.label}`;
  }
  return diffSides(left, right);
}

async function packageStyle(path: string): Promise<CompileStyle> {
  const wim = await openWimFile(path);
  try {
    return likelyStyleOf(wim.xml.images[0]?.properties ?? []);
  } finally {
    await wim.close();
  }
}

export type DiffPathsOptions = Omit<LoadSideOptions, 'secretDigest' | 'label'> & {
  labels?: [string, string];
};

/**
 * Diffs two paths, each a .ppkg or a project. A project compared with a package is compiled in the style the
 * package was built with, unless `style` says otherwise.
 */
export async function diffPaths(a: string, b: string, options: DiffPathsOptions = {}): Promise<PackageDiff> {
  const secretDigest = createSecretDigest();
  const kinds = [await sideKindOf(a), await sideKindOf(b)] as const;
  const packagePath = kinds[0] === 'package' ? a : kinds[1] === 'package' ? b : undefined;
  const style = options.style ?? (packagePath ? await packageStyle(packagePath) : 'store');
  const load = (path: string, kind: 'package' | 'project', label: string | undefined) => {
    const sideOptions: LoadSideOptions = { ...options, style, secretDigest, ...(label ? { label } : {}) };
    return kind === 'package' ? loadPackageSide(path, sideOptions) : loadProjectSide(path, sideOptions);
  };
  const left = await load(a, kinds[0], options.labels?.[0]);
  const right = await load(b, kinds[1], options.labels?.[1]);
  return diffLabelledSides(left, right);
}
