import type { CustomizationsDocument } from '../model/customizations-document';

/**
 * Bulk enrollment (GitHub issue #7): one package per row of a CSV, each a copy of a template project with
 * the row's values applied. Rows are numbered as a spreadsheet shows them: the header is row 1.
 */

/** The CSV as read: header cells and data rows (blank rows kept as [] so numbering matches the sheet). */
export interface BatchTable {
  /** `,` or `;`, as detected. */
  delimiter: ',' | ';';
  header: string[];
  /** Data rows in file order; `rowNumber` is 2 for the first data row. */
  rows: BatchRow[];
}

export interface BatchRow {
  rowNumber: number;
  cells: string[];
}

/** What a CSV column feeds. */
export type ColumnTarget =
  /** File name of the row's package (`<PackageName>.ppkg`) and its PackageConfig Name. */
  | { kind: 'package-name' }
  /** The real user the enrolled device goes to; only written to the manifest. */
  | { kind: 'assigned-user' }
  /**
   * A setting, by catalog path (`DevDetail/DNSComputerName`). A path ending in a map/list item
   * (`Workplace/Enrollments/UPN`) or in the item's key attribute (`…/WLANConfig/SSID`) sets the item's KEY.
   * Inline keys pick one item when the template has several: `Accounts/Users/User[admin]/Password`.
   */
  | { kind: 'setting'; path: string }
  | { kind: 'ignore' };

export interface ColumnMappingEntry {
  /** Header cell text. */
  column: string;
  target: ColumnTarget;
}

/** One entry per header cell, same order. Derived from the header, then editable in the UI. */
export type ColumnMapping = ColumnMappingEntry[];

export type MappingIssueCode =
  | 'missing-package-name'
  | 'duplicate-target'
  | 'unknown-setting'
  | 'not-a-value';

export interface MappingIssue {
  code: MappingIssueCode;
  /** Header text of the column concerned ('' for the mapping as a whole). */
  column: string;
  message: string;
  /** For an unknown setting path: the closest path the catalog knows. */
  nearestPath?: string;
}

export type RowErrorCode =
  | 'package-name-missing'
  | 'package-name-unsafe'
  | 'package-name-duplicate'
  | 'key-missing'
  | 'bad-value'
  | 'assigned-user-invalid'
  | 'invalid-setting'
  | 'build-failed';

/** A problem with one row: the row is skipped, the batch goes on. */
export interface BatchRowError {
  /** Spreadsheet row number (header = 1). */
  rowNumber: number;
  /** Header text of the column at fault; undefined when the row as a whole failed (e.g. the build). */
  column?: string;
  code: RowErrorCode;
  /** English text naming the row and column; never contains a secret value. */
  message: string;
}

/** A validation warning of a row that is still built (the row's `build` would print it). */
export interface BatchRowWarning {
  rowNumber: number;
  column?: string;
  /** English text naming the row and column; never contains a secret value. */
  message: string;
}

/** A row ready to build. */
export interface PreparedRow {
  rowNumber: number;
  packageName: string;
  /** `<packageName>.ppkg` */
  fileName: string;
  /** The template copy with this row's values applied. */
  document: CustomizationsDocument;
  /** From the document after the row was applied (template value when the CSV has no such column). */
  deviceName: string;
  enrollmentUpn: string;
  assignedUser: string;
}

/** Writes one setting value onto a document; the batch core works against this small seam. */
export interface BatchTemplateEditor {
  /** `path` is the column's setting path; returns the document (may change it in place). Throws on a bad value. */
  apply(doc: CustomizationsDocument, path: string, value: string): CustomizationsDocument;
}
