import {
  Badge,
  Body1,
  Button,
  Caption1,
  Card,
  Dropdown,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  Radio,
  RadioGroup,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Title2,
  tokens,
} from '@fluentui/react-components';
import {
  ArrowLeftRegular,
  DocumentTableRegular,
  FolderOpenRegular,
  PlayRegular,
  StopRegular,
} from '@fluentui/react-icons';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnMapping, ColumnTarget, RowErrorCode } from '../../../../shared/batch/types';
import type { BatchProgressPayload, IpcResult } from '../../../../shared/ipc/contract';
import { OperationProgress } from '../../components/OperationProgress';
import { useIpcEvent } from '../../hooks/use-ipc-event';
import type { CustomizationsDocument } from '../../../../shared/model/customizations-document';
import { useAppDispatch } from '../../state/store';

type Preparation = IpcResult<'batch:prepare'>;
type Outcome = IpcResult<'batch:start'>;
type Progress = BatchProgressPayload;
type OutputKind = 'folder' | 'zip';

type RunState =
  | { kind: 'idle' }
  | { kind: 'running'; progress: Progress | null }
  | { kind: 'done'; outcome: Outcome }
  | { kind: 'failed'; message: string };

const targetKinds: ColumnTarget['kind'][] = ['package-name', 'assigned-user', 'setting', 'ignore'];

const useStyles = makeStyles({
  page: { height: '100%', overflowY: 'auto' },
  content: {
    maxWidth: '1120px',
    marginInline: 'auto',
    padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalXXL}`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
  },
  heading: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  headingRow: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
  },
  dropdown: { minWidth: 0, width: '100%' },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  muted: { color: tokens.colorNeutralForeground3 },
  warningList: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingInlineStart: tokens.spacingHorizontalL },
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  pathInput: { width: '100%' },
  targetCell: { width: '190px' },
  sampleCell: { width: '200px', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  mono: { fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all' },
});

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

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

/** Bulk enrollment: the current project is the template, one package per CSV row (issue #7). */
export function BatchPage({ document }: { document: CustomizationsDocument }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const [csv, setCsv] = useState<{ path: string; name: string } | null>(null);
  const [preparation, setPreparation] = useState<Preparation | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>([]);
  const [outputKind, setOutputKind] = useState<OutputKind>('folder');
  const [output, setOutput] = useState<{ path: string; kind: OutputKind } | null>(null);
  const [run, setRun] = useState<RunState>({ kind: 'idle' });
  const [error, setError] = useState<string | null>(null);

  const prepare = useCallback(
    async (csvPath: string, nextMapping: ColumnMapping | null) => {
      try {
        const result = await window.ppkg.batch.prepare({ csvPath, template: document, mapping: nextMapping });
        setPreparation(result);
        setMapping(result.mapping);
        setError(null);
      } catch (failure) {
        setError(messageOf(failure));
      }
    },
    [document],
  );

  const pickCsv = async () => {
    const picked = await window.ppkg.batch.pickCsv();
    if (!picked) return;
    setCsv(picked);
    setRun({ kind: 'idle' });
    await prepare(picked.path, null);
  };

  const changeTarget = (index: number, target: ColumnTarget, reprepare: boolean) => {
    const next = mapping.map((entry, at) => (at === index ? { ...entry, target } : entry));
    setMapping(next);
    if (reprepare && csv) void prepare(csv.path, next);
  };

  const pickOutput = async () => {
    const picked = await window.ppkg.batch.pickOutput({ kind: outputKind });
    if (picked) setOutput({ path: picked.path, kind: outputKind });
  };

  // Main pushes the batch's progress as events while batch:start runs.
  useIpcEvent('batch:progress', (progress) =>
    setRun((state) => (state.kind === 'running' ? { kind: 'running', progress } : state)),
  );

  const start = async () => {
    if (!csv || !output) return;
    setRun({ kind: 'running', progress: null });
    try {
      const outcome = await window.ppkg.batch.start({
        csvPath: csv.path,
        template: document,
        mapping,
        output,
      });
      setRun({ kind: 'done', outcome });
    } catch (failure) {
      setRun({ kind: 'failed', message: messageOf(failure) });
    }
  };

  const targetLabel = (kind: ColumnTarget['kind']) => t(`batch.target.${kind}`);
  const running = run.kind === 'running';
  const canStart =
    !!preparation &&
    preparation.mappingIssues.length === 0 &&
    preparation.readyCount > 0 &&
    !!output &&
    !running;

  return (
    <div className={styles.page} data-testid="batch-page">
      <div className={styles.content}>
        <div className={styles.heading}>
          <div className={styles.headingRow}>
            <Title2 as="h2">{t('batch.title')}</Title2>
            <Button
              icon={<ArrowLeftRegular />}
              disabled={running}
              onClick={() => dispatch({ type: 'showPage', page: { kind: 'wizard' } })}
              data-testid="batch-back"
            >
              {t('batch.back')}
            </Button>
          </div>
          <Body1 className={styles.muted}>{t('batch.intro', { name: document.packageConfig.name })}</Body1>
        </div>

        <Card className={styles.card}>
          <Subtitle2 as="h3">{t('batch.csvHeading')}</Subtitle2>
          <div className={styles.row}>
            <Button
              icon={<DocumentTableRegular />}
              onClick={() => void pickCsv()}
              disabled={running}
              data-testid="batch-pick-csv"
            >
              {t('batch.pickCsv')}
            </Button>
            {csv && <Text data-testid="batch-csv-name">{csv.name}</Text>}
          </div>
          {preparation && (
            <Text data-testid="batch-counts">
              {t('batch.counts', {
                rows: preparation.rowCount,
                ready: preparation.readyCount,
                failed: preparation.rowErrors.length,
              })}
            </Text>
          )}
          {error && (
            <MessageBar intent="error">
              <MessageBarBody>{error}</MessageBarBody>
            </MessageBar>
          )}
        </Card>

        {preparation && (
          <Card className={styles.card}>
            <Subtitle2 as="h3">{t('batch.mappingHeading')}</Subtitle2>
            <Caption1 className={styles.muted}>{t('batch.mappingHelp')}</Caption1>
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
                {mapping.map((entry, index) => (
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
                        disabled={running}
                        onOptionSelect={(_, data) => {
                          const kind = data.optionValue as ColumnTarget['kind'];
                          changeTarget(
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
                          disabled={running}
                          onChange={(_, data) =>
                            changeTarget(index, { kind: 'setting', path: data.value }, false)
                          }
                          onBlur={() => csv && void prepare(csv.path, mapping)}
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
            {preparation.mappingIssues.map((issue) => (
              <MessageBar
                key={`${issue.column}:${issue.message}`}
                intent="error"
                data-testid="batch-mapping-issue"
              >
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
        )}

        {preparation && (
          <Card className={styles.card}>
            <Subtitle2 as="h3">{t('batch.outputHeading')}</Subtitle2>
            <RadioGroup
              layout="horizontal"
              value={outputKind}
              disabled={running}
              onChange={(_, data) => {
                setOutputKind(data.value as OutputKind);
                setOutput(null);
              }}
            >
              <Radio value="folder" label={t('batch.outputFolder')} data-testid="batch-output-folder" />
              <Radio value="zip" label={t('batch.outputZip')} data-testid="batch-output-zip" />
            </RadioGroup>
            <div className={styles.row}>
              <Button
                icon={<FolderOpenRegular />}
                onClick={() => void pickOutput()}
                disabled={running}
                data-testid="batch-pick-output"
              >
                {t('batch.pickOutput')}
              </Button>
              {output && <Text className={styles.mono}>{output.path}</Text>}
            </div>
            <div className={styles.row}>
              <Button
                appearance="primary"
                icon={<PlayRegular />}
                disabled={!canStart}
                onClick={() => void start()}
                data-testid="batch-start"
              >
                {t('batch.start', { count: preparation.readyCount })}
              </Button>
              {running && (
                <Button
                  icon={<StopRegular />}
                  onClick={() => void window.ppkg.batch.cancel()}
                  data-testid="batch-cancel"
                >
                  {t('batch.cancel')}
                </Button>
              )}
            </div>
            {run.kind === 'running' && <BatchRunProgress progress={run.progress} />}
            {run.kind === 'failed' && (
              <MessageBar intent="error">
                <MessageBarBody>{run.message}</MessageBarBody>
              </MessageBar>
            )}
          </Card>
        )}

        {run.kind === 'done' && <BatchResult outcome={run.outcome} />}
      </div>
    </div>
  );
}

/**
 * Rows done plus the byte progress of the package being written, so one large package still moves the bar.
 * The estimate comes from main's clock (elapsedMs) and the overall fraction.
 */
function BatchRunProgress({ progress }: { progress: Progress | null }) {
  const { t } = useTranslation();
  if (!progress || progress.total === 0)
    return (
      <OperationProgress
        label={t('batch.starting')}
        fraction={null}
        currentFile={null}
        elapsedMs={0}
        testId="batch-progress"
      />
    );
  const write = progress.write;
  const rowFraction = write && write.bytesTotal > 0 ? write.bytesDone / write.bytesTotal : 0;
  const fraction = Math.min(1, (progress.done + (progress.current ? rowFraction : 0)) / progress.total);
  return (
    <OperationProgress
      label={t('batch.progress', {
        done: progress.done,
        total: progress.total,
        name: progress.current?.packageName ?? '',
      })}
      fraction={fraction}
      currentFile={write?.currentFile ?? null}
      elapsedMs={progress.elapsedMs}
      testId="batch-progress"
    />
  );
}

function RowErrorTable({ errors, testId }: { errors: Outcome['errors']; testId: string }) {
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

function BatchResult({ outcome }: { outcome: Outcome }) {
  const styles = useStyles();
  const { t } = useTranslation();
  return (
    <Card className={styles.card} data-testid="batch-result">
      <div className={styles.row}>
        <Subtitle2 as="h3">{t('batch.resultHeading')}</Subtitle2>
        {outcome.cancelled && <Badge color="warning">{t('batch.cancelled')}</Badge>}
      </div>
      {outcome.mappingIssues.map((issue) => (
        <MessageBar key={`${issue.column}:${issue.message}`} intent="error">
          <MessageBarBody>{issue.message}</MessageBarBody>
        </MessageBar>
      ))}
      <Text data-testid="batch-built">{t('batch.built', { count: outcome.built.length })}</Text>
      {outcome.outputPath && (
        <Text>
          {t('batch.outputPath')}{' '}
          <span className={styles.mono} data-testid="batch-output-path">
            {outcome.outputPath}
          </span>
        </Text>
      )}
      {outcome.manifestPath && (
        <Text>
          {t('batch.manifestPath')}{' '}
          <span className={styles.mono} data-testid="batch-manifest-path">
            {outcome.manifestPath}
          </span>
        </Text>
      )}
      {outcome.errors.length > 0 && (
        <>
          <Text weight="semibold">{t('batch.failedRows', { count: outcome.errors.length })}</Text>
          <RowErrorTable errors={outcome.errors} testId="batch-failed-rows" />
        </>
      )}
    </Card>
  );
}
