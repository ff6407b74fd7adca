import type { CustomizationsDocument } from '../model/customizations-document';
import { hasVariants, readMultivariant } from '../model/multivariant';
import { findMaskedSecrets } from '../model/secrets';
import type { SettingNode } from '../model/settings-tree';
import { decodeTextFile, fromBase64, toBase64 } from './bytes';
import { readCertificate } from './certificates';
import type { ProvParm } from './characteristic-tree';
import { splitCspPath } from './characteristic-tree';
import { writeAnswerFile, writeCommonSettingsIndex } from './common-settings';
import {
  assetFileName,
  assetKey,
  assetPackagePath,
  type FileCopyAsset,
  writeDataAssetIndex,
} from './data-asset';
import { CompileError, type CompileIssue } from './errors';
import { writeMasterDatastore } from './master-datastore';
import { writeMultivariantIndex } from './multivariant';
import { encodeUtf8 } from './bytes';
import { type CompileStyle, writeProvxmlText } from './provxml-writer';
import {
  activeCompilerStore,
  type AssetSerialization,
  compareHiveOrder,
  type CompilerStore,
  type CompileRule,
  type StoreLeaf,
  type StoreNode,
  WLAN_PROFILE_GROUP_PATH,
} from './rules';
import { provxmlFileName, type EventType, writeRuntimeIndex } from './runtime-index';
import { settingsGroupGuid } from './settings-group-guid';
import { sha256 } from './sha256';
import { generateWlanProfile, ssidOfWlanProfile, xmlOnOneLine } from './wlan-profile';
import { licenseContentValue, storeInstallApplicationValue } from './app-install-values';
import { INVALID_XML_CHARACTER } from '../xml/xml-escape';

export type { CompileStyle } from './provxml-writer';

export interface CompileOptions {
  /** `store`: Store-app WCD output (parms carry SettingsPath); `adk`: ADK WCD output (docs/format/compile-rules.md §4). */
  style: CompileStyle;
  /**
   * The project's target SKUs. `WindowsCommon,Desktop` (WCD default, wizard output) compiles the Common
   * store's groups before the Desktop-only ones; `Desktop` compiles in plain hive order (§2.1).
   */
  targetSkus: 'WindowsCommon,Desktop' | 'Desktop';
  /** Asset bytes by the path recorded in the setting (the Node side resolves paths; the compiler stays pure). */
  assets: ReadonlyMap<string, Uint8Array>;
  /** A faster SHA-256 for large assets (Node's crypto); the pure implementation is used otherwise. */
  sha256?: (bytes: Uint8Array) => Uint8Array;
  /**
   * Only for the on-screen preview of a redacted document (its output is shown, never written): lets the
   * `********` mask through. Package builds never set it, so no package can carry the mask (issue #10).
   */
  redactedPreview?: boolean;
  /** The settings store to compile against; the built-in (generated, pinned) one by default. */
  store?: CompilerStore;
  /**
   * How a package places Variants. `refuse` (default): a document with Variants does not build, because no
   * WCD-built multivariant package has been seen. `inferred`: PPKG Studio's own layout
   * (docs/format/ppkg-format.md §3.4, INFERRED), each Variant in `Multivariant/<n>` named by its TargetRefs.
   */
  variantLayout?: 'refuse' | 'inferred';
}

export interface PackageFile {
  /** Path inside the image, `/`-separated, no leading `/`: `Multivariant/0/Prov/RunTime.xml`. */
  path: string;
  bytes: Uint8Array;
}

/**
 * A package file before encoding: the XML files as text (UTF-8 BOM as the U+FEFF character), asset payloads
 * as bytes. The preview shows these; compilePackage encodes the text at the end (encodePackageFiles).
 */
export type PackageTextFile = { path: string; text: string } | PackageFile;

export { CompileError, type CompileIssue } from './errors';

// ---------------------------------------------------------------------------------------------------------
// Walking the document against the store

interface Frame {
  /** Manifest path with leading `/` (store node names). */
  manifest: string;
  /** Instance path with leading `/` (map keys and list indices in place of item nodes). */
  instance: string;
  /** The instance path's segments (a map key may itself hold a `/`). */
  segments: readonly string[];
  /** The document element and its store node, for show-only-when rules that look at other settings. */
  node?: SettingNode;
  store?: StoreNode;
}

interface WalkContext {
  frames: Frame[];
  /** `~Key~` placeholder values: map key attribute → key, list node name → index. */
  placeholders: Record<string, string>;
  sortKey: number[];
  /** Set for the items of a list: the list's instance path and the item node name (asset keys, §2.7). */
  listItem?: { listInstance: string; itemName: string };
}

interface LeafUnit {
  kind: 'leaf';
  /** Position of the setting in the document, to list problems in the order the user wrote them. */
  docOrder: number;
  rule: CompileRule;
  node: SettingNode;
  instancePath: string;
  instanceSegments: readonly string[];
  frames: Frame[];
  placeholders: Record<string, string>;
  sortKey: number[];
  listItem?: { listInstance: string; itemName: string };
}

interface WlanUnit {
  kind: 'wlan';
  docOrder: number;
  ssid: string;
  item: SettingNode;
  instancePath: string;
  sortKey: number[];
}

type Unit = LeafUnit | WlanUnit;

interface WalkResult {
  leaves: LeafUnit[];
  wlan: WlanUnit[];
  /** Settings that cannot compile, by path; the walk goes on with their siblings. */
  issues: OrderedIssue[];
}

/** An issue and the document position of its setting. */
interface OrderedIssue extends CompileIssue {
  order: number;
}

const withoutSlash = (path: string): string => (path.startsWith('/') ? path.slice(1) : path);

function topLevelGroups(
  store: CompilerStore,
  targetSkus: CompileOptions['targetSkus'],
): readonly StoreNode[] {
  if (targetSkus === 'WindowsCommon,Desktop') return [...store.commonGroups, ...store.desktopGroups];
  return [...store.commonGroups, ...store.desktopGroups].sort((a, b) => compareHiveOrder(a.name, b.name));
}

/**
 * Walks a settings tree (Common, or a Variant's Settings) against the store. `pathPrefix` names where the
 * tree sits in messages (`Variant[1]/Settings/`), never in compiled output.
 */
function walkSettings(
  nodes: readonly SettingNode[],
  store: CompilerStore,
  targetSkus: CompileOptions['targetSkus'],
  pathPrefix = '',
): WalkResult & { seen: number } {
  const result: WalkResult = { leaves: [], wlan: [], issues: [] };
  const root: WalkContext = {
    frames: [{ manifest: '', instance: '', segments: [] }],
    placeholders: {},
    sortKey: [],
  };
  const walker = new Walker(store, result, pathPrefix);
  walker.children(nodes, topLevelGroups(store, targetSkus), root, true);
  return { ...result, seen: walker.seen };
}

class Walker {
  /** Document elements visited so far: the document order of what the walk finds. */
  seen = 0;

  constructor(
    private readonly store: CompilerStore,
    private readonly result: WalkResult,
    private readonly pathPrefix: string,
  ) {}

  private issue(instance: string, detail: string): void {
    this.result.issues.push({
      settingPath: this.pathPrefix + withoutSlash(instance),
      detail,
      order: this.seen,
    });
  }

  children(
    nodes: readonly SettingNode[],
    storeChildren: readonly StoreNode[],
    context: WalkContext,
    topLevel = false,
  ): void {
    const parent = context.frames[context.frames.length - 1]!;
    const ranks = rankByName(storeChildren);
    for (const node of nodes) {
      this.seen++;
      const rank = ranks.get(node.name) ?? -1;
      const store = storeChildren[rank];
      const instance = `${parent.instance}/${node.name}`;
      if (!store) {
        // Not in this store: a setting of a newer WCD (Policies/Start/HideRecommendedSection in 2025) or a typo.
        this.issue(
          instance,
          `${topLevel ? 'this group' : 'this setting'} is not in ${this.store.label}; if your WCD offers it, ` +
            "compile with that WCD's settings store (--store <Microsoft-Desktop-Provisioning.dat>)",
        );
        continue;
      }
      const frame: Frame = {
        manifest: `${parent.manifest}/${node.name}`,
        instance,
        segments: [...parent.segments, node.name],
        node,
        store,
      };
      const child: WalkContext = {
        frames: [...context.frames, frame],
        placeholders: context.placeholders,
        sortKey: [...context.sortKey, rank],
      };
      this.visit(node, store, child);
    }
  }

  private visit(node: SettingNode, store: StoreNode, context: WalkContext): void {
    const frame = context.frames[context.frames.length - 1]!;
    if (store.kind !== 'leaf' && node.text !== undefined && node.text.trim() !== '') {
      this.issue(frame.instance, 'expected child elements, found a value');
      return;
    }
    switch (store.kind) {
      case 'leaf':
        this.leaf(node, store, context);
        return;
      case 'tree':
        this.children(node.children, store.children, context);
        return;
      case 'map': {
        const seen = new Set<string>();
        node.children.forEach((item, index) => {
          if (item.name !== store.item.name) {
            this.issue(
              `${frame.instance}/${item.name}`,
              `expected <${store.item.name}> items in ${store.name}`,
            );
            return;
          }
          const key = item.attributes.find(([name]) => name === store.key)?.[1];
          if (key === undefined || key === '') {
            this.issue(`${frame.instance}/${item.name}`, `the ${store.key} attribute is missing`);
            return;
          }
          if (seen.has(key)) {
            this.issue(`${frame.instance}/${key}`, `${store.key} "${key}" appears twice`);
            return;
          }
          seen.add(key);
          const itemFrame: Frame = {
            manifest: `${frame.manifest}/${item.name}`,
            instance: `${frame.instance}/${key}`,
            segments: [...frame.segments, key],
            node: item,
            store: store.item,
          };
          const itemContext: WalkContext = {
            frames: [...context.frames, itemFrame],
            placeholders: { ...context.placeholders, [store.key]: key },
            sortKey: [...context.sortKey, index],
          };
          this.visit(item, store.item, itemContext);
          if (store.wlanProfileUnit) {
            this.result.wlan.push({
              kind: 'wlan',
              docOrder: this.seen,
              ssid: key,
              item,
              instancePath: itemFrame.instance,
              sortKey: itemContext.sortKey,
            });
          }
        });
        return;
      }
      case 'list':
        node.children.forEach((item, index) => {
          this.seen++;
          if (item.name !== store.item.name) {
            this.issue(
              `${frame.instance}/${item.name}`,
              `expected <${store.item.name}> items in ${store.name}`,
            );
            return;
          }
          const itemFrame: Frame = {
            manifest: `${frame.manifest}/${item.name}`,
            instance: `${frame.instance}/${index}`,
            segments: [...frame.segments, String(index)],
            node: item,
            store: store.item,
          };
          const itemContext: WalkContext = {
            frames: [...context.frames, itemFrame],
            placeholders: { ...context.placeholders, [store.name]: String(index) },
            sortKey: [...context.sortKey, index],
            listItem: { listInstance: frame.instance, itemName: item.name },
          };
          this.visit(item, store.item, itemContext);
        });
        return;
    }
  }

  private leaf(node: SettingNode, store: StoreLeaf, context: WalkContext): void {
    const frame = context.frames[context.frames.length - 1]!;
    if (node.children.length > 0) {
      this.issue(frame.instance, 'expected a value, found child elements');
      return;
    }
    // Leaves without an Apply target (WLANXmlSettings/*, UniversalAppInstall DeploymentOptions) compile
    // nothing themselves (docs/format/compile-rules.md §2.1 step 2).
    if (store.rule.target === null) return;
    // Only visible leaves compile (docs/format/compile-rules.md §2.1 step 2): a show-only-when rule that does not hold
    // hides the leaf, as in WCD's editor (AutoLogon/Password only while AutoLogon/Enable is on).
    if (store.rule.visibleWhen && !isVisible(store.rule.visibleWhen, context.frames)) return;
    if (store.rule.unsupported) {
      this.issue(frame.instance, `this setting cannot be compiled yet: ${store.rule.unsupported}`);
      return;
    }
    const unit: LeafUnit = {
      kind: 'leaf',
      docOrder: this.seen,
      rule: store.rule,
      node,
      instancePath: frame.instance,
      instanceSegments: frame.segments,
      frames: context.frames,
      placeholders: context.placeholders,
      sortKey: context.sortKey,
    };
    if (context.listItem) unit.listItem = context.listItem;
    this.result.leaves.push(unit);
  }
}

/** Store children by name, made once per store node list (a linear search per element was quadratic). */
const ranksByList = new WeakMap<readonly StoreNode[], Map<string, number>>();
function rankByName(storeChildren: readonly StoreNode[]): Map<string, number> {
  let ranks = ranksByList.get(storeChildren);
  if (!ranks) {
    ranks = new Map();
    // The first of two same-named children wins, as findIndex did.
    for (let i = storeChildren.length - 1; i >= 0; i--) ranks.set(storeChildren[i]!.name, i);
    ranksByList.set(storeChildren, ranks);
  }
  return ranks;
}

function compareSortKeys(a: readonly number[], b: readonly number[]): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const difference = a[i]! - b[i]!;
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
}

/**
 * Evaluates `Visibility/<n>/<m>` rules: OR of AND groups of "the setting at this relative path (`../Enable`)
 * has this stored value". A setting the document leaves out counts with its store default [INFERRED: no
 * package shows a leaf hidden by a rule; taking the default keeps a value the user set]; a condition kind
 * other than 1 (equals, the only one in the stores) is taken as met rather than hiding a value.
 */
function isVisible(rules: NonNullable<CompileRule['visibleWhen']>, frames: readonly Frame[]): boolean {
  return rules.some((group) =>
    group.every((condition) => {
      if (condition.condition !== 1) return true;
      const other = resolveRelative(frames, condition.setting);
      if (!other) return true;
      let stored = other.rule.defaultValue;
      if (other.text !== undefined) {
        try {
          stored = provValue(other.rule, other.text, '');
        } catch {
          stored = other.text;
        }
      }
      if (stored === undefined) return false;
      const wanted = other.rule.type === 'bool' ? booleanText(condition.value) : condition.value;
      return stored === wanted || stored.toLowerCase() === wanted.toLowerCase();
    }),
  );
}

/** Store booleans are `0`/`1`; compiled ones `false`/`true`. */
const booleanText = (value: string): string => (value === '1' ? 'true' : value === '0' ? 'false' : value);

/** The leaf a relative store path (`../Enable`, `../../Proxy`) names, seen from the last frame. */
function resolveRelative(
  frames: readonly Frame[],
  relative: string,
): { rule: CompileRule; text: string | undefined } | undefined {
  let depth = frames.length - 1;
  const down: string[] = [];
  for (const part of relative.split('/')) {
    if (part === '..') {
      if (down.length > 0) return undefined;
      depth--;
    } else if (part !== '' && part !== '.') down.push(part);
  }
  if (depth < 1 || down.length === 0) return undefined;
  let node = frames[depth]!.node;
  let store = frames[depth]!.store;
  for (const name of down) {
    if (!store || store.kind !== 'tree') return undefined;
    store = store.children.find((child) => child.name === name);
    node = node?.children.find((child) => child.name === name);
  }
  if (!store || store.kind !== 'leaf') return undefined;
  return { rule: store.rule, text: node?.text };
}

// ---------------------------------------------------------------------------------------------------------
// Values

function datatypeOf(rule: CompileRule): ProvParm['datatype'] {
  if (rule.type === 'bool') return 'boolean';
  if (rule.type === 'int') return 'integer';
  if (rule.type === 'binary' || rule.serialization === 'base64-binary') return 'binary';
  return 'string';
}

/**
 * Store value → provxml value (docs/format/compile-rules.md §2.4): booleans lower-case, WCD labels → the stored value
 * (int enums: `Yes` → 1; text enums: `ENABLE` → `1` for SMISettings/AutoLogon/Enable, `Disable` →
 * `<disabled/>`). Errors never repeat the value: it may be secret.
 */
function provValue(rule: CompileRule, raw: string | undefined, settingPath: string): string {
  const text = raw ?? '';
  if (INVALID_XML_CHARACTER.test(text))
    throw new CompileError(settingPath, 'the value holds a character XML cannot carry');
  switch (rule.type) {
    case 'bool': {
      const lower = text.trim().toLowerCase();
      if (lower === 'true' || lower === 'false') return lower;
      throw new CompileError(settingPath, 'expected True or False');
    }
    case 'int': {
      const trimmed = text.trim();
      if (rule.enumValues) {
        const match =
          rule.enumValues.find(([, display]) => display === trimmed) ??
          rule.enumValues.find(([, display]) => display.toLowerCase() === trimmed.toLowerCase()) ??
          rule.enumValues.find(([value]) => String(value) === trimmed);
        if (match) return String(match[0]);
        throw new CompileError(
          settingPath,
          `expected one of ${rule.enumValues.map(([, display]) => display).join(', ')}`,
        );
      }
      if (!/^[+-]?\d+$/.test(trimmed)) throw new CompileError(settingPath, 'expected an integer');
      const value = Number.parseInt(trimmed, 10);
      if (!Number.isSafeInteger(value)) throw new CompileError(settingPath, 'the integer is out of range');
      return String(value);
    }
    case 'text': {
      if (!rule.textValues) return text;
      const match =
        rule.textValues.find(([, display]) => display === text) ??
        rule.textValues.find(([, display]) => display.toLowerCase() === text.trim().toLowerCase()) ??
        rule.textValues.find(([value]) => value === text);
      if (match) return match[0];
      throw new CompileError(
        settingPath,
        `expected one of ${rule.textValues.map(([, display]) => display).join(', ')}`,
      );
    }
    case 'binary': {
      // Store Type 4 → datatype binary (§2.4). customizations.xml can only carry the bytes as text; the
      // provxml `binary` datatype is Base64 (as the Base64EncodedBinary assets show), so the value must be
      // Base64 and is written as given [INFERRED: no project or package shows a binary leaf].
      const trimmed = text.trim();
      if (trimmed === '' || /\s/.test(trimmed) || !fromBase64(trimmed))
        throw new CompileError(settingPath, 'expected the bytes as Base64 text');
      return trimmed;
    }
    default:
      return text;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Units → parms and groups

export interface CompiledUnit {
  eventType: EventType;
  /** Instance path of the AtomicGroup: the file key and the grouping key (docs/format/compile-rules.md §2.5). */
  groupInstancePath: string;
  settingsGroup: string;
  parms: ProvParm[];
  /** The triggering setting for ForceSettingReload, when the store flags it RequiresReboot (§2.6). */
  reboot?: { nodeName: string; settingsPath: string };
}

interface BuildState {
  options: CompileOptions;
  packageId: string;
  /** File-copy assets compiled before this state's first one (a group compiled on its own). */
  fileCopyBase: number;
  fileCopies: Array<FileCopyAsset & { bytes: Uint8Array }>;
}

function assetBytes(unit: LeafUnit, state: BuildState): { recordedPath: string; bytes: Uint8Array } {
  const settingPath = withoutSlash(unit.instancePath);
  const recordedPath = unit.node.text ?? '';
  if (recordedPath.trim() === '') throw new CompileError(settingPath, 'no file is selected');
  const bytes = state.options.assets.get(recordedPath);
  if (!bytes)
    throw new CompileError(settingPath, `the file "${recordedPath}" was not provided to the compiler`);
  return { recordedPath, bytes };
}

/**
 * The preview recompiles on every keystroke with the same asset buffers: remember their digests by buffer
 * identity (asset bytes are never modified in place once read).
 */
const digestCache = new WeakMap<Uint8Array, Uint8Array>();
function cachedSha256(bytes: Uint8Array): Uint8Array {
  let digest = digestCache.get(bytes);
  if (!digest) digestCache.set(bytes, (digest = sha256(bytes)));
  return digest;
}

function resolveCspSegments(unit: LeafUnit, path: string, certificateHash?: string): string[] {
  return splitCspPath(path).map((segment) => {
    let resolved = segment.replace(/~(\w+)~/g, (_, name: string) => {
      const value = unit.placeholders[name];
      if (value === undefined)
        throw new CompileError(withoutSlash(unit.instancePath), `no value for ~${name}~ in the CSP path`);
      return value;
    });
    if (certificateHash !== undefined) resolved = resolved.replaceAll('@CertificateHash@', certificateHash);
    return resolved;
  });
}

/** The value of an asset carried inline under its store's CSP target (§2.7). */
function inlineAssetValue(serialization: AssetSerialization | undefined, bytes: Uint8Array): string {
  if (serialization === 'asset-xml') return xmlOnOneLine(decodeTextFile(bytes));
  if (serialization === 'license-content') return licenseContentValue(bytes);
  return toBase64(bytes);
}

/**
 * Serialization 9 (StoreInstall ProductID): the product ID with its Application item's Flags and SkuID
 * siblings, which have no Apply target of their own (docs/format/compile-rules.md §2.7a).
 */
function storeInstallValue(unit: LeafUnit, settingPath: string): string {
  const productId = provValue(unit.rule, unit.node.text, settingPath).trim();
  if (productId === '') throw new CompileError(settingPath, 'the product ID is required');
  const item = unit.frames[unit.frames.length - 2];
  const sibling = (name: string): string | undefined => {
    const store = item?.store?.kind === 'tree' ? item.store.children.find((c) => c.name === name) : undefined;
    if (store?.kind !== 'leaf') return undefined;
    const siblingPath = `${withoutSlash(item!.instance)}/${name}`;
    const text = item?.node?.children.find((child) => child.name === name)?.text;
    if (text === undefined || text.trim() === '') return store.rule.defaultValue;
    return provValue(store.rule, text, siblingPath);
  };
  const flags = sibling('Flags');
  const skuId = sibling('SkuID');
  const itemPath = withoutSlash(item?.instance ?? unit.instancePath);
  if (flags === undefined) throw new CompileError(`${itemPath}/Flags`, 'the flags are required (0 or 1)');
  if (skuId === undefined || skuId.trim() === '')
    throw new CompileError(`${itemPath}/SkuID`, 'the SKU ID is required');
  return storeInstallApplicationValue(productId, flags, skuId);
}

function compileLeaf(unit: LeafUnit, state: BuildState): CompiledUnit {
  const rule = unit.rule;
  const settingPath = withoutSlash(unit.instancePath);
  const target = rule.target!;
  let segments: string[];
  let name: string;
  let value: string;

  if (target.kind === 'registry') {
    // MCSF + the setting's instance path, map keys in place of item nodes (docs/format/compile-rules.md §2.3).
    const path = ['MCSF', ...unit.instanceSegments];
    name = path.pop()!;
    segments = path;
    value = provValue(rule, unit.node.text, settingPath);
  } else if (rule.type === 'asset') {
    const { recordedPath, bytes } = assetBytes(unit, state);
    switch (rule.serialization) {
      case 'file-copy': {
        const digest = state.options.sha256 ? state.options.sha256(bytes) : cachedSha256(bytes);
        const asset = {
          index: state.fileCopyBase + state.fileCopies.length,
          sha256: digest,
          fileName: assetFileName(recordedPath),
          instancePath: unit.instancePath,
          nodeName: unit.node.name,
          bytes,
        };
        state.fileCopies.push(asset);
        // Asset key: the instance path, or for a list item its list's path + the item node name (§2.7).
        const key = unit.listItem
          ? `${unit.listItem.listInstance}/${unit.listItem.itemName}`
          : unit.instancePath;
        segments = ['Provisioning', 'Assets', state.packageId, key];
        name = assetKey(asset);
        value = asset.fileName;
        break;
      }
      case 'certificate-hash': {
        if (target.kind !== 'csp') throw new CompileError(settingPath, 'the store gives this file no target');
        const certificate = readCertificate(bytes, settingPath);
        const path = resolveCspSegments(unit, target.path, certificate.thumbprint);
        name = path.pop()!;
        segments = path;
        value = certificate.encoded;
        break;
      }
      case 'wlan-xml': {
        const xml = decodeTextFile(bytes);
        segments = ['WiFi', 'Profile', ssidOfWlanProfile(xml, settingPath)];
        name = 'WlanXml';
        value = xmlOnOneLine(xml);
        break;
      }
      case 'asset-xml':
      case 'license-content':
      case 'base64-string':
      case 'base64-binary':
      case undefined: {
        if (target.kind !== 'csp') throw new CompileError(settingPath, 'the store gives this file no target');
        const path = resolveCspSegments(unit, target.path);
        name = path.pop()!;
        segments = path;
        value = inlineAssetValue(rule.serialization, bytes);
        break;
      }
    }
  } else if (target.kind === 'csp') {
    const path = resolveCspSegments(unit, target.path);
    name = path.pop()!;
    segments = path;
    // Action 3 (Delete) writes `<noparm name=…/>`: the value only has to be one the store allows.
    value = rule.textSerialization
      ? storeInstallValue(unit, settingPath)
      : provValue(rule, unit.node.text, settingPath);
  } else {
    throw new CompileError(settingPath, 'the store gives this setting no target');
  }

  const parm: ProvParm = { segments, name, value, datatype: datatypeOf(rule), settingsPath: rule.path };
  // The action belongs to the CSP node the store names; a file copy is written to Provisioning/Assets
  // instead (UniversalAppInstall ApplicationFile: Action 2 on HostedInstall, copied as a plain file).
  if (target.kind === 'csp' && rule.action === 'exec') parm.exec = true;
  if (target.kind === 'csp' && rule.action === 'delete') parm.delete = true;

  const groupInstancePath = rule.atomicRoot
    ? (unit.frames.find((frame) => frame.manifest === `/${rule.atomicRoot}`)?.instance ?? unit.instancePath)
    : unit.instancePath;
  const compiled: CompiledUnit = {
    eventType: rule.context === 'user' ? 'User_RunTime' : 'RunTime',
    groupInstancePath,
    settingsGroup: rule.settingsGroup,
    parms: [parm],
  };
  if (rule.requiresReboot) {
    compiled.reboot = { nodeName: rule.path.slice(rule.path.lastIndexOf('/') + 1), settingsPath: rule.path };
  }
  return compiled;
}

function childText(node: SettingNode, name: string): string | undefined {
  return node.children.find((child) => child.name === name)?.text;
}

function optionalBool(text: string | undefined, settingPath: string): boolean | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const lower = text.trim().toLowerCase();
  if (lower !== 'true' && lower !== 'false') throw new CompileError(settingPath, 'expected True or False');
  return lower === 'true';
}

function compileWlan(unit: WlanUnit): CompiledUnit {
  const settingPath = withoutSlash(unit.instancePath);
  const xmlSettings = unit.item.children.find((child) => child.name === 'WLANXmlSettings');
  const securityType = xmlSettings ? childText(xmlSettings, 'SecurityType') : undefined;
  if (securityType === undefined || securityType.trim() === '') {
    throw new CompileError(`${settingPath}/WLANXmlSettings/SecurityType`, 'the security type is required');
  }
  const settings: Parameters<typeof generateWlanProfile>[0] = {
    ssid: unit.ssid,
    securityType: securityType.trim(),
  };
  const key = xmlSettings ? childText(xmlSettings, 'SecurityKey') : undefined;
  if (key !== undefined) settings.securityKey = key;
  const autoConnect = optionalBool(
    xmlSettings && childText(xmlSettings, 'AutoConnect'),
    `${settingPath}/WLANXmlSettings/AutoConnect`,
  );
  if (autoConnect !== undefined) settings.autoConnect = autoConnect;
  const hidden = optionalBool(
    xmlSettings && childText(xmlSettings, 'HiddenNetwork'),
    `${settingPath}/WLANXmlSettings/HiddenNetwork`,
  );
  if (hidden !== undefined) settings.hiddenNetwork = hidden;
  const profile = generateWlanProfile(settings, settingPath);
  if (INVALID_XML_CHARACTER.test(profile))
    throw new CompileError(settingPath, 'the profile holds a character XML cannot carry');
  return {
    eventType: 'RunTime',
    groupInstancePath: unit.instancePath,
    settingsGroup: settingsGroupGuid(WLAN_PROFILE_GROUP_PATH),
    parms: [
      {
        segments: ['WiFi', 'Profile', unit.ssid],
        name: 'WlanXml',
        value: profile,
        datatype: 'string',
        settingsPath: WLAN_PROFILE_GROUP_PATH,
      },
    ],
  };
}

/** One compiled provxml, before its index entry gets a duplicate suffix. */
export interface ProvxmlFile {
  eventType: EventType;
  fileName: string;
  settingsGroup: string;
  parms: ProvParm[];
}

/** The compiled units of one provxml file: contiguous units of one AtomicGroup and event type. */
export type UnitRun = readonly CompiledUnit[];

/** Runs by event type, event types in first-seen order. */
export type RunsByEventType = Map<EventType, UnitRun[]>;

const sameFile = (a: CompiledUnit, b: CompiledUnit): boolean =>
  a.groupInstancePath === b.groupInstancePath && a.settingsGroup === b.settingsGroup;

/**
 * Event type partition (first-seen order), then contiguous units of one AtomicGroup into one run
 * (docs/format/compile-rules.md §2.2, §2.5).
 */
export function unitRuns(units: readonly CompiledUnit[]): RunsByEventType {
  const byEventType = new Map<EventType, CompiledUnit[][]>();
  for (const unit of units) {
    let runs = byEventType.get(unit.eventType);
    if (!runs) byEventType.set(unit.eventType, (runs = []));
    const last = runs[runs.length - 1];
    if (last?.[0] && sameFile(last[0], unit)) last.push(unit);
    else runs.push([unit]);
  }
  return byEventType;
}

/**
 * The runs of consecutive parts of a unit sequence, as unitRuns gives them for the whole sequence: a run
 * that continues across the boundary becomes one new run (the parts' arrays are never changed).
 */
export function joinRuns(parts: readonly RunsByEventType[]): RunsByEventType {
  const joined: RunsByEventType = new Map();
  for (const part of parts) {
    for (const [eventType, runs] of part) {
      const into = joined.get(eventType);
      if (!into) {
        joined.set(eventType, [...runs]);
        continue;
      }
      const last = into[into.length - 1]!;
      const [first, ...rest] = runs;
      if (first && sameFile(last[0]!, first[0]!)) into[into.length - 1] = [...last, ...first];
      else if (first) into.push(first);
      into.push(...rest);
    }
  }
  return joined;
}

/** A run's parms, with ForceSettingReload when one of its settings requires a reboot (§2.6). */
export function runParms(run: UnitRun): ProvParm[] {
  const parms = run.flatMap((unit) => unit.parms);
  const reboot = run.find((unit) => unit.reboot)?.reboot;
  if (reboot) {
    parms.push({
      segments: ['Provisioning', 'ForceSettingReload'],
      name: reboot.nodeName,
      value: '1',
      datatype: 'integer',
      settingsPath: reboot.settingsPath,
    });
  }
  return parms;
}

/** A provxml file to be: its index entry and the run it is written from. */
export interface ProvxmlRun {
  eventType: EventType;
  fileName: string;
  settingsGroup: string;
  run: UnitRun;
}

/** One file per run, numbered by a single counter across all event types (OBSERVED mosd numbering). */
export function filesFromRuns(byEventType: RunsByEventType): ProvxmlRun[] {
  const files: ProvxmlRun[] = [];
  for (const [eventType, runs] of byEventType) {
    for (const run of runs) {
      const head = run[0]!;
      files.push({
        eventType,
        fileName: provxmlFileName(files.length, head.groupInstancePath),
        settingsGroup: head.settingsGroup,
        run,
      });
    }
  }
  return files;
}

/** `{xxxxxxxx-…}` lower-case, as .NET Guid "B" format prints PackageConfig/ID. */
export function bracedPackageId(id: string): string {
  const bare = id
    .trim()
    .replace(/^\{(.*)\}$/, '$1')
    .toLowerCase();
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(bare)) {
    throw new CompileError('PackageConfig/ID', 'the package ID is not a GUID');
  }
  return `{${bare}}`;
}

const byStoreOrder = (a: Unit, b: Unit): number => compareSortKeys(a.sortKey, b.sortKey);

/** Store order, with the WLAN profile units last (docs/format/compile-rules.md §2.1 step 3, OBSERVED odmad/goat). */
function orderedUnits(walked: WalkResult): Unit[] {
  return [...[...walked.leaves].sort(byStoreOrder), ...[...walked.wlan].sort(byStoreOrder)];
}

/**
 * Compiled leaves the preview keeps between updates, by store rule, then instance path and value. A leaf's
 * compiled form depends only on those (and on the package ID and compile options, which the keeper holds
 * fixed); assets, which also depend on the files and on the other assets, are never kept.
 */
export type LeafMemo = Map<
  CompileRule,
  Map<string, { segments: readonly string[]; text: string | undefined; unit: CompiledUnit }>
>;

const sameSegments = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((segment, i) => segment === b[i]);

function compileLeafKept(unit: LeafUnit, state: BuildState, memo: LeafMemo | undefined): CompiledUnit {
  if (!memo || unit.rule.type === 'asset') return compileLeaf(unit, state);
  let byPath = memo.get(unit.rule);
  if (!byPath) memo.set(unit.rule, (byPath = new Map()));
  // The instance path joins the segments with `/`, which a map key may hold too: the segments decide.
  const kept = byPath.get(unit.instancePath);
  if (kept && kept.text === unit.node.text && sameSegments(kept.segments, unit.instanceSegments))
    return kept.unit;
  const compiled = compileLeaf(unit, state);
  byPath.set(unit.instancePath, { segments: unit.instanceSegments, text: unit.node.text, unit: compiled });
  return compiled;
}

/** Compiles each unit on its own, so one bad setting does not hide the next one's problem. */
function compileUnits(
  units: readonly Unit[],
  state: BuildState,
  issues: OrderedIssue[],
  memo?: LeafMemo,
): CompiledUnit[] {
  const compiled: CompiledUnit[] = [];
  for (const unit of units) {
    try {
      compiled.push(unit.kind === 'leaf' ? compileLeafKept(unit, state, memo) : compileWlan(unit));
    } catch (error) {
      if (!(error instanceof CompileError)) throw error;
      issues.push(...error.issues.map((issue) => ({ ...issue, order: unit.docOrder })));
    }
  }
  return compiled;
}

/** The compiled provxml files of one settings tree (Common, or one Variant's Settings). */
export interface CompiledSettings {
  files: Array<ProvxmlFile & { bytes: Uint8Array }>;
  fileCopies: Array<FileCopyAsset & { bytes: Uint8Array }>;
}

/** A provxml file as text (the BOM as U+FEFF). */
export type ProvxmlText = ProvxmlFile & { text: string };

/** What the package tree needs of a provxml file: its index entry and its text. */
export type ProvxmlEntry = Pick<ProvxmlText, 'eventType' | 'fileName' | 'settingsGroup' | 'text'>;

interface CompiledSettingsText {
  files: ProvxmlText[];
  fileCopies: Array<FileCopyAsset & { bytes: Uint8Array }>;
}

const withBytes = ({ files, fileCopies }: CompiledSettingsText): CompiledSettings => ({
  files: files.map(({ text, ...file }) => ({ ...file, bytes: encodeUtf8(text) })),
  fileCopies,
});

/** In document order, whether the walk or the value found them (the sort is stable). */
function inDocumentOrder(found: OrderedIssue[]): CompileIssue[] {
  found.sort((a, b) => a.order - b.order);
  return found.map(({ settingPath, detail }) => ({ settingPath, detail }));
}

function compileSettingsTree(
  settings: readonly SettingNode[],
  options: CompileOptions,
  packageId: string,
  issues: CompileIssue[],
  pathPrefix = '',
  /** Shared across Common and the Variants of one package, so file-copy numbers stay unique. */
  fileCopies: BuildState['fileCopies'] = [],
): CompiledSettingsText {
  const store = options.store ?? activeCompilerStore();
  const walked = walkSettings(settings, store, options.targetSkus, pathPrefix);
  const found: OrderedIssue[] = [...walked.issues];
  const state: BuildState = { options, packageId, fileCopyBase: 0, fileCopies };
  const compiled = compileUnits(orderedUnits(walked), state, found);
  issues.push(...inDocumentOrder(found));
  const files = filesFromRuns(unitRuns(compiled)).map(({ run, ...file }): ProvxmlText => {
    const parms = runParms(run);
    return { ...file, parms, text: writeProvxmlText(parms, options.style) };
  });
  return { files, fileCopies: state.fileCopies };
}

/**
 * One child of Common (a top-level settings group such as `Accounts`) walked and compiled on its own: the
 * unit the preview recompiles (shared/compiler/incremental.ts). Issue orders count from the group's first
 * element; the caller adds the elements of the groups before it.
 */
export interface CompiledGroup {
  /** The group's place in compile order (its rank among the store's top-level groups); -1 when unknown. */
  rank: number;
  /** Document elements the walk visited. */
  seen: number;
  /** Leaf units in store order, then the WLAN profile units (compiled after every group's leaves). */
  leaves: CompiledUnit[];
  wlan: CompiledUnit[];
  walkIssues: OrderedIssue[];
  /** Issues of the leaf units, then of the WLAN units. */
  unitIssues: OrderedIssue[];
  fileCopies: Array<FileCopyAsset & { bytes: Uint8Array }>;
}

export function compileGroup(
  node: SettingNode,
  options: CompileOptions,
  packageId: string,
  fileCopyBase: number,
  memo?: LeafMemo,
): CompiledGroup {
  const store = options.store ?? activeCompilerStore();
  const walked = walkSettings([node], store, options.targetSkus);
  const state: BuildState = { options, packageId, fileCopyBase, fileCopies: [] };
  const unitIssues: OrderedIssue[] = [];
  const leaves = compileUnits([...walked.leaves].sort(byStoreOrder), state, unitIssues, memo);
  const wlan = compileUnits([...walked.wlan].sort(byStoreOrder), state, unitIssues, memo);
  return {
    rank: groupRank(node.name, options),
    seen: walked.seen,
    leaves,
    wlan,
    walkIssues: walked.issues,
    unitIssues,
    fileCopies: state.fileCopies,
  };
}

/** Where a top-level group compiles among the others: its rank in the store's group order, -1 if unknown. */
export function groupRank(name: string, options: Pick<CompileOptions, 'store' | 'targetSkus'>): number {
  const store = options.store ?? activeCompilerStore();
  return topLevelGroups(store, options.targetSkus).findIndex((group) => group.name === name);
}

export { inDocumentOrder, type OrderedIssue };

/** One Variant, compiled as WCD compiles Common (see compileVariants). */
export interface CompiledVariant extends CompiledSettings {
  index: number;
  targetRefs: string[];
}

/**
 * Every Variant's Settings compiled with the same rules as Common: the settings-level output is DERIVED
 * (the same store facts and docs/format/compile-rules.md §2 apply, and the Variant's `Settings` has the shape of
 * Common). What is NOT known is how WCD places Variants in a package — the Multivariant/<n> folders and the
 * conditions in Multivariant.xml: no multivariant package built by WCD has been seen. So Variants compile
 * for checking and preview (file numbering restarts at 0 in each Variant), and compilePackage refuses them
 * unless asked for PPKG Studio's inferred layout (docs/format/ppkg-format.md §3.4), which writes these files.
 */
export function compileVariants(doc: CustomizationsDocument, options: CompileOptions): CompiledVariant[] {
  const issues: CompileIssue[] = [];
  const variants = compileVariantsCollecting(doc, options, bracedPackageId(doc.packageConfig.id), issues);
  if (issues.length > 0) throw CompileError.of(issues);
  return variants.map(({ index, targetRefs, ...compiled }) => ({
    index,
    targetRefs,
    ...withBytes(compiled),
  }));
}

type CompiledVariantText = CompiledSettingsText & Pick<CompiledVariant, 'index' | 'targetRefs'>;

function compileVariantsCollecting(
  doc: CustomizationsDocument,
  options: CompileOptions,
  packageId: string,
  issues: CompileIssue[],
  fileCopies?: BuildState['fileCopies'],
): CompiledVariantText[] {
  const { multivariant, issues: structural } = readMultivariant(doc);
  issues.push(...structural.map(({ path, detail }) => ({ settingPath: path, detail })));
  return multivariant.variants.map((variant) => {
    const prefix = `Variant[${variant.index}]/Settings/`;
    const own: CompileIssue[] = [];
    const compiled = compileSettingsTree(variant.settings, options, packageId, own, prefix, fileCopies);
    issues.push(
      ...own.map((issue) =>
        issue.settingPath.startsWith(prefix) ? issue : { ...issue, settingPath: prefix + issue.settingPath },
      ),
    );
    return { index: variant.index, targetRefs: variant.targetRefs, ...compiled };
  });
}

/** Why compilePackage refuses a document with Variants unless asked for the inferred layout. */
export const VARIANT_PACKAGE_REFUSAL =
  'building a package with Variants needs a layout nobody has observed: no WCD-built multivariant package has ' +
  "been seen, so where WCD puts each Variant's compiled settings and how it records their Targets " +
  '(Multivariant/<n>, Multivariant.xml) is unknown. The Common settings and every Variant compile and can be ' +
  "previewed; build with PPKG Studio's inferred layout (--variant-layout inferred), build each Variant as its " +
  'own package, or use icd.exe for this project';

const refusesVariants = (doc: CustomizationsDocument, options: CompileOptions): boolean =>
  hasVariants(doc) && options.variantLayout !== 'inferred';

/**
 * Every problem that keeps the document from compiling, by setting path, without stopping at the first:
 * unknown or newer settings, values that do not fit, settings whose compiled form is unknown, missing
 * assets, Targets/Variant structure (and, with `forPackage`, the Variant package refusal).
 */
export function compileIssues(
  doc: CustomizationsDocument,
  options: CompileOptions,
  forPackage = false,
): CompileIssue[] {
  const issues: CompileIssue[] = [];
  let packageId = '{00000000-0000-0000-0000-000000000000}';
  try {
    packageId = bracedPackageId(doc.packageConfig.id);
  } catch (error) {
    if (!(error instanceof CompileError)) throw error;
    issues.push(...error.issues);
  }
  compileSettingsTree(doc.common, options, packageId, issues);
  compileVariantsCollecting(doc, options, packageId, issues);
  if (forPackage && refusesVariants(doc, options))
    issues.push({ settingPath: 'Variant', detail: VARIANT_PACKAGE_REFUSAL });
  return issues;
}

/** The provxml files of Common, in file order (what the preview shows). Throws with every issue found. */
export function compileProvxmlFiles(doc: CustomizationsDocument, options: CompileOptions): CompiledSettings {
  const issues: CompileIssue[] = [];
  const packageId = bracedPackageId(doc.packageConfig.id);
  const compiled = compileSettingsTree(doc.common, options, packageId, issues);
  compileVariantsCollecting(doc, options, packageId, issues);
  if (issues.length > 0) throw CompileError.of(issues);
  return withBytes(compiled);
}

/** `MasterDatastore.xml`, the index files and the provxml of one Multivariant element (`Multivariant/<n>/`). */
function provTree(folder: string, files: readonly ProvxmlEntry[]): PackageTextFile[] {
  const eventTypes: EventType[] = [];
  for (const file of files) if (!eventTypes.includes(file.eventType)) eventTypes.push(file.eventType);
  if (eventTypes.length === 0) eventTypes.push('RunTime');
  const out: PackageTextFile[] = [
    { path: `${folder}/MasterDatastore.xml`, text: writeMasterDatastore(eventTypes) },
  ];
  for (const eventType of eventTypes) {
    const entries = files.filter((file) => file.eventType === eventType);
    out.push({ path: `${folder}/Prov/${eventType}.xml`, text: writeRuntimeIndex(eventType, entries) });
  }
  for (const file of files)
    out.push({ path: `${folder}/Prov/${file.eventType}/${file.fileName}`, text: file.text });
  return out;
}

/**
 * Compiles a document into every file of the package tree (docs/format/ppkg-format.md §3.1), in the order WCD writes
 * them. `customizationsXml` is stored verbatim as `Multivariant/0/customizations.xml`. Throws a CompileError
 * listing every setting that cannot compile. A document with Variants is refused (VARIANT_PACKAGE_REFUSAL)
 * unless `variantLayout: 'inferred'`: then each Variant's settings go to `Multivariant/<n>` (n from 1), the
 * CommonSettings and DataAsset elements are numbered after them (docs/format/ppkg-format.md §3.4, INFERRED).
 */
export function compilePackage(
  doc: CustomizationsDocument,
  customizationsXml: Uint8Array,
  options: CompileOptions,
): PackageFile[] {
  return encodePackageFiles(compilePackageFiles(doc, customizationsXml, options));
}

/** The text files encoded as UTF-8: what goes into the image. */
export function encodePackageFiles(files: readonly PackageTextFile[]): PackageFile[] {
  return files.map((file) => ('text' in file ? { path: file.path, bytes: encodeUtf8(file.text) } : file));
}

/** compilePackage before encoding: the XML files as text (what the preview shows). */
export function compilePackageFiles(
  doc: CustomizationsDocument,
  customizationsXml: string | Uint8Array,
  options: CompileOptions,
): PackageTextFile[] {
  refuseMaskedSecrets(doc, options);
  const issues: CompileIssue[] = [];
  const packageId = bracedPackageId(doc.packageConfig.id);
  const { files, fileCopies } = compileSettingsTree(doc.common, options, packageId, issues);
  const variants = compileVariantsCollecting(doc, options, packageId, issues, fileCopies);
  if (refusesVariants(doc, options)) issues.push({ settingPath: 'Variant', detail: VARIANT_PACKAGE_REFUSAL });
  if (issues.length > 0) throw CompileError.of(issues);
  return assemblePackage(customizationsXml, files, fileCopies, writeAnswerFile(doc), variants);
}

/** Last line of defence (issue #10): a saved project's `********` placeholder must never reach a device. */
export function refuseMaskedSecrets(
  doc: CustomizationsDocument,
  options: Pick<CompileOptions, 'redactedPreview'>,
): void {
  const masked = options.redactedPreview ? [] : findMaskedSecrets(doc);
  if (masked.length > 0)
    throw new CompileError(
      masked[0] ?? '',
      'this secret was saved masked (********) and has not been re-entered',
    );
}

/** The package tree around the compiled provxml files, in the order WCD writes it. */
export function assemblePackage(
  customizationsXml: string | Uint8Array,
  files: readonly ProvxmlEntry[],
  fileCopies: ReadonlyArray<FileCopyAsset & { bytes: Uint8Array }>,
  answerFile: string,
  variants: ReadonlyArray<{ targetRefs: readonly string[]; files: readonly ProvxmlEntry[] }> = [],
): PackageTextFile[] {
  // One element counter across the three index files: 0, 1, 2 in every observed package (§3.4).
  const commonIndex = variants.length + 1;
  const assetIndex = variants.length + 2;
  const customizationsPath = 'Multivariant/0/customizations.xml';
  const out: PackageTextFile[] = [
    { path: 'Multivariant/Multivariant.xml', text: writeMultivariantIndex(variants) },
    typeof customizationsXml === 'string'
      ? { path: customizationsPath, text: customizationsXml }
      : { path: customizationsPath, bytes: customizationsXml },
    ...provTree('Multivariant/0', files),
    ...variants.flatMap((variant, position) => provTree(`Multivariant/${position + 1}`, variant.files)),
    { path: 'CommonSettings/CommonSettings.xml', text: writeCommonSettingsIndex(commonIndex) },
    { path: `CommonSettings/${commonIndex}/AnswerFile.xml`, text: answerFile },
  ];
  if (fileCopies.length > 0) {
    for (const asset of fileCopies)
      out.push({ path: assetPackagePath(asset, assetIndex), bytes: asset.bytes });
    out.push({ path: 'DataAsset/DataAsset.xml', text: writeDataAssetIndex(fileCopies, assetIndex) });
  }
  return out;
}

/**
 * Every asset the document refers to (Common, then each Variant), so the Node side can read the files
 * before compiling. Settings the compiler cannot compile are skipped here (compilePackage reports them).
 */
export function listAssetReferences(
  doc: CustomizationsDocument,
  store: CompilerStore = activeCompilerStore(),
): Array<{
  settingPath: string;
  recordedPath: string;
  manifestPath: string;
  serialization: AssetSerialization | undefined;
}> {
  const assetsOf = (settings: readonly SettingNode[], prefix: string) =>
    walkSettings(settings, store, 'WindowsCommon,Desktop', prefix)
      .leaves.filter((unit) => unit.rule.type === 'asset')
      .sort((a, b) => compareSortKeys(a.sortKey, b.sortKey))
      .map((unit) => ({
        settingPath: prefix + withoutSlash(unit.instancePath),
        recordedPath: unit.node.text ?? '',
        manifestPath: unit.rule.path,
        serialization: unit.rule.serialization,
      }));
  return [
    ...assetsOf(doc.common, ''),
    ...readMultivariant(doc).multivariant.variants.flatMap((variant) =>
      assetsOf(variant.settings, `Variant[${variant.index}]/Settings/`),
    ),
  ];
}
