import { compareStoreOrder, findEnumValue, getCatalogChildren, getCatalogEntry } from '../catalog';
import type { CatalogEntry } from '../catalog/types';
import type { CustomizationsDocument } from './customizations-document';
import type { SettingNode } from './settings-tree';

/**
 * Editing customizations through the catalog. A setting is addressed by its manifest path
 * (`Accounts/Users/User/Password`) plus one key per map/list item on the way, either inline
 * (`Accounts/Users/User[admin]/Password`) or as the `key` argument (`'admin'`, or `['Agent', 'dep']`
 * outermost first). A list item can also be addressed by its 0-based index (a number).
 *
 * Elements the catalog does not know are never touched: new settings are inserted among them in store
 * order and they stay where they were, so a document round-trips with everything we cannot edit.
 */

export type ItemKey = string | number;
export type SettingValue = string | number | boolean;

/** A path or key that does not fit the catalog, or a value that does not fit the setting's kind. */
export class SettingPathError extends Error {
  constructor(
    readonly path: string,
    readonly detail: string,
  ) {
    super(`${path}: ${detail}`);
    this.name = 'SettingPathError';
  }
}

interface Segment {
  name: string;
  key?: ItemKey;
}

/** Splits `A/B[key/with/slashes]/C` into segments; brackets may hold any text except a closing `]` + `/`. */
export function parseSettingPath(path: string): Segment[] {
  const segments: Segment[] = [];
  let at = 0;
  while (at < path.length) {
    const slash = path.indexOf('/', at);
    const bracket = path.indexOf('[', at);
    if (bracket >= 0 && (slash < 0 || bracket < slash)) {
      const close = path.indexOf(']', bracket);
      const closeAtSegmentEnd = closeOfKey(path, bracket);
      if (close < 0 || closeAtSegmentEnd < 0) throw new SettingPathError(path, 'unclosed [ in the path');
      segments.push({ name: path.slice(at, bracket), key: path.slice(bracket + 1, closeAtSegmentEnd) });
      at = closeAtSegmentEnd + 2;
    } else {
      const end = slash < 0 ? path.length : slash;
      segments.push({ name: path.slice(at, end) });
      at = end + 1;
    }
  }
  if (segments.length === 0 || segments.some((segment) => segment.name === '')) {
    throw new SettingPathError(path, 'empty path segment');
  }
  return segments;
}

/** Index of the `]` that ends a key: the last one before the next `]/`, or the final `]` of the path. */
function closeOfKey(path: string, bracket: number): number {
  const beforeSlash = path.indexOf(']/', bracket);
  if (beforeSlash >= 0) return beforeSlash;
  return path.endsWith(']') ? path.length - 1 : -1;
}

function attributeValue(node: SettingNode, name: string): string | undefined {
  return node.attributes.find(([attribute]) => attribute === name)?.[1];
}

/** The collection entry (map/list) an item entry belongs to, if the entry is a collection item. */
function collectionOf(entry: CatalogEntry): CatalogEntry | undefined {
  const parent = getCatalogEntry(entry.parentPath);
  return parent && (parent.kind.kind === 'map' || parent.kind.kind === 'list') ? parent : undefined;
}

/**
 * Whether new map items get a `Name` attribute next to the key. WCD builds differ (§1.4): the 2025 Store
 * app writes `<User UserName="x">`, others `UserName="x" Name="x"`. Follow what the document already does;
 * a document without map items gets the spec's recommendation (key first, then Name).
 */
export function usesNameAttribute(doc: CustomizationsDocument): boolean {
  let verdict: boolean | undefined;
  const visit = (nodes: SettingNode[], parentPath: string): void => {
    for (const node of nodes) {
      if (verdict !== undefined) return;
      const path = parentPath ? `${parentPath}/${node.name}` : node.name;
      const entry = getCatalogEntry(path);
      if (!entry) continue;
      const collection = collectionOf(entry);
      if (
        collection?.kind.kind === 'map' &&
        attributeValue(node, collection.kind.keyAttribute) !== undefined
      ) {
        verdict = attributeValue(node, 'Name') !== undefined;
        return;
      }
      visit(node.children, path);
    }
  };
  visit(doc.common, '');
  return verdict ?? true;
}

interface Located {
  entry: CatalogEntry;
  node: SettingNode | undefined;
  /** The list that holds (or would hold) the node. */
  siblings: SettingNode[];
  /** Ancestors from the top-level group down, with the list each sits in (for pruning after removal). */
  chain: Array<{ node: SettingNode; siblings: SettingNode[] }>;
}

function locate(
  doc: CustomizationsDocument,
  path: string,
  key: ItemKey | readonly ItemKey[] | undefined,
  create: boolean,
): Located {
  const segments = parseSettingPath(path);
  const keys: ItemKey[] =
    key === undefined ? [] : Array.isArray(key) ? [...(key as ItemKey[])] : [key as ItemKey];
  let siblings = doc.common;
  let entryPath = '';
  let node: SettingNode | undefined;
  let entry: CatalogEntry | undefined;
  const chain: Located['chain'] = [];
  const withName = create ? usesNameAttribute(doc) : true;

  for (const [index, segment] of segments.entries()) {
    entryPath = entryPath ? `${entryPath}/${segment.name}` : segment.name;
    entry = getCatalogEntry(entryPath);
    if (!entry) throw new SettingPathError(path, `${entryPath} is not a setting PPKG Studio knows`);
    const collection = collectionOf(entry);
    if (collection) {
      const itemKey = segment.key ?? keys.shift();
      if (itemKey === undefined) throw new SettingPathError(path, `${entryPath} needs a key`);
      node = findItem(siblings, entry, collection, itemKey);
      if (!node && create) {
        if (typeof itemKey === 'number')
          throw new SettingPathError(path, `${entryPath} has no item ${itemKey}`);
        node = newItem(entry, collection, itemKey, withName);
        siblings.push(node);
      }
    } else {
      if (segment.key !== undefined)
        throw new SettingPathError(path, `${entryPath} is not a collection item`);
      node = siblings.find((child) => child.name === entry?.name);
      if (!node && create) {
        node = { name: entry.name, attributes: [], children: [] };
        insertInStoreOrder(siblings, node);
      }
    }
    if (!node) return { entry, node, siblings, chain };
    if (index < segments.length - 1) {
      chain.push({ node, siblings });
      siblings = node.children;
    }
  }
  if (keys.length > 0) throw new SettingPathError(path, `${keys.length} key(s) left over`);
  return { entry: entry as CatalogEntry, node, siblings, chain };
}

function findItem(
  siblings: SettingNode[],
  entry: CatalogEntry,
  collection: CatalogEntry,
  key: ItemKey,
): SettingNode | undefined {
  const items = siblings.filter((child) => child.name === entry.name);
  if (typeof key === 'number') return items[key];
  const keyAttribute = collection.kind.kind === 'map' ? collection.kind.keyAttribute : 'Name';
  return items.find((item) => attributeValue(item, keyAttribute) === key);
}

function newItem(entry: CatalogEntry, collection: CatalogEntry, key: string, withName: boolean): SettingNode {
  if (collection.kind.kind === 'map') {
    const attributes: Array<[string, string]> = [[collection.kind.keyAttribute, key]];
    if (withName && collection.kind.keyAttribute !== 'Name') attributes.push(['Name', key]);
    return { name: entry.name, attributes, children: [] };
  }
  return { name: entry.name, attributes: [['Name', key]], children: [] };
}

/** Before the first sibling that sorts after it; unknown siblings keep their place. */
function insertInStoreOrder(siblings: SettingNode[], node: SettingNode): void {
  const index = siblings.findIndex((sibling) => compareStoreOrder(sibling.name, node.name) > 0);
  if (index < 0) siblings.push(node);
  else siblings.splice(index, 0, node);
}

/** The XML text WCD writes for a value of this setting (`True`, `Administrators`, `3010`, …). */
export function toSettingText(entry: CatalogEntry, value: SettingValue, path = entry.path): string {
  const kind = entry.kind;
  switch (kind.kind) {
    case 'boolean': {
      const text = String(value).toLowerCase();
      if (text === 'true' || text === 'false') return text === 'true' ? 'True' : 'False';
      throw new SettingPathError(path, `"${String(value)}" is not True or False`);
    }
    case 'enum': {
      const match = findEnumValue(entry, String(value));
      if (match) return match.text;
      throw new SettingPathError(
        path,
        `"${String(value)}" is not one of ${kind.values.map((candidate) => candidate.text).join(', ')}`,
      );
    }
    case 'integer': {
      const text = String(value).trim();
      if (/^[+-]?\d+$/.test(text)) return String(Number.parseInt(text, 10));
      throw new SettingPathError(path, `"${String(value)}" is not an integer`);
    }
    case 'text':
    case 'asset':
      return String(value);
    default:
      throw new SettingPathError(path, `a ${kind.kind} holds settings, not a value`);
  }
}

/**
 * Sets a value (a leaf), or creates a container / map or list item when `value` is undefined.
 * Missing ancestors are created in store order; new map/list items go after the existing ones
 * (WCD keeps insertion order). Returns the document (changed in place).
 */
export function setSetting(
  doc: CustomizationsDocument,
  path: string,
  value?: SettingValue,
  key?: ItemKey | readonly ItemKey[],
): CustomizationsDocument {
  // Check the value before anything is created, so a bad call leaves the document untouched.
  const entry = catalogEntryForPath(path);
  if (!entry) throw new SettingPathError(path, 'not a setting PPKG Studio knows');
  const kind = entry.kind.kind;
  const isLeaf = kind !== 'tree' && kind !== 'map' && kind !== 'list' && kind !== 'item';
  if (isLeaf && value === undefined) throw new SettingPathError(path, 'a value is required');
  const text = value === undefined ? undefined : toSettingText(entry, value, path);
  checkKeyCount(path, key);
  // A list index that does not exist is only found on the way down: undo what was created by then.
  const snapshot = JSON.stringify(doc.common);
  let node: SettingNode | undefined;
  try {
    node = locate(doc, path, key, true).node;
  } catch (error) {
    doc.common.splice(0, doc.common.length, ...(JSON.parse(snapshot) as SettingNode[]));
    throw error;
  }
  if (node && text !== undefined) {
    node.children = [];
    node.text = text;
  }
  return doc;
}

/** Every collection item on the path needs exactly one key (inline or from `key`). */
function checkKeyCount(path: string, key: ItemKey | readonly ItemKey[] | undefined): void {
  const given = key === undefined ? 0 : Array.isArray(key) ? key.length : 1;
  let needed = 0;
  let entryPath = '';
  for (const segment of parseSettingPath(path)) {
    entryPath = entryPath ? `${entryPath}/${segment.name}` : segment.name;
    const entry = getCatalogEntry(entryPath);
    if (entry && collectionOf(entry) && segment.key === undefined) needed++;
  }
  if (given !== needed) throw new SettingPathError(path, `expects ${needed} key(s), got ${given}`);
}

/** The text of a leaf as written in the XML, or undefined when the setting (or an ancestor) is absent. */
export function getSetting(
  doc: CustomizationsDocument,
  path: string,
  key?: ItemKey | readonly ItemKey[],
): string | undefined {
  const { node } = locate(doc, path, key, false);
  return node?.children.length === 0 ? node.text : undefined;
}

/** Whether the element (leaf, container or item) is present. */
export function hasSetting(
  doc: CustomizationsDocument,
  path: string,
  key?: ItemKey | readonly ItemKey[],
): boolean {
  return locate(doc, path, key, false).node !== undefined;
}

/**
 * Removes a leaf, container or item. Ancestors left empty by the removal go too, as WCD writes only
 * settings that are set. Returns false when there was nothing to remove.
 */
export function removeSetting(
  doc: CustomizationsDocument,
  path: string,
  key?: ItemKey | readonly ItemKey[],
): boolean {
  const { node, siblings, chain } = locate(doc, path, key, false);
  if (!node) return false;
  siblings.splice(siblings.indexOf(node), 1);
  for (let i = chain.length - 1; i >= 0; i--) {
    const link = chain[i];
    if (!link || link.node.children.length > 0) break;
    link.siblings.splice(link.siblings.indexOf(link.node), 1);
  }
  return true;
}

/** Keys (map) or Names (list) of a collection's items in document order. */
export function listItemKeys(
  doc: CustomizationsDocument,
  collectionPath: string,
  key?: ItemKey | readonly ItemKey[],
): string[] {
  const located = locate(doc, collectionPath, key, false);
  const { node } = located;
  // Without the collection's node, locate stops at the first missing ancestor (e.g. no Workplace group):
  // the path's own entry says what it names, and such a collection has no items.
  const entry = node
    ? located.entry
    : getCatalogEntry(
        parseSettingPath(collectionPath)
          .map((segment) => segment.name)
          .join('/'),
      );
  if (entry?.kind.kind !== 'map' && entry?.kind.kind !== 'list') {
    throw new SettingPathError(collectionPath, 'not a map or list');
  }
  const keyAttribute = entry.kind.kind === 'map' ? entry.kind.keyAttribute : 'Name';
  const itemElement = entry.kind.itemElement;
  return (node?.children ?? [])
    .filter((child) => child.name === itemElement)
    .map((child) => attributeValue(child, keyAttribute) ?? '');
}

/**
 * Appends a list item even when one with the same Name exists (WCD allows duplicate Names in file
 * lists, e.g. a .bat and a .cab both named after the project). `name` defaults to the file name
 * without extension, as WCD generates it.
 */
export function appendListItem(
  doc: CustomizationsDocument,
  itemPath: string,
  value: SettingValue | undefined,
  options: { name?: string; key?: ItemKey | readonly ItemKey[] } = {},
): CustomizationsDocument {
  const segments = parseSettingPath(itemPath);
  const last = segments.pop();
  const collectionPath = segments
    .map((s) => (s.key === undefined ? s.name : `${s.name}[${s.key}]`))
    .join('/');
  const collection = getCatalogEntry(
    parseSettingPath(collectionPath)
      .map((s) => s.name)
      .join('/'),
  );
  if (!last || collection?.kind.kind !== 'list' || collection.kind.itemElement !== last.name) {
    throw new SettingPathError(itemPath, 'not a list item');
  }
  const entry = getCatalogEntry(`${collection.path}/${last.name}`) as CatalogEntry;
  const text = value === undefined ? undefined : toSettingText(entry, value, itemPath);
  const name = options.name ?? fileStem(String(value ?? ''));
  setSetting(doc, collectionPath, undefined, options.key);
  const { node: listNode } = locate(doc, collectionPath, options.key, false);
  const item: SettingNode = { name: last.name, attributes: [['Name', name]], children: [] };
  if (text !== undefined) item.text = text;
  listNode?.children.push(item);
  return doc;
}

/** `C:\Prov\Agent.msi` → `Agent` (how WCD names list items). */
export function fileStem(filePath: string): string {
  const base = filePath.split(/[\\/]/).pop() ?? filePath;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

export interface UnknownSetting {
  /** Instance path with item keys: `Policies/Browser/AllowCookies`, `Accounts/Users/User[a]/Foo`. */
  path: string;
  /** `setting`: an element the catalog does not know; `multivariant`: a Targets/Variant part. */
  reason: 'setting' | 'multivariant';
}

export interface VisitedSetting {
  node: SettingNode;
  /** Undefined for an element the catalog does not know (the walk does not descend into it). */
  entry: CatalogEntry | undefined;
  /** Instance path with item keys: `Accounts/Users/User[admin]/Password`, list items by Name. */
  path: string;
  /** Manifest path (element names only): `Accounts/Users/User/Password`. */
  manifestPath: string;
  /** Keys of the map/list items on the way, outermost first (what setSetting's `key` takes). */
  keys: string[];
}

/** Walks the Common tree in document order, matching each element to its catalog entry. */
export function walkSettings(doc: CustomizationsDocument, visit: (setting: VisitedSetting) => void): void {
  const walk = (
    nodes: SettingNode[],
    parentManifest: string,
    parentInstance: string,
    keys: string[],
  ): void => {
    for (const node of nodes) {
      const manifestPath = parentManifest ? `${parentManifest}/${node.name}` : node.name;
      const entry = getCatalogEntry(manifestPath);
      let path = parentInstance ? `${parentInstance}/${node.name}` : node.name;
      let itemKeys = keys;
      const collection = entry && collectionOf(entry);
      if (collection) {
        const keyAttribute = collection.kind.kind === 'map' ? collection.kind.keyAttribute : 'Name';
        const key = attributeValue(node, keyAttribute) ?? '';
        path += `[${key}]`;
        itemKeys = [...keys, key];
      }
      visit({ node, entry, path, manifestPath, keys: itemKeys });
      if (entry && getCatalogChildren(entry.path).length > 0)
        walk(node.children, manifestPath, path, itemKeys);
    }
  };
  walk(doc.common, '', '', []);
}

/** Everything in the document PPKG Studio cannot edit (kept verbatim on save): the "not editable" report. */
export function findUnknownSettings(doc: CustomizationsDocument): UnknownSetting[] {
  const found: UnknownSetting[] = [];
  walkSettings(doc, ({ node, entry, path }) => {
    const holdsSettings = entry !== undefined && getCatalogChildren(entry.path).length > 0;
    if (!entry || (!holdsSettings && node.children.length > 0)) found.push({ path, reason: 'setting' });
  });
  for (const part of doc.multivariant) found.push({ path: part.name, reason: 'multivariant' });
  return found;
}

/** Catalog entry of an element addressed by instance path (keys ignored), if known. */
export function catalogEntryForPath(path: string): CatalogEntry | undefined {
  return getCatalogEntry(
    parseSettingPath(path)
      .map((segment) => segment.name)
      .join('/'),
  );
}

/** The mask shown instead of a secret value. */
export const SECRET_MASK = '********';

/**
 * A deep copy of the document with every secret setting's value (passwords, keys, tokens) replaced by
 * `********`: for logs, diagnostics and previews. Empty values stay empty, so "missing" stays visible.
 */
export function redactSecrets(doc: CustomizationsDocument): CustomizationsDocument {
  const copy = JSON.parse(JSON.stringify(doc)) as CustomizationsDocument;
  walkSettings(copy, ({ node, entry }) => {
    if (entry?.secret && node.children.length === 0 && node.text) node.text = SECRET_MASK;
  });
  return copy;
}
