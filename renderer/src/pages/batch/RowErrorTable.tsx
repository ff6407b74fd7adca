import {
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { RowErrorCode } from '../../../../shared/batch/types';
import type { Outcome } from './use-batch';

/** Codes whose whole meaning fits a translated sentence; the others carry English detail from the core. */
const TRANSLATED_ROW_ERRORS = [
  'package-name-missing',
  'package-name-unsafe',
  'package-name-duplicate',
  'key-missing',
  'assigned-user-invalid',
] as const satisfies readonly RowErrorCode[];

type TranslatedRowError = (typeof TRANSLATED_ROW_ERRORS)[number];

const isTranslatedRowError = (code: string): code is TranslatedRowError =>
  (TRANSLATED_ROW_ERRORS as readonly string[]).includes(code);

function rowErrorReason(
  error: { code: string; message: string },
  t: ReturnType<typeof useTranslation>['t'],
): string {
  return isTranslatedRowError(error.code) ? t(`batch.rowError.${error.code}`) : error.message;
}

/** Rows refused while preparing, or whose build failed: row number, column and reason. */
export function RowErrorTable({ errors, testId }: { errors: Outcome['errors']; testId: string }) {
  const { t } = useTranslation();
  return (
    <Table size="extra-small" aria-label={t('batch.rowErrorsLabel')} data-testid={testId}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell style={{ width: '64px' }}>{t('batch.row')}</TableHeaderCell>
          <TableHeaderCell style={{ width: '280px' }}>{t('batch.column')}</TableHeaderCell>
          <TableHeaderCell>{t('batch.reason')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {errors.map((rowError) => (
          <TableRow
            key={`${rowError.rowNumber}:${rowError.column ?? ''}:${rowError.code}`}
            data-row={rowError.rowNumber}
          >
            <TableCell>{rowError.rowNumber}</TableCell>
            <TableCell>{rowError.column ?? '—'}</TableCell>
            <TableCell>{rowErrorReason(rowError, t)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
