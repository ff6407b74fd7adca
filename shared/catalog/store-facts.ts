/**
 * Facts about one node of a WCD settings store, as the catalog generator reads them from the store hive
 * (`Microsoft-<edition>-Provisioning.dat`, a registry hive; layout in ../shared/reference/settings-store/SOURCES.md
 * and docs/format/wcd-settings.md §1.4). These types describe `shared/catalog/generated/*.json` and the same facts read from a
 * user's own store at run time (`--store`, "Use the settings store of my installed WCD").
 *
 * Only facts are kept: WCD's display names and help texts (`Visibility/DisplayName`, `Visibility/DisplayDescription`,
 * `Validation/Values/<v>/Description`) are never read into these structures. Enum labels (`Validation/Values/<v>/Display`)
 * are kept: they are the values written in customizations.xml.
 *
 * "the setting's key" below = the hive key named like the setting's XML element; "Apply", "Validation", "Default",
 * "Visibility" = its metadata subkeys (keys without a `Type` value).
 */

/** Store `Type` (REG_DWORD on the setting's key): 1 bool, 2 int, 3 text, 4 binary, 5 asset, 6 tree, 7 list, 8 map. */
export type StoreNodeKind = 'bool' | 'int' | 'text' | 'binary' | 'asset' | 'tree' | 'list' | 'map';

/** Kinds that hold a value (store Types 1–5); the store's "leaves" (1,381 in the 2024 Desktop store). */
export const LEAF_KINDS: ReadonlySet<StoreNodeKind> = new Set(['bool', 'int', 'text', 'binary', 'asset']);

/** Which store a node was read from: the Common store ("All Windows editions") or only the Desktop one. */
export type StoreEdition = 'common' | 'desktop';

/** Where the facts of a node come from in this session. */
export type FactsSource =
  /** The generated catalog committed in shared/catalog/generated/ (the pinned store). */
  | 'builtin'
  /** A store hive loaded at run time (`--store <file.dat>` or the app's "settings store of my installed WCD"). */
  | 'user-store';

/** `Apply/Csp/Action` (REG_DWORD): 1 Add → `<parm>`, 2 Exec → `<parm … exec="1">`, 3 Delete → `<noparm>`. */
export type CspAction = 'add' | 'exec' | 'delete';

/** The device-side target of a leaf: the `Apply` key's single child. */
export type StoreApplyTarget =
  | {
      kind: 'csp';
      /** `Apply/Csp/Path` (REG_SZ) verbatim, e.g. `./Vendor/MSFT/Policy/Config/Experience/AllowCortana`. */
      path: string;
      /** `Apply/Csp/Action` (REG_DWORD); absent in the hive = 1 Add. */
      action: CspAction;
      /** `Apply/Csp/Context` = 1 (REG_DWORD): user scope, compiled into User_RunTime (docs/format/compile-rules.md §2.2). */
      userScope: boolean;
    }
  | {
      kind: 'registry';
      /** `Apply/Registry/Path` (REG_SZ): the registry value WCD's MCSF layer writes on the device. */
      path: string;
      /** `Apply/Registry/OnLastRemove` (REG_DWORD), when present. */
      onLastRemove?: number;
      /** `Apply/Registry/TextType` (REG_DWORD), when present: how a text value is typed in the registry. */
      textType?: number;
      /** `Apply/Registry/PublishWnfOnConfigure` (REG_DWORD), when present. */
      publishWnfOnConfigure?: number;
    };

/** One condition of a show-only-when rule: `Visibility/<n>/<m>` with `Condition`, `Setting`, `Value`. */
export interface VisibilityCondition {
  /** `Condition` (REG_DWORD); 1 = "equals" in every store seen. */
  condition: number;
  /** `Setting` (REG_SZ): path of the other setting, relative to this one (`../Enable`, `../../Enable`). */
  setting: string;
  /** `Value` (REG_SZ): the stored value (not the label) the other setting must have, e.g. `1`, `WEP`. */
  value: string;
}

/** One node of a settings store, in the order the generator writes them (depth first, hive order). */
export interface StoreFactNode {
  /** Manifest path: key names from the hive root joined with `/` (`Policies/Experience/AllowCortana`). */
  path: string;
  /** The key's name = the XML element name with the store's casing (also its `Name` REG_SZ value). */
  name: string;
  /** From `Type` (REG_DWORD). */
  kind: StoreNodeKind;
  /**
   * Position among its siblings in hive order (0-based). Registry subkey lists are sorted by the upper-cased
   * name, which is the order WCD lists and writes settings in (docs/format/wcd-settings.md §1.4).
   */
  order: number;
  /** `Key` (REG_SZ) on a map: the attribute that names each item (`UserName`, `SSID`). */
  keyAttribute?: string;
  /** `Required` = 1 (REG_DWORD): must be set within its parent (or map item). */
  required?: true;
  /** `Visibility/Private` = 1 (REG_DWORD): WCD hides the node in its "All settings" tree. */
  hidden?: true;
  /**
   * The name of the first subkey of `Default` (hive order): the default as stored, i.e. the stored value and not
   * the label (`1` for AllowCortana, whose label is `Yes`; bools as `0`/`1`).
   */
  default?: string;
  /** Further subkeys of `Default` when there is more than one (the store has one such node). */
  otherDefaults?: string[];
  /** `Validation/Minimum` (REG_SZ holding a number). */
  minimum?: number;
  /** `Validation/Maximum` (REG_SZ holding a number). */
  maximum?: number;
  /** `Validation/MinLength` (REG_DWORD). */
  minLength?: number;
  /** `Validation/MaxLength` (REG_DWORD). */
  maxLength?: number;
  /** `Validation/Pattern` (REG_SZ): a .NET regular expression the text must match. */
  pattern?: string;
  /**
   * `Validation/Values/<value>` subkeys with their `Display` (REG_SZ): `[stored value, WCD label]` in hive order.
   * The label is what customizations.xml holds; the stored value is what the device receives. A missing
   * `Display` gives the value itself as label.
   */
  values?: Array<[value: string, label: string]>;
  /** `Validation/AllowedValueReference` (REG_SZ): values come from another setting (relative path). */
  allowedValueReference?: string;
  /** Assets: the subkeys of `Validation`, lower-case file extensions without the dot (`cer`, `png`). */
  extensions?: string[];
  /** The child of `Apply`: `Csp` or `Registry`. Absent when the node has no target of its own. */
  target?: StoreApplyTarget;
  /** `Apply/ApplyPasses` (REG_DWORD): bit mask of the provisioning passes (e.g. 1920 runtime, 2047 all). */
  applyPasses?: number;
  /** `Apply/ApplyAfterSetting` (REG_SZ): an alternation of paths, `(/DevDetail/DNSComputerName)`. */
  applyAfter?: string;
  /** `Apply/RequiresReboot` = 1 (REG_DWORD): the group gets a ForceSettingReload parm (docs/format/compile-rules.md §2.6). */
  requiresReboot?: true;
  /** `Apply/AtFirstSIMDetectOnly` = 1 (REG_DWORD). */
  atFirstSimDetectOnly?: true;
  /** `AtomicRoot` (REG_SZ) without its leading `/`: the SettingsGroup / provxml grouping root (§1.1). */
  atomicRoot?: string;
  /**
   * `Serialization` (REG_DWORD) of an asset or text: 1 WlanXml, 2 Base64EncodedString, 3 CertificateHash,
   * 5 AssetXml, 6 Base64EncodedBinary (docs/format/compile-rules.md §2.7); 4, 7, 8, 9 are kept as numbers.
   * Absent on an asset = 0, copied as a file.
   */
  serialization?: number;
  /** `FilePath` (REG_SZ): where an asset is copied on the device (`%SYSTEMDRIVE%\Users\Public\Downloads`). */
  filePath?: string;
  /** `PolicyMetadataRequired` = 1 (REG_DWORD). */
  policyMetadataRequired?: true;
  /** `Visibility/Ordered` = 1 (REG_DWORD): the list's item order is significant. */
  ordered?: true;
  /** `UserExperienceHint` (REG_DWORD), when present. */
  userExperienceHint?: number;
  /** `Visibility/Category` (REG_DWORD), when present. */
  category?: number;
  /**
   * Show-only-when rules (`Visibility/<n>/<m>`): the node is shown when every condition of at least one group
   * holds (OR of AND groups, in key order).
   */
  visibleWhen?: VisibilityCondition[][];
  /**
   * Stores that hold the node: `common` when the Common store has this very path, always `desktop` for the
   * Desktop store's nodes. Compile order (§2.1) goes by the top-level group's membership: a setting newer than
   * the Common store inside a Common group is `desktop` here while its group is `common`.
   */
  editions: StoreEdition[];
}

/** One input hive of a generated catalog. */
export interface StoreInput {
  /** Role of the hive. */
  edition: StoreEdition;
  /** File name as given to the generator (no directory). */
  file: string;
  /** SHA-256 of the whole file, lower-case hex. */
  sha256: string;
}

/** The generated catalog file (`shared/catalog/generated/desktop-store.json`). */
export interface GeneratedCatalog {
  /** Format version of this JSON. */
  format: 1;
  /** The hives it was generated from. */
  inputs: StoreInput[];
  /** Every node of the Desktop store (parents before children, siblings in hive order). */
  nodes: StoreFactNode[];
}

/** A node of the catalog in use: store facts plus where they came from. */
export interface CatalogFactNode extends StoreFactNode {
  /** `builtin` = the generated catalog; `user-store` = only in a store loaded at run time. */
  source: FactsSource;
}
