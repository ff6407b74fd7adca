import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { assetFileName } from '../compiler/data-asset';
import { listAssetReferences } from '../compiler/compile';
import type { CustomizationsDocument } from '../model/customizations-document';
import { parseCustomizationsXml } from '../xml/customizations';
import { ProjectFileError } from '../xml/errors';
import { readAssetFile } from './file-backed-assets';
import { CUSTOMIZATIONS_FILE_NAME, ICDPROJ_SUFFIX, openProjectFolder } from './project-folder';

/** The Sku lists the compiler supports (docs/format/compile-rules.md §2.1); WCD joins edition names with `,` [IL]. */
export const SUPPORTED_TARGET_SKUS = ['WindowsCommon,Desktop', 'Desktop'] as const;
export type SupportedTargetSkus = (typeof SUPPORTED_TARGET_SKUS)[number];

/** A project that cannot be used as given; `field` is the setting path or project element at fault. */
export class ProjectInputError extends Error {
  override readonly name = 'ProjectInputError';
  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(`${field}: ${detail}`);
  }
}

/** `--target-skus` text or an icdproj edition list → the compiler's form; undefined when unsupported. */
export function normaliseTargetSkus(list: string): SupportedTargetSkus | undefined {
  const joined = list
    .split(',')
    .map((sku) => sku.trim())
    .filter(Boolean)
    .join(',');
  return SUPPORTED_TARGET_SKUS.find((supported) => supported.toLowerCase() === joined.toLowerCase());
}

export interface ProjectInput {
  doc: CustomizationsDocument;
  /** The customizations.xml bytes as read (the package embeds them verbatim). */
  customizationsXml: Uint8Array;
  targetSkus: SupportedTargetSkus;
  /** Folder the project lives in (assets are looked up relative to it). */
  projectFolder: string;
  /** From a WCD project folder's .icdproj.xml. */
  project?: { id: string; editions: string[]; scenarioId?: string };
  assets: Map<string, Uint8Array>;
}

/** Largest customizations.xml read (the same cap as package XML, verify-package.ts). */
export const MAX_PROJECT_FILE_BYTES = 64 * 1024 * 1024;

export interface LoadProjectOptions {
  /** Overrides the project's target editions (`--target-skus`); must be a supported list. */
  targetSkus?: SupportedTargetSkus;
  /** Extra folders searched by asset file name (`--assets`, repeatable), in order. */
  assetDirs?: readonly string[];
}

/**
 * Loads `<project>`: a customizations.xml file (target SKUs default to `Desktop`, what WCD's advanced editor
 * gives a new project) or a WCD project folder / its *.icdproj.xml (target SKUs = its TargetEditions).
 * Every asset the settings refer to is read now, so a missing file fails before anything is written.
 */
export async function loadProjectInput(
  path: string,
  options: LoadProjectOptions = {},
): Promise<ProjectInput> {
  const info = await stat(path);
  let doc: CustomizationsDocument;
  let customizationsFile: string;
  let project: ProjectInput['project'];
  let targetSkus: SupportedTargetSkus = 'Desktop';
  if (info.isDirectory() || basename(path).toLowerCase().endsWith(ICDPROJ_SUFFIX)) {
    const opened = await openProjectFolder(path);
    doc = opened.customizations;
    customizationsFile = join(opened.folder, CUSTOMIZATIONS_FILE_NAME);
    const editions = opened.project.targetEditions.map((sku) => sku.edition);
    project = {
      id: opened.project.id,
      editions,
      ...(opened.project.scenarioId ? { scenarioId: opened.project.scenarioId } : {}),
    };
    if (!options.targetSkus) {
      const fromProject = normaliseTargetSkus(editions.join(','));
      if (!fromProject) {
        throw new ProjectInputError(
          `${opened.projectFile}: ICDProject/TargetEditions`,
          `target editions "${editions.join(',')}" are not supported (use ${SUPPORTED_TARGET_SKUS.join(' or ')})`,
        );
      }
      targetSkus = fromProject;
    }
  } else {
    customizationsFile = path;
  }
  // A project file is a few KiB; refuse a huge one before reading it (hostile input, issue #10).
  const size = (await stat(customizationsFile)).size;
  if (size > MAX_PROJECT_FILE_BYTES)
    throw new ProjectInputError(
      customizationsFile,
      `the file is ${size} bytes; a customizations.xml over ${MAX_PROJECT_FILE_BYTES / 1024 / 1024} MiB is refused`,
    );
  const customizationsXml = new Uint8Array(await readFile(customizationsFile));
  try {
    doc = parseCustomizationsXml(customizationsXml);
  } catch (error) {
    // The path already names the file: "<path>: line 3, column 5: …", not "<path>: customizations.xml: …".
    if (error instanceof ProjectFileError)
      throw new ProjectInputError(customizationsFile, `${error.field}: ${error.detail}`);
    throw error;
  }
  const projectFolder = dirname(resolve(customizationsFile));
  const assets = await resolveAssets(doc, { projectFolder, assetDirs: options.assetDirs ?? [] });
  return {
    doc,
    customizationsXml,
    targetSkus: options.targetSkus ?? targetSkus,
    projectFolder,
    ...(project ? { project } : {}),
    assets,
  };
}

export interface AssetContext {
  projectFolder?: string;
  assetDirs: readonly string[];
  /** Shared across calls (batch): recorded path → bytes. */
  cache?: Map<string, Uint8Array>;
}

/** `C:\…` or `\\server\…`: a path recorded on Windows, meaningless on another OS except for its file name. */
const WINDOWS_ABSOLUTE = /^(?:[A-Za-z]:[\\/]|\\\\)/;

function candidatePaths(recordedPath: string, context: AssetContext): string[] {
  const fileName = assetFileName(recordedPath);
  const candidates: string[] = [];
  if (isAbsolute(recordedPath)) candidates.push(recordedPath);
  if (context.projectFolder) {
    if (!isAbsolute(recordedPath) && !WINDOWS_ABSOLUTE.test(recordedPath))
      candidates.push(resolve(context.projectFolder, recordedPath.replace(/\\/g, '/')));
    candidates.push(join(context.projectFolder, fileName));
  }
  for (const dir of context.assetDirs) candidates.push(join(dir, fileName));
  return [...new Set(candidates)];
}

/** The first candidate that is a file, or undefined. */
async function findFirstFile(paths: readonly string[]): Promise<{ path: string; size: number } | undefined> {
  for (const path of paths) {
    try {
      const info = await stat(path);
      if (info.isFile()) return { path, size: info.size };
    } catch {
      // Not there or unreadable: try the next place.
    }
  }
  return undefined;
}

/**
 * Reads every asset file of `doc` (listAssetReferences): from its recorded path, else relative to the project
 * folder, else by file name in each asset folder. A missing or unreadable file fails naming its setting path.
 */
export async function resolveAssets(
  doc: CustomizationsDocument,
  context: AssetContext,
): Promise<Map<string, Uint8Array>> {
  const assets = new Map<string, Uint8Array>();
  for (const { settingPath, recordedPath, serialization } of listAssetReferences(doc)) {
    if (assets.has(recordedPath)) continue;
    if (recordedPath.trim() === '') throw new ProjectInputError(settingPath, 'no asset file is set');
    const cached = context.cache?.get(recordedPath);
    if (cached) {
      assets.set(recordedPath, cached);
      continue;
    }
    const candidates = candidatePaths(recordedPath, context);
    const found = await findFirstFile(candidates);
    const bytes = found
      ? await readAssetFile(found.path, serialization, found.size).catch(() => undefined)
      : undefined;
    if (!bytes) {
      throw new ProjectInputError(
        settingPath,
        `asset file "${recordedPath}" not found or unreadable (looked at: ${candidates.join(', ') || 'nowhere'}; add --assets <dir>)`,
      );
    }
    assets.set(recordedPath, bytes);
    context.cache?.set(recordedPath, bytes);
  }
  return assets;
}
