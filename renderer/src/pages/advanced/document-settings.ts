import type { CatalogEntry } from '../../../../shared/catalog/types';
import type { CustomizationsDocument } from '../../../../shared/model/customizations-document';
import type { SettingNode } from '../../../../shared/model/settings-tree';
import { SECRET_MASK, walkSettings } from '../../../../shared/model/settings-edit';
import { isContainer } from './use-setting-edit';

export interface SetSetting {
  /** Instance path, with item keys: `Accounts/Users/User[admin]/Password`. */
  path: string;
  entry: CatalogEntry;
  /** The value as written, a secret masked. */
  value: string;
}

/** Every leaf a settings tree sets (Common, or a Variant's Settings), in document order, secrets masked. */
export function setSettingsOf(
  customizations: CustomizationsDocument,
  settings?: SettingNode[],
): SetSetting[] {
  const found: SetSetting[] = [];
  // walkSettings walks `common`: a Variant's Settings have the same shape.
  const tree = settings ? { ...customizations, common: settings } : customizations;
  walkSettings(tree, ({ node, entry, path }) => {
    if (entry && !isContainer(entry) && node.children.length === 0) {
      found.push({ path, entry, value: entry.secret && node.text ? SECRET_MASK : (node.text ?? '') });
    }
  });
  return found;
}
