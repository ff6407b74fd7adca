import { stat } from 'node:fs/promises';
import {
  type CompileOptions,
  compilePackage,
  type CompileStyle,
  type PackageFile,
} from '../../compiler/compile';
import type { CustomizationsDocument } from '../../model/customizations-document';
import { serializeCustomizationsXml } from '../../xml/customizations';
import type { BuildPackage } from '../batch/run-batch';
import { assetSha256, assetSize } from '../file-backed-assets';
import { removeFileIfPresent } from '../atomic-write';
import { sha256HexOfFile } from '../hash-file';
import { type PackageSecurityOptions, securePackage, tempSibling } from '../package-security/secure-package';
import { resolveAssets } from '../project-input';
import { type WriteProgress, writeWim } from '../wim/wim-writer';
import { packageImageProperties } from './image-properties';
import { packageTree } from './package-tree';
import { buildStamp } from './reproducible';

/** The SKU lists the compiler knows (docs/format/compile-rules.md §2.1). */
export type TargetSkus = 'WindowsCommon,Desktop' | 'Desktop';

export interface BuildPackageOptions {
  doc: CustomizationsDocument;
  /** Stored verbatim as Multivariant/0/customizations.xml (the project file as read or saved). */
  customizationsXml: Uint8Array;
  style: CompileStyle;
  targetSkus: TargetSkus;
  /** Projects with Variants: refused by default (CompileOptions.variantLayout). */
  variantLayout?: CompileOptions['variantLayout'];
  /** Asset bytes by recorded path (see resolveAssets). */
  assets: ReadonlyMap<string, Uint8Array>;
  outPath: string;
  /** Wizard project still in the simple editor: NOTES says Source=Template and carries the ScenarioId. */
  scenarioId?: string;
  /** FILETIME; default SOURCE_DATE_EPOCH or now (see buildStamp). */
  timestamp?: bigint;
  /** WIM header GUID; default derived (SOURCE_DATE_EPOCH) or random. */
  guid?: Uint8Array;
  /** Environment read for SOURCE_DATE_EPOCH; default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  signal?: AbortSignal;
  onProgress?: (step: BuildStep) => void;
  /** Byte-level progress of the 'write' step (see WriteWimOptions.onWriteProgress). */
  onWriteProgress?: (progress: WriteProgress) => void;
  /**
   * Worker threads for XPRESS. Default: none for a package under LARGE_PAYLOAD_BYTES (starting threads costs
   * more than it saves on a few KiB of XML), 2 above it (large installers).
   */
  workerCount?: number;
  /** Catalog (default on), encryption and signing (docs/format/icd-package-properties.md §4). */
  security?: PackageSecurityOptions;
}

export type BuildStep = 'compile' | 'write' | 'done';

export interface BuiltPackage {
  path: string;
  size: number;
  sha256: string;
  files: PackageFile[];
  /** The `.cat` written beside the package; null with `security.catalog: false`. */
  catalogPath: string | null;
  encrypted: boolean;
  signed: boolean;
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw Object.assign(new Error('build cancelled'), { name: 'AbortError' });
}

/** From this much file content on, XPRESS runs on worker threads. */
export const LARGE_PAYLOAD_BYTES = 8 << 20;

const payloadBytes = (files: readonly PackageFile[]): number =>
  files.reduce((sum, file) => sum + assetSize(file.bytes), 0);

/**
 * Compiles a project and writes the .ppkg (a WIM with WCD's tree order and image properties,
 * docs/format/icd-package-properties.md §6). The file appears atomically at `outPath` or not at all.
 */
export async function buildPackage(options: BuildPackageOptions): Promise<BuiltPackage> {
  const { doc, signal, onProgress } = options;
  const security = options.security ?? {};
  throwIfAborted(signal);
  onProgress?.('compile');
  const files = compilePackage(doc, options.customizationsXml, {
    style: options.style,
    targetSkus: options.targetSkus,
    assets: options.assets,
    ...(options.variantLayout ? { variantLayout: options.variantLayout } : {}),
    // Streamed digests for large assets kept on disk (file-backed-assets.ts), node:crypto otherwise.
    sha256: assetSha256,
  });
  throwIfAborted(signal);
  onProgress?.('write');
  const stamp = buildStamp(doc.packageConfig.id, options.env, {
    timestamp: options.timestamp,
    guid: options.guid,
  });
  const imageProperties = packageImageProperties(doc, {
    targetSkus: options.targetSkus,
    packageId: doc.packageConfig.id,
    ...(options.scenarioId ? { scenarioId: options.scenarioId } : {}),
    encrypted: security.encryptionPassword !== undefined,
    signed: security.signer !== undefined,
  });
  // The WIM goes to a temp sibling; securePackage encrypts / catalogs / signs it and moves it into place.
  const wimPath = tempSibling(options.outPath);
  const result = await writeWim(wimPath, {
    entries: packageTree(files),
    compression: 'xpress',
    guid: stamp.guid,
    timestamp: stamp.timestamp,
    imageProperties,
    xmlLayout: 'wcd',
    workerCount: options.workerCount ?? (payloadBytes(files) >= LARGE_PAYLOAD_BYTES ? 2 : 0),
    ...(options.onWriteProgress ? { onWriteProgress: options.onWriteProgress } : {}),
  });
  let secured;
  try {
    throwIfAborted(signal);
    secured = await securePackage(wimPath, options.outPath, security);
  } finally {
    await removeFileIfPresent(wimPath);
  }
  const { sha256: cataloguedSha256, ...securedRest } = secured;
  const sha256 = cataloguedSha256 ?? (await sha256HexOfFile(options.outPath));
  onProgress?.('done');
  const size = secured.encrypted ? (await stat(options.outPath)).size : result.fileSize;
  return { path: options.outPath, size, sha256, files, ...securedRest };
}

export interface BatchBuilderOptions {
  style: CompileStyle;
  targetSkus: TargetSkus;
  /** Where assets are looked up for each row's document (same rules as the project's). */
  assetContext: { projectFolder?: string; assetDirs: readonly string[] };
  scenarioId?: string;
  env?: Readonly<Record<string, string | undefined>>;
  /** Catalog / signing for every row's package (encryption is per package and not offered for batches). */
  security?: Omit<PackageSecurityOptions, 'encryptionPassword'>;
}

/**
 * runBatch's builder: each row's document is serialised (its customizations.xml is what the package
 * embeds) and built with the same options. Assets are read once per recorded path for the whole batch.
 */
export function createBatchBuilder(options: BatchBuilderOptions): BuildPackage {
  const assetCache = new Map<string, Uint8Array>();
  return async (doc, outPath, signal, onWriteProgress) => {
    const assets = await resolveAssets(doc, { ...options.assetContext, cache: assetCache });
    await buildPackage({
      doc,
      customizationsXml: serializeCustomizationsXml(doc),
      style: options.style,
      targetSkus: options.targetSkus,
      assets,
      outPath,
      signal,
      ...(onWriteProgress ? { onWriteProgress } : {}),
      ...(options.scenarioId ? { scenarioId: options.scenarioId } : {}),
      ...(options.env ? { env: options.env } : {}),
      ...(options.security ? { security: options.security } : {}),
    });
  };
}
