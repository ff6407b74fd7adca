import type { OwnerType } from './owner-type';
import type { SettingNode } from './settings-tree';

/**
 * The contract between the customizations.xml reader/writer (shared/xml) and its consumers (compiler,
 * wizard, CLI). The zod schemas in shared/model validate these shapes; this file only fixes their form.
 */
export type { OwnerType };

export interface PackageConfig {
  /** Braced lower-case GUID as WCD writes it, e.g. `{22873c04-7b0a-486a-b282-c21b9f973839}`. */
  id: string;
  name: string;
  /** `a.b` or `a.b.c.d`. */
  version: string;
  ownerType: OwnerType;
  /** 0–99. */
  rank: number;
  notes: string;
  description?: string;
}

export interface CustomizationsDocument {
  packageConfig: PackageConfig;
  /** The children of Settings/Customizations/Common in document order: the store's top-level groups. */
  common: SettingNode[];
  /** Settings/Customizations/Targets and Variant elements, kept verbatim (WCD's UI cannot author them). */
  multivariant: SettingNode[];
  /**
   * How the file that was read spelled the things that carry no meaning, so it writes back byte for byte.
   * Absent on a new document: the writer then uses the current WCD form (`WCD_FORMATTING`).
   */
  formatting?: CustomizationsFormatting;
}

/** The PackageConfig child elements WCD knows (xsd:all, so any order is legal). */
export type PackageConfigElement = 'ID' | 'Name' | 'Version' | 'OwnerType' | 'Rank' | 'Notes' | 'Description';

/**
 * Byte-level form of a customizations.xml. Every field records a difference seen between WCD vintages
 * (docs/format/wcd-settings.md §1.3/§1.4) or a liberty the schema allows, so none of them changes what the file means.
 */
export interface CustomizationsFormatting {
  /** UTF-8 byte order mark at the start (WCD always writes one). */
  byteOrderMark: boolean;
  /** WCD writes CRLF; a file that went through git with eol normalisation has LF. */
  newline: '\r\n' | '\n';
  /** The XML declaration as read when it is not WCD's `<?xml version="1.0" encoding="utf-8"?>`; '' = none. */
  declaration?: string;
  /** WCD writes none after `</WindowsCustomizations>`. */
  trailingNewline: boolean;
  /** An empty Notes element: `<Notes></Notes>` (2018, 2022, 2025 builds) or `<Notes />` (Store 2020). */
  emptyNotes: 'open-close' | 'self-closing';
  /** PackageConfig children in the order read; elements missing here are written only when they carry a value. */
  packageConfigOrder: PackageConfigElement[];
  /** PackageConfig children that are not in the schema, kept verbatim and written after the known ones. */
  packageConfigExtras: SettingNode[];
  /** Text of OwnerType / Rank as read when it differs from the canonical spelling (the XSD is case-insensitive). */
  ownerTypeText?: string;
  rankText?: string;
  /** Namespace URIs as read when they differ from WCD's exact casing. */
  packageConfigNamespace?: string;
  settingsNamespace?: string;
  /**
   * `self-closing`: `<Settings xmlns="…" />` as the Store 2020 build writes an untouched project
   * (`open-close`: `<Settings …></Settings>`); either is used only while the document has no settings at all.
   * `customizations`: the Settings/Customizations/Common frame.
   */
  settingsForm: 'customizations' | 'self-closing' | 'open-close';
  /** Index of Common among the Customizations children as read (WCD: 0, Targets/Variant follow it); -1 = absent. */
  commonPosition: number;
}
