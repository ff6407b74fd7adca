import {
  Caption1,
  Card,
  Dropdown,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { ColumnTarget } from '../../../../shared/batch/types';
import { useBatchStyles } from './batch-styles';
import { RowErrorTable } from './RowErrorTable';
import type { BatchState, Preparation } from './use-batch';

const targetKinds: ColumnTarget['kind'][] = ['package-name', 'assigned-user', 'setting', 'ignore'];

/** 2. What each column feeds, then the mapping's problems, the rows refused and the rows' warnings. */
export function MappingSection({ batch, preparation }: { batch: BatchState; preparation: Preparation }) {
  const styles = useBatchStyles();
  const { t } = useTranslation();
  return (
    <Card className={styles.card}>
      <Subtitle2 as="h3">{t('batch.mappingHeading')}</Subtitle2>
      <Caption1 className={styles.muted}>{t('batch.mappingHelp')}</Caption1>
      <MappingTable batch={batch} preparation={preparation} />
      {preparation.mappingIssues.map((issue) => (
        <MessageBar key={`${issue.column}:${issue.message}`} intent="error" data-testid="batch-mapping-issue">
          <MessageBarBody>{issue.message}</MessageBarBody>
        </MessageBar>
      ))}
      {preparation.rowErrors.length > 0 && (
        <>
          <Subtitle2 as="h3">
            {t('batch.rowErrorsHeading', { count: preparation.rowErrors.length })}
          </Subtitle2>
          <RowErrorTable errors={preparation.rowErrors} testId="batch-row-errors" />
        </>
      )}
      {preparation.rowWarnings.length > 0 && (
        <MessageBar intent="warning" layout="multiline" data-testid="batch-row-warnings">
          <MessageBarBody>
            <MessageBarTitle>
              {t('batch.rowWarningsHeading', { count: preparation.rowWarnings.length })}
            </MessageBarTitle>
            <ul className={styles.warningList}>
              {preparation.rowWarnings.map((warning, index) => (
                <li key={index} data-row={warning.rowNumber}>
                  {warning.message}
                </li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
    </Card>
  );
}

/** One row per CSV column: its use (package name, assigned user, setting, ignored), its setting path, a sample. */
function MappingTable({ batch, preparation }: { batch: BatchState; preparation: Preparation }) {
  const styles = useBatchStyles();
  const { t } = useTranslation();
  const targetLabel = (kind: ColumnTarget['kind']) => t(`batch.target.${kind}`);
  return (
    <Table size="small" aria-label={t('batch.mappingHeading')} data-testid="batch-mapping">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{t('batch.column')}</TableHeaderCell>
          <TableHeaderCell className={styles.targetCell}>{t('batch.target.label')}</TableHeaderCell>
          <TableHeaderCell>{t('batch.settingPath')}</TableHeaderCell>
          <TableHeaderCell className={styles.sampleCell}>{t('batch.sample')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {batch.mapping.map((entry, index) => (
          <TableRow key={`${index}:${entry.column}`} data-column={entry.column}>
            <TableCell>
              <Text className={styles.mono}>{entry.column}</Text>
            </TableCell>
            <TableCell className={styles.targetCell}>
              <Dropdown
                className={styles.dropdown}
                aria-label={t('batch.targetFor', { column: entry.column })}
                value={targetLabel(entry.target.kind)}
                selectedOptions={[entry.target.kind]}
                disabled={batch.running}
                onOptionSelect={(_, data) => {
                  const kind = data.optionValue as ColumnTarget['kind'];
                  batch.changeTarget(
                    index,
                    kind === 'setting' ? { kind, path: entry.column } : ({ kind } as ColumnTarget),
                    true,
                  );
                }}
              >
                {targetKinds.map((kind) => (
                  <Option key={kind} value={kind}>
                    {targetLabel(kind)}
                  </Option>
                ))}
              </Dropdown>
            </TableCell>
            <TableCell>
              {entry.target.kind === 'setting' && (
                <Input
                  className={styles.pathInput}
                  aria-label={t('batch.settingPathFor', { column: entry.column })}
                  value={entry.target.path}
                  disabled={batch.running}
                  onChange={(_, data) =>
                    batch.changeTarget(index, { kind: 'setting', path: data.value }, false)
                  }
                  onBlur={batch.reprepare}
                />
              )}
            </TableCell>
            <TableCell className={styles.sampleCell}>
              <Text className={styles.muted}>{preparation.preview[0]?.[index] ?? ''}</Text>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
