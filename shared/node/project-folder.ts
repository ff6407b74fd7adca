import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { WcdProject } from '../model/schema';
import { parseCustomizationsXml, serializeCustomizationsXml } from '../xml/customizations';
import { parseIcdProjXml, serializeIcdProjXml } from '../xml/icdproj';
import { ProjectFileError } from '../xml/errors';
import { writeBytesAtomic } from './atomic-write';

export const CUSTOMIZATIONS_FILE_NAME = 'customizations.xml';
export const ICDPROJ_SUFFIX = '.icdproj.xml';

/** A WCD project folder opened as a unit; `projectFile` remembers which file it came from. */
export interface OpenedProjectFolder extends WcdProject {
  folder: string;
  /** File name of the project file inside `folder` (`Desktop 1.icdproj.xml`). */
  projectFile: string;
}

/** A new braced lower-case GUID for PackageConfig/ID and ICDProject/@Id. */
export function newProjectId(): string {
  return `{${randomUUID()}}`;
}

/**
 * Opens a WCD project from its folder or from its `*.icdproj.xml`. The folder must hold exactly one
 * project file and a customizations.xml (a fixed name, §1.1).
 */
export async function openProjectFolder(folderOrProjectFile: string): Promise<OpenedProjectFolder> {
  let folder = folderOrProjectFile;
  let projectFile: string;
  if ((await stat(folderOrProjectFile)).isDirectory()) {
    const candidates = (await readdir(folder)).filter((name) => name.toLowerCase().endsWith(ICDPROJ_SUFFIX));
    if (candidates.length !== 1) {
      throw new ProjectFileError(
        'icdproj.xml',
        folder,
        candidates.length === 0
          ? 'no *.icdproj.xml in the folder'
          : `several project files: ${candidates.join(', ')}`,
      );
    }
    projectFile = candidates[0] as string;
  } else {
    folder = dirname(folderOrProjectFile);
    projectFile = basename(folderOrProjectFile);
  }
  const [projectBytes, customizationsBytes] = await Promise.all([
    readFile(join(folder, projectFile)),
    readFile(join(folder, CUSTOMIZATIONS_FILE_NAME)),
  ]);
  return {
    folder,
    projectFile,
    project: parseIcdProjXml(new Uint8Array(projectBytes)),
    customizations: parseCustomizationsXml(new Uint8Array(customizationsBytes)),
  };
}

/**
 * Saves both files. Both are serialised first, so a value that cannot be written fails before anything
 * on disk changes; each file is then replaced atomically. A new project file is named after the project.
 */
export async function saveProjectFolder(
  folder: string,
  project: WcdProject,
  projectFile = `${project.project.name}${ICDPROJ_SUFFIX}`,
): Promise<void> {
  const projectBytes = serializeIcdProjXml(project.project);
  const customizationsBytes = serializeCustomizationsXml(project.customizations);
  await writeBytesAtomic(join(folder, CUSTOMIZATIONS_FILE_NAME), customizationsBytes);
  await writeBytesAtomic(join(folder, projectFile), projectBytes);
}
