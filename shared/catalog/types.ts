/**
 * The settings catalog: one typed entry per setting PPKG Studio can edit. It is data (settings.ts), taken
 * from the WCD settings store facts in docs/format/wcd-settings.md (§2, Appendix A); nothing here is computed from a
 * Microsoft file at run time.
 */

import type { CatalogFactNode } from './store-facts';

/** How sure we are of a fact (the specs' tags): seen in WCD output / read from the WCD store / our guess. */
export type Evidence = 'observed' | 'derived' | 'inferred';

/**
 * Which WCD store holds the setting: `common` = Microsoft-Common-Provisioning.dat ("All Windows editions"),
 * `desktop` = only Microsoft-Desktop-Provisioning.dat (docs/format/wcd-settings.md §1.5).
 */
export type StoreMembership = 'common' | 'desktop';

/** One value of an enumeration: the display text WCD writes and, for integer enums, the number it compiles to. */
export interface EnumValue {
  text: string;
  number?: number;
  /** Text enums whose stored value differs from the label (`ENABLE` is stored as `1`): the stored value. */
  stored?: string;
}

export type SettingKind =
  /** A container element (store Type 6). */
  | { kind: 'tree' }
  /** Keyed collection (Type 8): `<Users><User UserName="k">…`; items are written in insertion order. */
  | { kind: 'map'; keyAttribute: string; itemElement: string }
  /** List (Type 7): `<CommandFiles><CommandFile Name="n">…`; `ordered` = the order is the run order. */
  | { kind: 'list'; itemElement: string; ordered: boolean }
  /** The element of one map or list item; its children are the item's settings. */
  | { kind: 'item' }
  /** `True` / `False` (Type 1). */
  | { kind: 'boolean' }
  /**
   * Display text ↔ number (Type 2 with values) or a fixed set of strings (Type 3 with values).
   * `digitsAllowed`: only some display strings are known, other values are written as plain numbers.
   */
  | { kind: 'enum'; values: EnumValue[]; digitsAllowed?: boolean }
  /** Plain integer (Type 2), written as digits. */
  | { kind: 'integer'; min?: number; max?: number }
  /** Text (Type 3). `format` tells the validator what the text must look like. */
  | {
      kind: 'text';
      format?: TextFormat;
      /** Store `Validation/MinLength`, `MaxLength`, `Pattern` (a .NET regular expression). */
      minLength?: number;
      maxLength?: number;
      pattern?: string;
    }
  /** A file on the authoring PC (Type 5), embedded or inlined at build; lower-case extensions, [] = any. */
  | { kind: 'asset'; extensions: string[] };

export type SettingKindName = SettingKind['kind'];

/** What a text setting must look like, beyond the store's facts (an override: the store does not say). */
export type TextFormat = 'device-name' | 'url' | 'upn' | 'product-key' | 'ssid';

/** Desktop-wizard page that writes the setting (docs/format/wcd-settings.md §2.11). */
export type WizardPage = 'device' | 'network' | 'accounts' | 'applications' | 'certificates';

export interface CatalogEntry {
  /** Manifest path: element names from the Common root, no keys: `Accounts/Users/User/Password`. */
  path: string;
  /** Path of the parent entry ('' for a top-level group). */
  parentPath: string;
  /** Element name with WCD's exact casing (`HideOobe`, `CACerificate`, `DiscoveryServiceFullUrl`). */
  name: string;
  kind: SettingKind;
  /** Default as WCD would write it (`True`, `3010`, `Standard Users`), when the store defines one. */
  default?: string;
  /** The store marks it Required (within its parent or map item). */
  required: boolean;
  /** Passwords, tokens, keys: UI and CLI mask the value and logs never show it. */
  secret: boolean;
  /** Only required while another setting has one of these values (e.g. SecurityKey unless the network is Open). */
  requiredWhen?: { sibling: string; values: string[] };
  store: StoreMembership;
  /** Position among its siblings in store (hive) order: case-insensitive alphabetical (§1.4). */
  order: number;
  /** i18n keys in shared/locales/<lang>/settings.json. */
  labelKey: string;
  helpKey: string;
  /**
   * Key of this setting's compile facts in shared/compiler/rules.ts (the manifest path); only leaves and
   * assets compile. Undefined for containers.
   */
  compileFactsPath?: string;
  evidence: Evidence;
  wizardPage?: WizardPage;
  /** Store `Visibility/Private` = 1: WCD hides it in its tree (our advanced editor too, unless asked). */
  hidden?: boolean;
  /** The store facts behind the entry (absent for a hand-written entry the active store lacks). */
  facts?: CatalogFactNode;
}
