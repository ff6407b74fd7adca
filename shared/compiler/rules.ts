import { activeFacts, type FactsCatalog } from '../catalog/facts';
import { LEAF_KINDS, type StoreFactNode } from '../catalog/store-facts';
import { compiledFormEvidence } from './evidence';
import { settingsGroupGuid } from './settings-group-guid';

/**
 * The settings-store facts the compiler works from, built from a generated catalog (shared/catalog/generated,
 * read from WCD's settings store hive) or from a store loaded at run time: node kinds, value types, WCD
 * label → stored value, Apply targets, AtomicRoot groups, RequiresReboot, Action, user scope, asset
 * serialization. Nothing here is written by hand per setting: the compile rules of docs/format/compile-rules.md §2 are
 * applied to whatever the store says. What the store does not say (which compiled forms a real package
 * shows byte for byte) lives in ./evidence.ts.
 */

export type Evidence = 'observed' | 'derived' | 'inferred';

/** Store `Type`: 1 Bool, 2 Int (enums included), 3 Text (text enums included), 4 Binary, 5 Asset. */
export type StoreValueType = 'bool' | 'int' | 'text' | 'binary' | 'asset';

/** Store `Serialization` of an asset (docs/format/compile-rules.md §2.7). */
export type AssetSerialization =
  /** 0 Normal (also 4 and 8): copied into DataAsset/2/<k>_<b64>/ and referenced by a Provisioning/Assets parm. */
  | 'file-copy'
  /** 1 WlanXml: the profile XML inline under WiFi/Profile/<SSID read from the profile>/WlanXml. */
  | 'wlan-xml'
  /** 2 Base64EncodedString: Base64 of the raw file bytes, datatype string (.pfx). */
  | 'base64-string'
  /** 3 CertificateHash: Base64 of the certificate DER; `@CertificateHash@` in the path = SHA-1 thumbprint. */
  | 'certificate-hash'
  /** 5 AssetXml: the XML file on one line, datatype string. */
  | 'asset-xml'
  /** 6 Base64EncodedBinary: Base64 of the raw file bytes, datatype binary. */
  | 'base64-binary'
  /**
   * 7 (app licenses, UniversalAppInstall/*AppLicense/LicenseInstall): the AddLicense Exec data the
   * EnterpriseModernAppManagement CSP documents, `<License Content="<Base64 of the file>" />`, datatype string
   * (docs/format/compile-rules.md §2.7: DERIVED target and inline placement, INFERRED exact text).
   */
  | 'license-content';

/**
 * How a text leaf with a store `Serialization` becomes its value: 9 (UniversalAppInstall StoreInstall
 * ProductID) is the StoreInstall Exec data `<Application id="<ProductID>" flags="<Flags>" skuid="<SkuID>" />`,
 * built from the Application item's Flags and SkuID siblings (docs/format/compile-rules.md §2.7a).
 */
export type TextSerialization = 'store-install-application';

/** Where a compiled leaf goes. */
export type ApplyTarget =
  /** `Apply/Csp/Path` as stored, e.g. `./Vendor/MSFT/Accounts/Users/~UserName~/Password`. */
  | { kind: 'csp'; path: string }
  /** `Apply/Registry`: compiled under `MCSF/<instance path>` (docs/format/compile-rules.md §2.3, OBSERVED on HideOobe). */
  | { kind: 'registry' }
  /** A file-copy asset: `Provisioning/Assets/{PackageID}/<asset key>` whatever the store's own target (§2.7). */
  | { kind: 'file-copy' };

export interface CompileRule {
  /** Manifest path of the leaf, store node names, no leading `/`: `Accounts/Users/User/UserGroup`. */
  path: string;
  type: StoreValueType;
  /** Int enums: `[stored number, WCD label]` (`Validation/Values/<n>/Display`): `Yes` → 1. */
  enumValues?: ReadonlyArray<readonly [value: number, display: string]>;
  /** Text enums: `[stored text, WCD label]`, the stored text may differ from the label (`ENABLE` → `1`). */
  textValues?: ReadonlyArray<readonly [value: string, display: string]>;
  /** Apply target; null when the leaf has none and compiles nothing itself (WLANXmlSettings/*, §2.1 step 2). */
  target: ApplyTarget | null;
  /** `Apply/Csp/Context=1` puts the setting in User_RunTime (docs/format/compile-rules.md §2.2). */
  context: 'device' | 'user';
  /** `Apply/Csp/Action`: 1 Add → `<parm>`, 2 Exec → `exec="1"`, 3 Delete → `<noparm>`. */
  action: 'add' | 'exec' | 'delete';
  /** Manifest path of the store `AtomicRoot` (no leading `/`), when the leaf is part of an atomic group. */
  atomicRoot?: string;
  /** The SettingsGroup GUID the leaf compiles under: uuid5 of AtomicRoot ?? its own path (§1.1). */
  settingsGroup: string;
  /** Store `RequiresReboot=1`: the group gets a `Provisioning/ForceSettingReload/<Name>` parm (§2.6). */
  requiresReboot: boolean;
  serialization?: AssetSerialization;
  /** Text leaves the store serializes (kind 9): how their value is formed. */
  textSerialization?: TextSerialization;
  /** Which store the top-level group belongs to: Common groups compile before Desktop-only ones (§2.1). */
  store: 'common' | 'desktop';
  /**
   * How sure the compiled form is: `observed` when a real package shows it byte for byte, `inferred` where
   * the value's text is PPKG Studio's own (app licenses, Store product IDs, binary leaves), else `derived`.
   */
  evidence: Evidence;
  /** Set when the store gives the leaf a form whose compiled output nobody has documented: why it is refused. */
  unsupported?: string;
  /** The store default as stored (not the label): used when a show-only-when rule looks at an absent setting. */
  defaultValue?: string;
  /** Show-only-when rules (`Visibility/<n>/<m>`): a hidden leaf does not compile (docs/format/compile-rules.md §2.1). */
  visibleWhen?: StoreFactNode['visibleWhen'];
}

// ---------------------------------------------------------------------------------------------------------
// Store tree

export interface StoreLeaf {
  kind: 'leaf';
  name: string;
  rule: CompileRule;
}
export interface StoreTree {
  kind: 'tree';
  name: string;
  /** Children in hive order (case-insensitive ordinal, as registry subkeys enumerate). */
  children: StoreNode[];
}
/** A keyed collection: `<Users><User UserName="x">`. Its item may be a tree, a leaf or another map. */
export interface StoreMap {
  kind: 'map';
  name: string;
  /** Name of the key attribute on each item element (store value `Key`). */
  key: string;
  item: StoreNode;
  /** Every item of a map named WLANSetting is also compiled as one generated Wi-Fi profile (§2.1 step 3). */
  wlanProfileUnit?: true;
}
/** An (ordered) list: `<Command><CommandConfig>…</CommandConfig>…</Command>`; items are addressed by index. */
export interface StoreList {
  kind: 'list';
  name: string;
  item: StoreNode;
}
export type StoreNode = StoreLeaf | StoreTree | StoreMap | StoreList;

/** Hive order: registry subkeys enumerate sorted case-insensitively (upper-cased ordinal comparison). */
export function compareHiveOrder(a: string, b: string): number {
  const upperA = a.toUpperCase();
  const upperB = b.toUpperCase();
  return upperA < upperB ? -1 : upperA > upperB ? 1 : 0;
}

/** The SettingsGroup of the generated Wi-Fi profile unit of each WLANSetting item (OBSERVED, odmad). */
export const WLAN_PROFILE_GROUP_PATH = 'ConnectivityProfiles/WLAN/WLANSetting/WLANConfig';

/** One settings store as the compiler sees it. */
export interface CompilerStore {
  /** Which store this is, for messages (`the built-in 2024 Desktop store`, a file name). */
  label: string;
  /** Top-level groups of the Common store, hive order. */
  commonGroups: readonly StoreNode[];
  /** Top-level groups only the Desktop store has, hive order. */
  desktopGroups: readonly StoreNode[];
  /** Leaf rules by manifest path (no leading `/`). */
  rules: ReadonlyMap<string, CompileRule>;
}

/** Store `Serialization` numbers → how the leaf compiles; numbers without a known form are refused. */
function serializationOf(node: StoreFactNode): {
  serialization?: AssetSerialization;
  textSerialization?: TextSerialization;
  unsupported?: string;
} {
  const value = node.serialization ?? 0;
  if (node.kind !== 'asset') {
    if (value === 0) return {};
    // 9: UniversalAppInstall StoreInstall ProductID, whose CSP node takes an <Application …/> element (§2.7a).
    if (value === 9 && node.kind === 'text') return { textSerialization: 'store-install-application' };
    return {
      unsupported: `the store serializes this ${node.kind} value as kind ${value}, whose compiled form is unknown`,
    };
  }
  switch (value) {
    // docs/format/compile-rules.md §2.7: 0 Normal, and 4 and 8 compile the same way (a file copy).
    case 0:
    case 4:
    case 8:
      return { serialization: 'file-copy' };
    case 1:
      return { serialization: 'wlan-xml' };
    case 2:
      return { serialization: 'base64-string' };
    case 3:
      return { serialization: 'certificate-hash' };
    case 5:
      return { serialization: 'asset-xml' };
    case 6:
      return { serialization: 'base64-binary' };
    case 7:
      return { serialization: 'license-content' };
    default:
      return {
        unsupported: `the store serializes this file as kind ${value}, whose compiled form is unknown`,
      };
  }
}

const settingsGroups = new Map<string, string>();
function cachedSettingsGroup(groupPath: string): string {
  let guid = settingsGroups.get(groupPath);
  if (guid === undefined) settingsGroups.set(groupPath, (guid = settingsGroupGuid(groupPath)));
  return guid;
}

function ruleOf(node: StoreFactNode, store: 'common' | 'desktop'): CompileRule {
  const { serialization, textSerialization, unsupported } = serializationOf(node);
  let target: ApplyTarget | null = null;
  if (serialization === 'file-copy') target = { kind: 'file-copy' };
  else if (node.target?.kind === 'csp') target = { kind: 'csp', path: node.target.path };
  else if (node.target?.kind === 'registry') target = { kind: 'registry' };
  else if (serialization === 'wlan-xml') target = { kind: 'csp', path: './Vendor/MSFT/WiFi/Profile' };
  const rule: CompileRule = {
    path: node.path,
    type: node.kind as StoreValueType,
    target,
    context: node.target?.kind === 'csp' && node.target.userScope ? 'user' : 'device',
    action: node.target?.kind === 'csp' ? node.target.action : 'add',
    settingsGroup: '',
    requiresReboot: node.requiresReboot === true,
    store,
    evidence: compiledFormEvidence(node.path),
  };
  // uuid5 costs a SHA-1: computed on first use, once per group path (a preview touches few of 1,381 leaves).
  const groupPath = node.atomicRoot ?? node.path;
  Object.defineProperty(rule, 'settingsGroup', {
    enumerable: true,
    get: () => cachedSettingsGroup(groupPath),
  });
  if (node.values && node.values.length > 0) {
    if (node.kind === 'int') {
      const numbers = node.values.map(([value, label]) => [Number(value), label] as const);
      if (numbers.every(([value]) => Number.isSafeInteger(value))) rule.enumValues = numbers;
    } else if (node.kind === 'text') {
      rule.textValues = node.values.map(([value, label]) => [value, label] as const);
    }
  }
  if (node.atomicRoot !== undefined) rule.atomicRoot = node.atomicRoot;
  if (node.default !== undefined)
    rule.defaultValue = node.kind === 'bool' ? (node.default === '1' ? 'true' : 'false') : node.default;
  if (node.visibleWhen && node.visibleWhen.length > 0) rule.visibleWhen = node.visibleWhen;
  if (serialization) rule.serialization = serialization;
  if (textSerialization) rule.textSerialization = textSerialization;
  // Forms whose target is a store fact but whose exact text is ours (compile-rules.md §2.4, §2.7, §2.7a).
  if (serialization === 'license-content' || textSerialization || node.kind === 'binary')
    rule.evidence = 'inferred';
  if (unsupported) rule.unsupported = unsupported;
  return rule;
}

/** Defines `key` on `target` as a value computed on first read (enumerable, like a plain property). */
function defineLazy<T extends object, K extends keyof T>(target: T, key: K, compute: () => T[K]): T {
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get: () => {
      const value = compute();
      Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
      return value;
    },
  });
  return target;
}

/**
 * Leaf rules by manifest path, each made on first lookup: a build looks up a few dozen of ~1,700. Holds exactly
 * the leaves the store tree reaches (a collection's item schema is its first child only); iterating walks the
 * whole tree, so the order is the tree's (depth first, hive order).
 */
class LazyRules implements ReadonlyMap<string, CompileRule> {
  private all: Map<string, CompileRule> | undefined;

  constructor(
    private readonly reachableLeaf: (path: string) => StoreFactNode | undefined,
    private readonly ruleAt: (node: StoreFactNode) => CompileRule,
    private readonly walkAll: () => Map<string, CompileRule>,
  ) {}

  get(path: string): CompileRule | undefined {
    const node = this.reachableLeaf(path);
    return node ? this.ruleAt(node) : undefined;
  }
  has(path: string): boolean {
    return this.reachableLeaf(path) !== undefined;
  }
  private whole(): Map<string, CompileRule> {
    this.all ??= this.walkAll();
    return this.all;
  }
  get size(): number {
    return this.whole().size;
  }
  forEach(callback: (value: CompileRule, key: string, map: ReadonlyMap<string, CompileRule>) => void): void {
    this.whole().forEach((value, key) => callback(value, key, this));
  }
  entries(): MapIterator<[string, CompileRule]> {
    return this.whole().entries();
  }
  keys(): MapIterator<string> {
    return this.whole().keys();
  }
  values(): MapIterator<CompileRule> {
    return this.whole().values();
  }
  [Symbol.iterator](): MapIterator<[string, CompileRule]> {
    return this.whole().entries();
  }
}

/** The lookups the compiler store reads a catalog through (FactsCatalog; lazy for the built-in catalog). */
export type StoreFactsLookup = Pick<FactsCatalog, 'get' | 'childrenOf'>;

/**
 * Builds the compiler's view of a settings store from a catalog's lookups (`order` = hive position among
 * siblings). `commonGroups` decides which top-level groups compile first under `WindowsCommon,Desktop` (§2.1):
 * the groups the Common store also has. Construction reads only the group nodes; subtrees and rules are made on
 * first use (building all ~1,900 nodes cost a CLI build ~35 ms), each once, so every route reaches the same
 * objects, and the built-in catalog parses only the groups a build touches.
 */
export function createCompilerStore(catalog: StoreFactsLookup, label: string): CompilerStore {
  const children = new Map<string, readonly StoreFactNode[]>();
  /** Children in hive order: the catalog lists them so; a store read another way is sorted once here. */
  const childrenOf = (path: string): readonly StoreFactNode[] => {
    let list = children.get(path);
    if (!list) {
      const listed = catalog.childrenOf(path);
      const ordered = listed.every((node, index) => index === 0 || listed[index - 1]!.order <= node.order);
      children.set(path, (list = ordered ? listed : [...listed].sort((a, b) => a.order - b.order)));
    }
    return list;
  };
  const parentOf = (path: string): string => path.slice(0, Math.max(0, path.lastIndexOf('/')));
  const storeOf = (path: string): 'common' | 'desktop' =>
    catalog.get(path.split('/', 1)[0]!)?.editions.includes('common') ? 'common' : 'desktop';

  const rules = new Map<string, CompileRule>();
  const ruleAt = (node: StoreFactNode): CompileRule => {
    let rule = rules.get(node.path);
    if (!rule) rules.set(node.path, (rule = ruleOf(node, storeOf(node.path))));
    return rule;
  };
  // A leaf the tree reaches: every ancestor exists, none is a leaf, and under a collection only its first child.
  const reachableLeaf = (path: string): StoreFactNode | undefined => {
    // Rules are keyed without the leading `/` that the catalog's own lookup accepts.
    const node = path.startsWith('/') ? undefined : catalog.get(path);
    if (!node || !LEAF_KINDS.has(node.kind)) return undefined;
    let current = node;
    for (let parent = parentOf(path); parent !== ''; parent = parentOf(parent)) {
      const up = catalog.get(parent);
      if (!up || LEAF_KINDS.has(up.kind)) return undefined;
      if ((up.kind === 'map' || up.kind === 'list') && childrenOf(parent)[0] !== current) return undefined;
      current = up;
    }
    return childrenOf('').includes(current) ? node : undefined;
  };

  const build = (node: StoreFactNode): StoreNode => {
    const kids = () => childrenOf(node.path);
    switch (node.kind) {
      case 'tree':
        return defineLazy({ kind: 'tree', name: node.name } as StoreTree, 'children', () =>
          kids().map(build),
        );
      case 'map':
      case 'list': {
        // A collection's item schema is its single child key (SOURCES.md); an empty one compiles nothing.
        const item = (): StoreNode => {
          const itemFacts = kids()[0];
          return itemFacts ? build(itemFacts) : { kind: 'tree', name: '', children: [] };
        };
        if (node.kind === 'list')
          return defineLazy({ kind: 'list', name: node.name } as StoreList, 'item', item);
        const map = { kind: 'map', name: node.name, key: node.keyAttribute ?? 'Name' } as StoreMap;
        defineLazy(map, 'item', item);
        if (node.name === 'WLANSetting') map.wlanProfileUnit = true;
        return map;
      }
      default:
        return { kind: 'leaf', name: node.name, rule: ruleAt(node) };
    }
  };

  const commonGroups: StoreNode[] = [];
  const desktopGroups: StoreNode[] = [];
  for (const group of childrenOf(''))
    (storeOf(group.path) === 'common' ? commonGroups : desktopGroups).push(build(group));
  const walkAll = (): Map<string, CompileRule> => {
    const all = new Map<string, CompileRule>();
    const visit = (node: StoreNode): void => {
      if (node.kind === 'leaf') all.set(node.rule.path, node.rule);
      else if (node.kind === 'tree') node.children.forEach(visit);
      else visit(node.item);
    };
    [...commonGroups, ...desktopGroups].forEach(visit);
    return all;
  };
  return { label, commonGroups, desktopGroups, rules: new LazyRules(reachableLeaf, ruleAt, walkAll) };
}

const storesByFacts = new WeakMap<FactsCatalog, CompilerStore>();

/**
 * The store in use: the catalog's active facts — the generated one pinned in shared/catalog/generated, or the
 * WCD settings store the user loaded (`--store`, "Use the settings store of my installed WCD"). Built once per
 * facts object, on first use.
 */
export function activeCompilerStore(): CompilerStore {
  const facts = activeFacts();
  let store = storesByFacts.get(facts);
  if (!store) {
    const label =
      facts.origin.source === 'builtin'
        ? 'the built-in settings store (Windows 11, 2024)'
        : `the settings store ${facts.origin.inputs.map((input) => input.file).join(' + ')}`;
    storesByFacts.set(facts, (store = createCompilerStore(facts, label)));
  }
  return store;
}

/**
 * The compile facts of a leaf setting, by manifest path (store node names, e.g.
 * `Accounts/Users/User/UserGroup`). A leading `/` is accepted. Undefined for paths the store does not have.
 */
export function compileRuleFor(path: string, store = activeCompilerStore()): CompileRule | undefined {
  return store.rules.get(path.startsWith('/') ? path.slice(1) : path);
}

/** Every leaf of the store, in hive order. */
export function allCompileRules(store = activeCompilerStore()): CompileRule[] {
  return [...store.rules.values()];
}

/** The store node at a manifest path (`Accounts/Users` → the map, `Accounts/Users/User` → its item tree). */
export function storeNodeAt(path: string, store = activeCompilerStore()): StoreNode | undefined {
  const segments = (path.startsWith('/') ? path.slice(1) : path).split('/');
  let candidates: readonly StoreNode[] = [...store.commonGroups, ...store.desktopGroups];
  let found: StoreNode | undefined;
  for (const segment of segments) {
    found = candidates.find((node) => node.name === segment);
    if (!found) return undefined;
    if (found.kind === 'tree') candidates = found.children;
    else if (found.kind === 'map' || found.kind === 'list') candidates = [found.item];
    else candidates = [];
  }
  return found;
}
