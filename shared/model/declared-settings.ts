import { isSecretSetting } from '../catalog';
import type { CustomizationsDocument } from './customizations-document';
import type { SettingNode } from './settings-tree';

/** One leaf value of a customizations.xml, as `inspect` prints it and `diff` compares it. */
export interface DeclaredSetting {
  /** Instance path, an item's key (its first attribute) in brackets: `Workplace/Enrollments/UPN[u@contoso.com]/Secret`. */
  path: string;
  /** The same path without keys, as the catalog names the setting. */
  manifestPath: string;
  value: string;
  /** A secret by the catalog, or by its name where the catalog does not know the setting. */
  secret: boolean;
}

/** Names that hold secrets in settings the catalog does not know (inspect and diff must not show them either). */
const SECRET_NAME = /password|secret|securitykey|token|pin$|key$/i;

/** The leaf values of the document's Common settings, in document order. */
export function declaredSettings(doc: CustomizationsDocument): DeclaredSetting[] {
  const out: DeclaredSetting[] = [];
  const walk = (nodes: readonly SettingNode[], instance: string, manifest: string): void => {
    for (const node of nodes) {
      const manifestPath = manifest ? `${manifest}/${node.name}` : node.name;
      const key = node.attributes[0]?.[1];
      const instancePath = `${instance ? `${instance}/` : ''}${node.name}${key !== undefined ? `[${key}]` : ''}`;
      if (node.children.length > 0) {
        walk(node.children, instancePath, manifestPath);
        continue;
      }
      out.push({
        path: instancePath,
        manifestPath,
        value: node.text ?? '',
        secret: isSecretSetting(manifestPath) || SECRET_NAME.test(node.name),
      });
    }
  };
  walk(doc.common, '', '');
  return out;
}
