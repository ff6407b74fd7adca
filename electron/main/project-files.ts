import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { CustomizationsDocument, OwnerType } from '../../shared/model/customizations-document';
import type { IcdProject } from '../../shared/model/icd-project';
import { findUnknownSettings, redactSecrets, type UnknownSetting } from '../../shared/model/settings-edit';
import {
  CUSTOMIZATIONS_FILE_NAME,
  ICDPROJ_SUFFIX,
  openProjectFolder,
  saveProjectFolder,
} from '../../shared/node/project-folder';
import { type PackageVerification, verifyPackage } from '../../shared/node/package/verify-package';
import { openWimFile } from '../../shared/node/wim/wim-file-reader';
import { checkCatalog } from '../../shared/node/package-security/catalog-file';
import { withPlainPackage } from '../../shared/node/package-security/encryption';
import { parseCustomizationsXml } from '../../shared/xml/customizations';
import { createIcdProject } from '../../shared/xml/icdproj';
import { errorMessage } from '../../shared/text/error-message';
import { projectOwnerOfAltitude } from '../../shared/model/owner-type';

/** What the renderer gets when it opens a project: the document it edits plus where it came from. */
export interface OpenedProject {
  path: string;
  folder: string;
  /** The `*.icdproj.xml` file name, null when a bare customizations.xml was opened. */
  projectFile: string | null;
  project: IcdProject | null;
  customizations: CustomizationsDocument;
  /** Elements PPKG Studio cannot edit; kept verbatim on save, listed to the user as "not editable". */
  unknownSettings: UnknownSetting[];
}

/**
 * Opens a WCD project folder, its `*.icdproj.xml`, or a bare customizations.xml (any other `.xml` file is
 * read as a customizations.xml, since WCD users export them under other names too).
 */
export async function openProjectForEditing(path: string): Promise<OpenedProject> {
  const isFolder = (await stat(path)).isDirectory();
  if (isFolder || path.toLowerCase().endsWith(ICDPROJ_SUFFIX)) {
    const opened = await openProjectFolder(path);
    return {
      path,
      folder: opened.folder,
      projectFile: opened.projectFile,
      project: opened.project,
      customizations: opened.customizations,
      unknownSettings: findUnknownSettings(opened.customizations),
    };
  }
  const customizations = parseCustomizationsXml(new Uint8Array(await readFile(path)));
  return {
    path,
    folder: dirname(path),
    projectFile: null,
    project: null,
    customizations,
    unknownSettings: findUnknownSettings(customizations),
  };
}

export interface SaveProjectRequest {
  /** The `*.icdproj.xml` the user chose; customizations.xml goes beside it (WCD's fixed name). */
  path: string;
  project: IcdProject | null;
  customizations: CustomizationsDocument;
  /** Only the explicit "Export for WCD (includes secrets)" command sets this. */
  includeSecrets: boolean;
}

export interface SavedProject {
  folder: string;
  projectFile: string;
  customizationsFile: string;
  secretsWritten: boolean;
}

/**
 * Saves a WCD-compatible project folder. Secrets are masked (`********`) unless the user explicitly chose
 * the export that includes them, so an ordinary save never leaves passwords in a project folder.
 */
export async function saveProjectForEditing(request: SaveProjectRequest): Promise<SavedProject> {
  const folder = dirname(request.path);
  let projectFile = basename(request.path);
  if (!projectFile.toLowerCase().endsWith(ICDPROJ_SUFFIX)) {
    projectFile = `${projectFile.replace(/\.xml$/i, '')}${ICDPROJ_SUFFIX}`;
  }
  const customizations = request.includeSecrets
    ? request.customizations
    : redactSecrets(request.customizations);
  const packageConfig = customizations.packageConfig;
  // WCD requires ICDProject/@Id = PackageConfig/ID; a bare customizations.xml gets a project made for it.
  const project: IcdProject = request.project
    ? { ...request.project, id: packageConfig.id, name: request.project.name || packageConfig.name }
    : createIcdProject({ name: packageConfig.name, id: packageConfig.id });
  await saveProjectFolder(folder, { project, customizations }, projectFile);
  return {
    folder,
    projectFile,
    customizationsFile: join(folder, CUSTOMIZATIONS_FILE_NAME),
    secretsWritten: request.includeSecrets,
  };
}

/**
 * The name of another project whose customizations.xml a save into `folder` would replace (a different
 * PackageConfig ID, or a file that is not a readable project); null when the folder holds none or ours.
 */
export async function findOtherProjectInFolder(folder: string, packageId: string): Promise<string | null> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(join(folder, CUSTOMIZATIONS_FILE_NAME)));
  } catch {
    return null;
  }
  try {
    const existing = parseCustomizationsXml(bytes);
    if (existing.packageConfig.id.toLowerCase() === packageId.toLowerCase()) return null;
    return existing.packageConfig.name || CUSTOMIZATIONS_FILE_NAME;
  } catch {
    return CUSTOMIZATIONS_FILE_NAME;
  }
}

/** `VERSION=…;Source=Classic;;TargetSkus=…;` → key/value pairs (empty segments skipped). */
export function parseNotes(notes: string): Record<string, string> {
  const pairs: Record<string, string> = {};
  for (const part of notes.split(';')) {
    const equals = part.indexOf('=');
    if (equals > 0) pairs[part.slice(0, equals)] = part.slice(equals + 1);
  }
  return pairs;
}

export interface PackageFileInfo {
  path: string;
  isDirectory: boolean;
  size: number;
}

export interface PackageInspection {
  path: string;
  fileSize: number;
  name: string;
  version: string;
  packageId: string;
  altitude: number | null;
  ownerType: OwnerType | null;
  rank: number | null;
  targetSkus: string;
  /** The WCD / Windows build that made the package (NOTES VERSION=). */
  builtBy: string;
  /** Every IMAGE property as written, for the details table. */
  properties: [string, string][];
  files: PackageFileInfo[];
  /** The embedded Multivariant/0/customizations.xml; null when the package has none or it cannot be read. */
  customizations: CustomizationsDocument | null;
  /** Why `customizations` is null when the file exists but does not parse. */
  customizationsError: string | null;
  unknownSettings: UnknownSetting[];
  /** What Windows applies (secrets masked) and every difference from the customizations.xml. */
  verification: PackageVerification;
}

const EMBEDDED_CUSTOMIZATIONS = 'multivariant/0/customizations.xml';

/**
 * inspectPackage for a package that may be encrypted (opened with `password` into a private temp copy)
 * and may have a `.cat` beside it (package-security). A wrong password throws PackageMacError.
 */
export async function inspectSecuredPackage(path: string, password?: string) {
  const inspection = await withPlainPackage(path, password, async (plain, encrypted) => ({
    ...(await inspectPackage(plain)),
    path,
    fileSize: (await stat(path)).size,
    encrypted,
  }));
  const catalog = await checkCatalog(path);
  return {
    ...inspection,
    catalog: {
      present: catalog.present,
      matches: catalog.present && catalog.error === null ? catalog.matches : null,
      signed: catalog.present && catalog.error === null ? catalog.signed : null,
    },
  };
}

/** Reads a .ppkg's identity, file list and embedded settings; a corrupt file throws WimFormatError (byte offset). */
export async function inspectPackage(path: string): Promise<PackageInspection> {
  const wim = await openWimFile(path);
  try {
    // First: refuses oversize XML before parsing anything and verifies every file's SHA-1.
    const verification = await verifyPackage(wim, { showSecrets: false });
    const image = wim.xml.images[0];
    const properties = (image?.properties ?? []).map(([name, value]): [string, string] => [name, value]);
    const property = (name: string) => properties.find(([key]) => key === name)?.[1] ?? '';
    const notes = parseNotes(property('NOTES'));
    const altitudeText = property('ALTITUDE');
    const altitude = /^\d+$/.test(altitudeText) ? Number.parseInt(altitudeText, 10) : null;
    const owner = altitude === null ? null : projectOwnerOfAltitude(altitude);
    const entry = wim.entries.find(
      (candidate) => !candidate.isDirectory && candidate.path.toLowerCase() === EMBEDDED_CUSTOMIZATIONS,
    );
    let customizations: CustomizationsDocument | null = null;
    let customizationsError: string | null = null;
    if (entry) {
      try {
        customizations = parseCustomizationsXml(await wim.readFile(entry));
      } catch (error) {
        customizationsError = errorMessage(error);
      }
    }
    return {
      path,
      fileSize: (await stat(path)).size,
      name: property('NAME'),
      version: property('VERSION'),
      packageId: property('PACKAGEID'),
      altitude,
      ownerType: owner?.ownerType ?? null,
      rank: owner?.rank ?? null,
      targetSkus: notes['TargetSkus'] ?? '',
      builtBy: notes['VERSION'] ?? '',
      properties,
      files: wim.entries.map(({ path: filePath, isDirectory, size }) => ({
        path: filePath,
        isDirectory,
        size,
      })),
      customizations,
      customizationsError,
      unknownSettings: customizations ? findUnknownSettings(customizations) : [],
      verification,
    };
  } finally {
    await wim.close();
  }
}
