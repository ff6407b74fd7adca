import { REG_DWORD, REG_SZ, type RegistryHive, type RegistryKey } from '../regf';
import type {
  CspAction,
  StoreApplyTarget,
  StoreEdition,
  StoreFactNode,
  StoreNodeKind,
  VisibilityCondition,
} from './store-facts';

/**
 * Reads the facts of every setting in a WCD settings store hive (layout: SOURCES.md beside the reference stores,
 * docs/format/wcd-settings.md §1.4). Shared by the catalog generator and by stores loaded at run time (`--store`).
 * Display names and help texts are deliberately never read.
 */

export class StoreFactsError extends Error {
  override readonly name = 'StoreFactsError';
  constructor(
    /** Manifest path of the setting whose facts are malformed. */
    readonly path: string,
    detail: string,
  ) {
    super(`settings store, ${path || '(root)'}: ${detail}`);
  }
}

const KINDS: Record<number, StoreNodeKind> = {
  1: 'bool',
  2: 'int',
  3: 'text',
  4: 'binary',
  5: 'asset',
  6: 'tree',
  7: 'list',
  8: 'map',
};

const ACTIONS: Record<number, CspAction> = { 1: 'add', 2: 'exec', 3: 'delete' };

/** Metadata subkeys of a setting (they have no `Type` value). */
const METADATA_KEYS = new Set(['APPLY', 'DEFAULT', 'VALIDATION', 'VISIBILITY']);

function dword(key: RegistryKey, name: string, path: string): number | undefined {
  const value = key.value(name);
  if (!value) return undefined;
  if (value.type !== REG_DWORD) throw new StoreFactsError(path, `${key.name}\\${name} is not a REG_DWORD`);
  const decoded = value.decode();
  return decoded.type === 'dword' ? decoded.value : undefined;
}

function text(key: RegistryKey, name: string, path: string): string | undefined {
  const value = key.value(name);
  if (!value) return undefined;
  if (value.type !== REG_SZ) throw new StoreFactsError(path, `${key.name}\\${name} is not a REG_SZ`);
  const decoded = value.decode();
  return decoded.type === 'string' ? decoded.value : undefined;
}

function numberText(key: RegistryKey, name: string, path: string): number | undefined {
  const raw = text(key, name, path);
  if (raw === undefined) return undefined;
  if (!/^-?\d+$/.test(raw.trim()))
    throw new StoreFactsError(path, `Validation\\${name} "${raw}" is not a number`);
  return Number(raw.trim());
}

/** A setting key is one with a `Type` value; Apply/Default/Validation/Visibility are its metadata. */
function isSetting(key: RegistryKey): boolean {
  return key.value('Type') !== undefined || !METADATA_KEYS.has(key.name.toUpperCase());
}

function metadata(key: RegistryKey, name: string): RegistryKey | undefined {
  return key
    .subkeys()
    .find((child) => child.name.toUpperCase() === name && child.value('Type') === undefined);
}

function readTarget(apply: RegistryKey, path: string): StoreApplyTarget | undefined {
  const csp = apply.subkey('Csp');
  if (csp) {
    const cspPath = text(csp, 'Path', path);
    if (cspPath === undefined) throw new StoreFactsError(path, 'Apply\\Csp has no Path');
    const actionNumber = dword(csp, 'Action', path) ?? 1;
    const action = ACTIONS[actionNumber];
    if (!action) throw new StoreFactsError(path, `Apply\\Csp\\Action ${actionNumber} is unknown`);
    return { kind: 'csp', path: cspPath, action, userScope: dword(csp, 'Context', path) === 1 };
  }
  const registry = apply.subkey('Registry');
  if (registry) {
    const registryPath = text(registry, 'Path', path);
    if (registryPath === undefined) throw new StoreFactsError(path, 'Apply\\Registry has no Path');
    const target: StoreApplyTarget = { kind: 'registry', path: registryPath };
    const onLastRemove = dword(registry, 'OnLastRemove', path);
    const textType = dword(registry, 'TextType', path);
    const publish = dword(registry, 'PublishWnfOnConfigure', path);
    if (onLastRemove !== undefined) target.onLastRemove = onLastRemove;
    if (textType !== undefined) target.textType = textType;
    if (publish !== undefined) target.publishWnfOnConfigure = publish;
    return target;
  }
  return undefined;
}

function readVisibilityRules(visibility: RegistryKey, path: string): VisibilityCondition[][] {
  const groups: VisibilityCondition[][] = [];
  for (const group of visibility.subkeys()) {
    const conditions: VisibilityCondition[] = [];
    for (const item of group.subkeys()) {
      const setting = text(item, 'Setting', path);
      const value = text(item, 'Value', path);
      if (setting === undefined || value === undefined) {
        throw new StoreFactsError(path, `Visibility\\${group.name}\\${item.name} lacks Setting or Value`);
      }
      conditions.push({ condition: dword(item, 'Condition', path) ?? 1, setting, value });
    }
    if (conditions.length > 0) groups.push(conditions);
  }
  return groups;
}

function readNode(key: RegistryKey, path: string, order: number, edition: StoreEdition): StoreFactNode {
  const typeNumber = dword(key, 'Type', path);
  const kind = typeNumber === undefined ? undefined : KINDS[typeNumber];
  if (!kind) throw new StoreFactsError(path, `Type ${String(typeNumber)} is not a known node kind`);
  const node: StoreFactNode = { path, name: key.name, kind, order, editions: [edition] };

  const keyAttribute = text(key, 'Key', path);
  if (keyAttribute !== undefined) node.keyAttribute = keyAttribute;
  if (dword(key, 'Required', path) === 1) node.required = true;

  const visibility = metadata(key, 'VISIBILITY');
  if (visibility && dword(visibility, 'Private', path) === 1) node.hidden = true;

  const defaults =
    metadata(key, 'DEFAULT')
      ?.subkeys()
      .map((child) => child.name) ?? [];
  if (defaults[0] !== undefined) node.default = defaults[0];
  if (defaults.length > 1) node.otherDefaults = defaults.slice(1);

  const validation = metadata(key, 'VALIDATION');
  if (validation) {
    const minimum = numberText(validation, 'Minimum', path);
    const maximum = numberText(validation, 'Maximum', path);
    const minLength = dword(validation, 'MinLength', path);
    const maxLength = dword(validation, 'MaxLength', path);
    const pattern = text(validation, 'Pattern', path);
    if (minimum !== undefined) node.minimum = minimum;
    if (maximum !== undefined) node.maximum = maximum;
    if (minLength !== undefined) node.minLength = minLength;
    if (maxLength !== undefined) node.maxLength = maxLength;
    if (pattern !== undefined) node.pattern = pattern;
    const values = validation.subkey('Values');
    if (values) {
      node.values = values.subkeys().map((value) => [value.name, text(value, 'Display', path) ?? value.name]);
    }
    const reference = text(validation, 'AllowedValueReference', path);
    if (reference !== undefined) node.allowedValueReference = reference;
    if (kind === 'asset') {
      node.extensions = validation
        .subkeys()
        .filter((child) => child.name.toUpperCase() !== 'VALUES')
        .map((child) => child.name.toLowerCase());
    }
  }

  const apply = metadata(key, 'APPLY');
  if (apply) {
    const target = readTarget(apply, path);
    if (target) node.target = target;
    const passes = dword(apply, 'ApplyPasses', path);
    const after = text(apply, 'ApplyAfterSetting', path);
    if (passes !== undefined) node.applyPasses = passes;
    if (after !== undefined) node.applyAfter = after;
    if (dword(apply, 'RequiresReboot', path) === 1) node.requiresReboot = true;
    if (dword(apply, 'AtFirstSIMDetectOnly', path) === 1) node.atFirstSimDetectOnly = true;
  }

  const atomicRoot = text(key, 'AtomicRoot', path);
  if (atomicRoot !== undefined) node.atomicRoot = atomicRoot.replace(/^\//, '');
  const serialization = dword(key, 'Serialization', path);
  if (serialization !== undefined) node.serialization = serialization;
  const filePath = text(key, 'FilePath', path);
  if (filePath !== undefined) node.filePath = filePath;
  if (dword(key, 'PolicyMetadataRequired', path) === 1) node.policyMetadataRequired = true;
  const hint = dword(key, 'UserExperienceHint', path);
  if (hint !== undefined) node.userExperienceHint = hint;

  if (visibility) {
    if (dword(visibility, 'Ordered', path) === 1) node.ordered = true;
    const category = dword(visibility, 'Category', path);
    if (category !== undefined) node.category = category;
    const rules = readVisibilityRules(visibility, path);
    if (rules.length > 0) node.visibleWhen = rules;
  }
  return node;
}

/**
 * Every setting node of a store, depth first with siblings in hive order (parents before children).
 * Throws StoreFactsError (naming the setting) or RegfFormatError (naming the byte offset) on a bad store.
 */
export function readStoreFacts(hive: RegistryHive, edition: StoreEdition): StoreFactNode[] {
  const nodes: StoreFactNode[] = [];
  const visit = (key: RegistryKey, parentPath: string) => {
    const settings = key.subkeys().filter((child) => (parentPath === '' ? true : isSetting(child)));
    settings.forEach((child, order) => {
      const path = parentPath ? `${parentPath}/${child.name}` : child.name;
      nodes.push(readNode(child, path, order, edition));
      visit(child, path);
    });
  };
  visit(hive.root, '');
  return nodes;
}
