import { getCatalogEntry } from '../catalog';
import { createIcdProject } from '../xml/icdproj';
import type { CustomizationsDocument, OwnerType } from './customizations-document';
import type { WcdProject } from './schema';
import { setSetting, walkSettings } from './settings-edit';

/** A file the package embeds or inlines, referenced by absolute path on the authoring PC (§1.1). */
export interface AssetReference {
  /** Instance path of the setting: `ProvisioningCommands/PrimaryContext/Command/CommandConfig[Agent]/CommandFile`. */
  path: string;
  manifestPath: string;
  /** The path as written in customizations.xml. */
  sourcePath: string;
  /** Allowed extensions (lower case, with dot); [] = any file. */
  extensions: string[];
}

/** Every asset setting of the document, in document order. */
export function listAssetReferences(doc: CustomizationsDocument): AssetReference[] {
  const assets: AssetReference[] = [];
  walkSettings(doc, ({ node, entry, path, manifestPath }) => {
    if (entry?.kind.kind !== 'asset' || node.children.length > 0) return;
    assets.push({ path, manifestPath, sourcePath: node.text ?? '', extensions: entry.kind.extensions });
  });
  return assets;
}

/**
 * A new project as WCD creates it: project file and customizations.xml share the ID; OwnerType OEM and
 * Rank 0 until the user changes them (§1.3). A desktop-wizard project targets WindowsCommon + Desktop,
 * carries the wizard ScenarioId and starts with `HideOobe=True`, which the wizard always writes (§2.6).
 */
export function createWcdProject(options: {
  name: string;
  /** Braced GUID; the caller generates it (shared/ has no random source). */
  id: string;
  wizard?: boolean;
  ownerType?: OwnerType;
  version?: string;
}): WcdProject {
  const customizations: CustomizationsDocument = {
    packageConfig: {
      id: options.id,
      name: options.name,
      version: options.version ?? '1.0',
      ownerType: options.ownerType ?? 'OEM',
      rank: 0,
      notes: '',
    },
    common: [],
    multivariant: [],
  };
  if (options.wizard) setSetting(customizations, 'OOBE/Desktop/HideOobe', true);
  const project = createIcdProject({ name: options.name, id: options.id, wizard: options.wizard ?? false });
  return { project, customizations };
}

/** Editions a document needs: the Desktop store as soon as one setting is desktop-only (§1.5). */
export function requiredStore(doc: CustomizationsDocument): 'common' | 'desktop' {
  let store: 'common' | 'desktop' = 'common';
  walkSettings(doc, ({ manifestPath }) => {
    if (getCatalogEntry(manifestPath)?.store === 'desktop') store = 'desktop';
  });
  return store;
}
