import type { CatalogEntry, Evidence } from './types';
import {
  LEAF_KINDS,
  type StoreApplyTarget,
  type StoreNodeKind,
  type VisibilityCondition,
} from './store-facts';

/**
 * A setting's facts as one flat record: the `settings --json` line and the advanced editor's help panel.
 * Everything here is a fact of the store or one of our overrides; no Microsoft wording.
 */
export interface SettingDescription {
  path: string;
  name: string;
  /** Store node kind (bool, int, text, binary, asset, tree, list, map). */
  storeKind: StoreNodeKind | null;
  /** Our editor kind (boolean, enum, integer, text, asset, tree, map, list, item). */
  kind: string;
  leaf: boolean;
  /** `[stored value, WCD label]` pairs. */
  values?: Array<[string, string]>;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  extensions?: string[];
  keyAttribute?: string;
  /** The default as written in customizations.xml (label form). */
  default?: string;
  required: boolean;
  hidden: boolean;
  secret: boolean;
  evidence: Evidence;
  target?: StoreApplyTarget;
  scope?: 'device' | 'user';
  atomicRoot?: string;
  requiresReboot?: boolean;
  serialization?: number;
  filePath?: string;
  applyAfter?: string;
  visibleWhen?: VisibilityCondition[][];
  /** Store editions holding the setting. */
  editions: string[];
  /** `builtin` (generated catalog) or `user-store` (only in the store loaded with --store). */
  source: string;
}

export function describeSetting(entry: CatalogEntry): SettingDescription {
  const facts = entry.facts;
  const description: SettingDescription = {
    path: entry.path,
    name: entry.name,
    storeKind: facts?.kind ?? null,
    kind: entry.kind.kind,
    leaf: facts ? LEAF_KINDS.has(facts.kind) : !['tree', 'map', 'list', 'item'].includes(entry.kind.kind),
    required: entry.required,
    hidden: entry.hidden === true,
    secret: entry.secret,
    evidence: entry.evidence,
    editions: facts?.editions ?? [entry.store],
    source: facts?.source ?? 'builtin',
  };
  if (facts?.values) description.values = facts.values;
  if (facts?.minimum !== undefined) description.minimum = facts.minimum;
  if (facts?.maximum !== undefined) description.maximum = facts.maximum;
  if (facts?.minLength !== undefined) description.minLength = facts.minLength;
  if (facts?.maxLength !== undefined) description.maxLength = facts.maxLength;
  if (facts?.pattern !== undefined) description.pattern = facts.pattern;
  if (facts?.extensions) description.extensions = facts.extensions;
  if (facts?.keyAttribute !== undefined) description.keyAttribute = facts.keyAttribute;
  if (entry.default !== undefined) description.default = entry.default;
  if (facts?.target) {
    description.target = facts.target;
    description.scope = facts.target.kind === 'csp' && facts.target.userScope ? 'user' : 'device';
  }
  if (facts?.atomicRoot !== undefined) description.atomicRoot = facts.atomicRoot;
  if (facts?.requiresReboot) description.requiresReboot = true;
  if (facts?.serialization !== undefined) description.serialization = facts.serialization;
  if (facts?.filePath !== undefined) description.filePath = facts.filePath;
  if (facts?.applyAfter !== undefined) description.applyAfter = facts.applyAfter;
  if (facts?.visibleWhen) description.visibleWhen = facts.visibleWhen;
  return description;
}

/** Whether a setting matches a search text: its path (hence name) or its CSP/registry target, any case. */
export function matchesSearch(entry: CatalogEntry, text: string): boolean {
  const needle = text.trim().toLowerCase();
  if (needle === '') return true;
  if (entry.path.toLowerCase().includes(needle)) return true;
  return entry.facts?.target?.path.toLowerCase().includes(needle) ?? false;
}

/**
 * The Microsoft Learn page documenting a setting's target, when one is known: Policy CSP areas have one page
 * each, other CSPs one page per CSP. Registry targets and unknown CSPs have none.
 */
export function learnUrlFor(entry: CatalogEntry): string | undefined {
  const target = entry.facts?.target;
  if (!target || target.kind !== 'csp') return undefined;
  const policy =
    /^\.\/(?:Vendor\/MSFT|Device\/Vendor\/MSFT|User\/Vendor\/MSFT)\/Policy(?:!scope=\w+)?\/Config\/([^/]+)\//i.exec(
      target.path,
    );
  if (policy?.[1]) {
    return `https://learn.microsoft.com/windows/client-management/mdm/policy-csp-${policy[1].toLowerCase()}`;
  }
  const csp = /^\.\/(?:Vendor\/MSFT|Device\/Vendor\/MSFT)\/([A-Za-z]+)/.exec(target.path);
  if (csp?.[1])
    return `https://learn.microsoft.com/windows/client-management/mdm/${csp[1].toLowerCase()}-csp`;
  return undefined;
}
