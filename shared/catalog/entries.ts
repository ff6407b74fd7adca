import { type FactsCatalog, parentPathOf } from './facts';
import { EXTRA_OVERRIDES } from './overrides';
import type { CatalogFactNode } from './store-facts';
import type { CatalogEntry, EnumValue, SettingKind } from './types';

/**
 * Turns store facts into catalog entries (the editor's and validator's view of a setting), so every node of the
 * store can be shown, edited and validated. Hand-written entries (settings.ts) take precedence where they exist.
 */

function enumValues(node: CatalogFactNode): EnumValue[] {
  return (node.values ?? []).map(([stored, label]) => {
    if (node.kind === 'int' && /^-?\d+$/.test(stored)) return { text: label, number: Number(stored) };
    return stored === label ? { text: label } : { text: label, stored };
  });
}

function kindOf(node: CatalogFactNode, facts: FactsCatalog): SettingKind {
  // Only a collection looks at its children: the built-in facts load a top-level group on the first look inside.
  const itemElement = () => facts.childrenOf(node.path)[0]?.name ?? '';
  switch (node.kind) {
    case 'tree': {
      const parent = facts.get(parentPathOf(node.path));
      return parent && (parent.kind === 'map' || parent.kind === 'list')
        ? { kind: 'item' }
        : { kind: 'tree' };
    }
    case 'map':
      return { kind: 'map', keyAttribute: node.keyAttribute ?? 'Name', itemElement: itemElement() };
    case 'list':
      return { kind: 'list', itemElement: itemElement(), ordered: node.ordered === true };
    case 'bool':
      return { kind: 'boolean' };
    case 'int':
      if (node.values && node.values.length > 0) return { kind: 'enum', values: enumValues(node) };
      return {
        kind: 'integer',
        ...(node.minimum !== undefined ? { min: node.minimum } : {}),
        ...(node.maximum !== undefined ? { max: node.maximum } : {}),
      };
    case 'text':
    case 'binary': {
      if (node.values && node.values.length > 0) return { kind: 'enum', values: enumValues(node) };
      const format = EXTRA_OVERRIDES[node.path]?.format;
      return {
        kind: 'text',
        ...(format ? { format } : {}),
        ...(node.minLength !== undefined ? { minLength: node.minLength } : {}),
        ...(node.maxLength !== undefined ? { maxLength: node.maxLength } : {}),
        ...(node.pattern !== undefined ? { pattern: node.pattern } : {}),
      };
    }
    case 'asset':
      return { kind: 'asset', extensions: (node.extensions ?? []).map((extension) => `.${extension}`) };
  }
}

/** The default as WCD writes it in customizations.xml: booleans as True/False, enums as their label. */
export function defaultAsWritten(node: CatalogFactNode): string | undefined {
  if (node.default === undefined) return undefined;
  if (node.kind === 'bool') {
    if (/^(1|true)$/i.test(node.default)) return 'True';
    if (/^(0|false)$/i.test(node.default)) return 'False';
  }
  const labelled = node.values?.find(([stored]) => stored === node.default);
  return labelled ? labelled[1] : node.default;
}

/** A catalog entry generated from store facts (no hand-written entry at this path). */
export function entryFromFacts(node: CatalogFactNode, facts: FactsCatalog): CatalogEntry {
  const override = EXTRA_OVERRIDES[node.path];
  const kind = kindOf(node, facts);
  const entry: CatalogEntry = {
    path: node.path,
    parentPath: parentPathOf(node.path),
    name: node.name,
    kind,
    required: node.required === true,
    secret: override?.secret === true,
    store: node.editions.includes('common') ? 'common' : 'desktop',
    order: node.order,
    labelKey: `${node.path}.label`,
    helpKey: `${node.path}.help`,
    evidence: override?.evidence ?? 'derived',
    hidden: node.hidden === true,
    facts: node,
  };
  const written = defaultAsWritten(node);
  if (written !== undefined) entry.default = written;
  if (!['tree', 'map', 'list', 'item'].includes(kind.kind)) entry.compileFactsPath = node.path;
  if (override?.wizardPage) entry.wizardPage = override.wizardPage;
  return entry;
}
