import { getCatalogEntry } from '../catalog';
import type { CatalogEntry } from '../catalog/types';
import type { CustomizationsDocument } from '../model/customizations-document';
import { SettingPathError, parseSettingPath, setSetting } from '../model/settings-edit';
import type { SettingNode } from '../model/settings-tree';
import type { BatchTemplateEditor } from './types';

/** What a setting column does: rename/create a collection item (its key) or set a leaf value. */
export type SettingColumn =
  | {
      kind: 'key';
      /** Path of the item (`Workplace/Enrollments/UPN`), inline keys kept. */
      itemPath: string;
      /** Attribute holding the key: the map's key attribute (`UPN`, `SSID`) or `Name` for a list. */
      keyAttribute: string;
    }
  | { kind: 'value'; entry: CatalogEntry };

const LEAF_KINDS = new Set(['boolean', 'enum', 'integer', 'text', 'asset']);

interface CollectionInfo {
  collection: CatalogEntry;
  keyAttribute: string;
}

function collectionOf(entry: CatalogEntry): CollectionInfo | undefined {
  const parent = getCatalogEntry(entry.parentPath);
  if (parent?.kind.kind === 'map') return { collection: parent, keyAttribute: parent.kind.keyAttribute };
  if (parent?.kind.kind === 'list') return { collection: parent, keyAttribute: 'Name' };
  return undefined;
}

const joinSegments = (segments: ReturnType<typeof parseSettingPath>): string =>
  segments.map((s) => (s.key === undefined ? s.name : `${s.name}[${s.key}]`)).join('/');

/** Classifies a column's setting path against the catalog; throws SettingPathError when it cannot be set. */
export function classifySettingPath(path: string): SettingColumn {
  const segments = parseSettingPath(path);
  const manifestPath = segments.map((s) => s.name).join('/');
  const entry = getCatalogEntry(manifestPath);
  if (entry) {
    if (entry.kind.kind === 'item') {
      const info = collectionOf(entry);
      if (info) return { kind: 'key', itemPath: path, keyAttribute: info.keyAttribute };
    }
    if (LEAF_KINDS.has(entry.kind.kind)) return { kind: 'value', entry };
    throw new SettingPathError(path, `a ${entry.kind.kind} holds settings, not a value`);
  }
  // `…/WLANConfig/SSID`: the item's key attribute, named like a child setting.
  const last = segments.at(-1);
  const parentSegments = segments.slice(0, -1);
  const parent = getCatalogEntry(parentSegments.map((s) => s.name).join('/'));
  const info = parent?.kind.kind === 'item' ? collectionOf(parent) : undefined;
  if (info && last && last.key === undefined && last.name === info.keyAttribute) {
    return { kind: 'key', itemPath: joinSegments(parentSegments), keyAttribute: info.keyAttribute };
  }
  throw new SettingPathError(path, 'not a setting PPKG Studio knows');
}

const attribute = (node: SettingNode, name: string): string | undefined =>
  node.attributes.find(([attributeName]) => attributeName === name)?.[1];

interface ResolvedItems {
  /** Keys chosen for the collection items the path names without an inline key, outermost first. */
  keys: string[];
  /** The node at the end of the path, when present. */
  node: SettingNode | undefined;
  /** Siblings of that node (items of the same collection included). */
  siblings: SettingNode[];
}

/**
 * Follows a path through the document, choosing for each collection item without an inline key the
 * template's only item. Zero items: `allowMissingLast` lets the final item be created; else an error.
 */
function resolveItems(doc: CustomizationsDocument, path: string, allowMissingLast: boolean): ResolvedItems {
  const segments = parseSettingPath(path);
  const keys: string[] = [];
  let siblings = doc.common;
  let node: SettingNode | undefined;
  let entryPath = '';
  for (const [index, segment] of segments.entries()) {
    const isLast = index === segments.length - 1;
    entryPath = entryPath ? `${entryPath}/${segment.name}` : segment.name;
    const entry = getCatalogEntry(entryPath);
    const info = entry && collectionOf(entry);
    if (info) {
      const items = siblings.filter((child) => child.name === segment.name);
      if (segment.key !== undefined) {
        node = items.find((item) => attribute(item, info.keyAttribute) === segment.key);
        if (!node && !(isLast && allowMissingLast)) {
          throw new SettingPathError(path, `the template has no ${segment.name} "${segment.key}"`);
        }
      } else if (items.length === 1) {
        node = items[0];
        keys.push(attribute(items[0] as SettingNode, info.keyAttribute) ?? '');
      } else if (items.length === 0) {
        if (isLast && allowMissingLast) return { keys, node: undefined, siblings };
        throw new SettingPathError(
          path,
          `the template has no ${segment.name} item; add a column that names it`,
        );
      } else {
        throw new SettingPathError(
          path,
          `the template has ${items.length} ${segment.name} items; write the one meant as ${segment.name}[key]`,
        );
      }
    } else {
      node = siblings.find((child) => child.name === segment.name);
    }
    if (!node) {
      // A missing container is fine (setSetting creates it) unless an item further down needs a key
      // (the final item of a key column is the one being created, so it does not count).
      const later = segments.slice(index + 1, allowMissingLast ? -1 : undefined);
      const unnamedItem = later.find((laterSegment, offset) => {
        const laterPath = segments
          .slice(0, index + 2 + offset)
          .map((s) => s.name)
          .join('/');
        const laterEntry = getCatalogEntry(laterPath);
        return (
          laterSegment.key === undefined && laterEntry !== undefined && collectionOf(laterEntry) !== undefined
        );
      });
      if (unnamedItem) {
        throw new SettingPathError(
          path,
          `the template has no ${unnamedItem.name} item; add a column that names it`,
        );
      }
      return { keys, node: undefined, siblings };
    }
    if (!isLast) siblings = node.children;
  }
  return { keys, node, siblings };
}

/** Renames the item's key (and its `Name` twin, which WCD keeps equal to the key), or creates the item. */
function setItemKey(
  doc: CustomizationsDocument,
  column: Extract<SettingColumn, { kind: 'key' }>,
  key: string,
): void {
  const { itemPath, keyAttribute } = column;
  if (key.trim() === '') throw new SettingPathError(itemPath, 'the key must not be empty');
  const { keys, node, siblings } = resolveItems(doc, itemPath, true);
  if (!node) {
    // Create the item: the path up to it keeps its inline keys; this item gets the new key.
    const segments = parseSettingPath(itemPath);
    const last = segments.at(-1) as { name: string };
    setSetting(doc, joinSegments([...segments.slice(0, -1), { name: last.name }]), undefined, [...keys, key]);
    return;
  }
  const oldKey = attribute(node, keyAttribute);
  if (oldKey === key) return;
  const clash = siblings.some(
    (sibling) => sibling !== node && sibling.name === node.name && attribute(sibling, keyAttribute) === key,
  );
  if (clash) throw new SettingPathError(itemPath, `another ${node.name} already has the key "${key}"`);
  node.attributes = node.attributes.map(([name, value]) =>
    name === keyAttribute || (name === 'Name' && value === oldKey) ? [name, key] : [name, value],
  );
}

/**
 * The batch editor over the catalog's editing API (shared/model/settings-edit): item keys are renamed in
 * place (the template's only item, or the one named inline), leaf values go through setSetting, which
 * checks booleans, enums and integers and creates missing containers in store order.
 */
export const catalogTemplateEditor: BatchTemplateEditor = {
  apply(doc, path, value) {
    const column = classifySettingPath(path);
    if (column.kind === 'key') {
      setItemKey(doc, column, value);
      return doc;
    }
    const { keys } = resolveItems(doc, path, false);
    return setSetting(doc, path, value, keys);
  },
};
