import { isSecretSetting } from '../catalog';
import type { CustomizationsDocument } from '../model/customizations-document';
import { getSetting, listItemKeys, parseSettingPath, SettingPathError } from '../model/settings-edit';
import { cloneSettingNode } from '../model/settings-tree';
import { SECRET_NAME, SecretValues } from '../redaction';
import { formatFinding, validateDocument } from '../validation';
import { validateColumnMapping } from './mapping';
import { checkPackageFileName, normalisePackageName } from './package-name';
import { catalogTemplateEditor, classifySettingPath } from './template-editor';
import type {
  BatchRowError,
  BatchRowWarning,
  BatchTable,
  BatchTemplateEditor,
  ColumnMapping,
  MappingIssue,
  PreparedRow,
} from './types';

/**
 * A per-row document check (e.g. the validation engine); `path` ties a finding to a column. A finding
 * without a severity is an error.
 */
export type BatchRowValidator = (
  doc: CustomizationsDocument,
) => Array<{ path: string; message: string; severity?: 'error' | 'warning' }>;

/** The project validation rules (shared/validation): errors reject the row, warnings are reported with it. */
export const validationErrorsOfRow: BatchRowValidator = (doc) =>
  validateDocument(doc).map((finding) => ({
    path: finding.path,
    message: formatFinding(finding, 'en'),
    severity: finding.severity === 'error' ? 'error' : 'warning',
  }));

/**
 * AssignedUser goes to the MDM console as the device's user: a UPN / e-mail address (local@domain.tld),
 * checked loosely — one @, no spaces or control characters, a dot in the domain.
 */
const USER_PRINCIPAL_NAME =
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must be refused
  /^[^\s@\u0000-\u001F\u007F]+@[^\s@\u0000-\u001F\u007F]+\.[^\s@\u0000-\u001F\u007F.]+$/;

export interface PrepareBatchOptions {
  /** How a value is written onto the template copy; defaults to the catalog editor. */
  editor?: BatchTemplateEditor;
  /** Checks each row's finished document; defaults to validationErrorsOfRow. */
  validateRow?: BatchRowValidator;
}

export interface PreparedBatch {
  /** When not empty, nothing else was done: the mapping must be fixed first. */
  mappingIssues: MappingIssue[];
  rows: PreparedRow[];
  errors: BatchRowError[];
  /** Validation warnings of the rows that will be built (what `build` would print for each). */
  warnings: BatchRowWarning[];
}

/** A deep copy, so one row's edits never reach the template or another row. */
export function cloneDocument(doc: CustomizationsDocument): CustomizationsDocument {
  const copy: CustomizationsDocument = {
    packageConfig: { ...doc.packageConfig },
    common: doc.common.map(cloneSettingNode),
    multivariant: doc.multivariant.map(cloneSettingNode),
  };
  if (doc.formatting) {
    copy.formatting = {
      ...doc.formatting,
      packageConfigOrder: [...doc.formatting.packageConfigOrder],
      packageConfigExtras: doc.formatting.packageConfigExtras.map(cloneSettingNode),
    };
  }
  return copy;
}

const manifestPathOf = (path: string): string =>
  parseSettingPath(path)
    .map((segment) => segment.name)
    .join('/');

interface SettingColumnPlan {
  index: number;
  column: string;
  path: string;
  isKey: boolean;
  secret: boolean;
  /** Outer items are renamed before inner ones, and keys before values that address items by them. */
  depth: number;
}

function planSettingColumns(mapping: ColumnMapping): SettingColumnPlan[] {
  const plans: SettingColumnPlan[] = [];
  mapping.forEach(({ column, target }, index) => {
    if (target.kind !== 'setting') return;
    const classified = classifySettingPath(target.path);
    const isKey = classified.kind === 'key';
    const path = classified.kind === 'key' ? classified.itemPath : target.path;
    plans.push({
      index,
      column,
      path: target.path,
      isKey,
      secret:
        !isKey &&
        (isSecretSetting(manifestPathOf(target.path)) ||
          SECRET_NAME.test(parseSettingPath(target.path).at(-1)?.name ?? '')),
      depth: parseSettingPath(path).length,
    });
  });
  return plans.sort((a, b) => Number(b.isKey) - Number(a.isKey) || a.depth - b.depth || a.index - b.index);
}

const where = (rowNumber: number, column?: string): string =>
  column === undefined ? `row ${rowNumber}` : `row ${rowNumber}, column "${column}"`;

/**
 * Applies every row onto its own copy of the template. Rows with a problem become errors naming the row
 * (header = row 1) and the column; the other rows are returned ready to build. Blank rows are skipped.
 * An empty cell keeps the template's value, except PackageName and key columns, which every row needs.
 */
export function prepareBatch(
  template: CustomizationsDocument,
  table: BatchTable,
  mapping: ColumnMapping,
  options: PrepareBatchOptions = {},
): PreparedBatch {
  const mappingIssues = validateColumnMapping(mapping);
  if (mappingIssues.length > 0) return { mappingIssues, rows: [], errors: [], warnings: [] };
  const editor = options.editor ?? catalogTemplateEditor;
  const validateRow = options.validateRow ?? validationErrorsOfRow;
  const settingColumns = planSettingColumns(mapping);
  const packageNameIndex = mapping.findIndex(({ target }) => target.kind === 'package-name');
  const packageNameColumn = mapping[packageNameIndex]?.column ?? 'PackageName';
  const assignedUserIndex = mapping.findIndex(({ target }) => target.kind === 'assigned-user');

  const rows: PreparedRow[] = [];
  const errors: BatchRowError[] = [];
  const warnings: BatchRowWarning[] = [];
  const firstRowWithName = new Map<string, number>();

  for (const { rowNumber, cells } of table.rows) {
    if (cells.length === 0) continue;
    const rowErrors: BatchRowError[] = [];
    // Every message about this row passes through its secrets (the one redaction point, shared/redaction.ts).
    const rowSecrets = new SecretValues();
    for (const plan of settingColumns) if (plan.secret) rowSecrets.add(cells[plan.index]);
    const fail = (code: BatchRowError['code'], column: string | undefined, detail: string) =>
      rowErrors.push({
        rowNumber,
        column,
        code,
        message: rowSecrets.redact(`${where(rowNumber, column)}: ${detail}`),
      });

    const packageName = normalisePackageName(cells[packageNameIndex] ?? '');
    const nameProblem = checkPackageFileName(packageName);
    if (packageName === '') fail('package-name-missing', packageNameColumn, 'PackageName is empty');
    else if (nameProblem)
      fail('package-name-unsafe', packageNameColumn, `PackageName "${packageName}" ${nameProblem}`);
    else {
      // Case-insensitive: Windows and macOS file systems would make the two files one.
      const folded = packageName.toLowerCase();
      const first = firstRowWithName.get(folded);
      if (first !== undefined) {
        fail(
          'package-name-duplicate',
          packageNameColumn,
          `PackageName "${packageName}" is already used by row ${first}`,
        );
      } else {
        firstRowWithName.set(folded, rowNumber);
      }
    }

    let document = cloneDocument(template);
    document.packageConfig.name = packageName;
    for (const plan of settingColumns) {
      const raw = cells[plan.index] ?? '';
      const value = plan.secret ? raw : raw.trim();
      if (raw.trim() === '') {
        if (plan.isKey) fail('key-missing', plan.column, 'the key must not be empty');
        continue;
      }
      try {
        document = editor.apply(document, plan.path, value);
      } catch (error) {
        // `fail` redacts: a secret never reaches a message, whatever the editor put in its error.
        fail(
          'bad-value',
          plan.column,
          error instanceof SettingPathError ? error.detail : (error as Error).message,
        );
      }
    }

    const assignedUser = assignedUserIndex >= 0 ? (cells[assignedUserIndex] ?? '').trim() : '';
    if (assignedUser !== '' && !USER_PRINCIPAL_NAME.test(assignedUser))
      fail(
        'assigned-user-invalid',
        mapping[assignedUserIndex]?.column,
        'AssignedUser must be a user principal name or e-mail address (name@domain.com)',
      );

    const rowWarnings: BatchRowWarning[] = [];
    if (rowErrors.length === 0) {
      for (const finding of validateRow(document)) {
        const column = settingColumns.find(
          (plan) => manifestPathOf(plan.path) === manifestPathOf(finding.path),
        )?.column;
        if (finding.severity === 'warning') {
          rowWarnings.push({
            rowNumber,
            ...(column !== undefined ? { column } : {}),
            message: rowSecrets.redact(`${where(rowNumber, column)}: ${finding.path}: ${finding.message}`),
          });
        } else {
          fail('invalid-setting', column, `${finding.path}: ${finding.message}`);
        }
      }
    }

    if (rowErrors.length > 0) {
      errors.push(...rowErrors);
      continue;
    }
    warnings.push(...rowWarnings);
    rows.push({
      rowNumber,
      packageName,
      fileName: `${packageName}.ppkg`,
      document,
      deviceName:
        getSetting(document, 'DevDetail/DNSComputerName') ??
        getSetting(document, 'Accounts/ComputerAccount/ComputerName') ??
        '',
      enrollmentUpn: listItemKeys(document, 'Workplace/Enrollments')[0] ?? '',
      assignedUser,
    });
  }
  return { mappingIssues, rows, errors, warnings };
}
