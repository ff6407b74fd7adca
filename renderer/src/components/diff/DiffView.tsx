import { Badge, Body1, Caption1, makeStyles, Subtitle2, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PackageDiffResult } from '../../../../shared/ipc/contract';
import { escapeControlCharacters as visible } from '../../../../shared/text/visible-text';
import { useBadgeRowStyles } from '../row-styles';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    overflowY: 'auto',
    minHeight: 0,
    flexGrow: 1,
  },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, margin: 0 },
  muted: { color: tokens.colorNeutralForeground3 },
  patch: {
    margin: 0,
    padding: tokens.spacingHorizontalS,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase100,
    lineHeight: tokens.lineHeightBase200,
    backgroundColor: tokens.colorNeutralBackground2,
    overflowX: 'auto',
    whiteSpace: 'pre',
  },
  added: { display: 'block', backgroundColor: tokens.colorPaletteGreenBackground2 },
  removed: { display: 'block', backgroundColor: tokens.colorPaletteRedBackground2 },
  context: { display: 'block', color: tokens.colorNeutralForeground2 },
  hunk: { display: 'block', color: tokens.colorBrandForeground1 },
});

type Change = 'added' | 'removed' | 'changed' | 'renumbered';
const BADGE_COLOR: Record<Change, 'success' | 'danger' | 'warning' | 'informative'> = {
  added: 'success',
  removed: 'danger',
  changed: 'warning',
  renumbered: 'informative',
};
const shortHash = (hash: string | null | undefined) => (hash ? hash.slice(0, 12) : '—');
const quoted = (value: string | undefined) => JSON.stringify(visible(value ?? ''));
type HeadingLevel = 'h3' | 'h4';

function ChangeBadge({ change }: { change: Change }) {
  const styles = useBadgeRowStyles();
  const { t } = useTranslation();
  return (
    <Badge appearance="tint" color={BADGE_COLOR[change]} size="small" className={styles.badge}>
      {t(`diff.change.${change}`)}
    </Badge>
  );
}

/** One row: what changed, the thing's path, and its values or hashes (`a → b`). */
function DiffRow({ change, path, detail }: { change: Change; path: string; detail: ReactNode }) {
  const styles = useBadgeRowStyles();
  return (
    <div className={styles.row} data-change={change}>
      <ChangeBadge change={change} />
      <span className={styles.path}>{path}</span>
      <span className={styles.value}>{detail}</span>
    </div>
  );
}

function DiffSection(props: { title: string; level: HeadingLevel; testId: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <section className={styles.section} data-testid={props.testId}>
      <Subtitle2 as={props.level}>{props.title}</Subtitle2>
      {props.children}
    </section>
  );
}

/** Each provxml's line diff (3 lines of context): removed lines red, added green. */
function ProvxmlPatches({ diff, level }: { diff: PackageDiffResult; level: HeadingLevel }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const lineClass = (line: string) =>
    line.startsWith('+') ? styles.added : line.startsWith('-') ? styles.removed : styles.context;
  return (
    <DiffSection
      title={t('diff.provxml', { count: diff.provxml.length })}
      level={level}
      testId="diff-provxml"
    >
      {diff.provxml.map((file) => (
        <div key={file.path} className={styles.section}>
          <DiffRow
            change={file.change}
            path={visible(file.path)}
            detail={<span className={styles.muted}>{`+${file.added} −${file.removed}`}</span>}
          />
          {/* Scrolls sideways on its own: focusable, so the keyboard can scroll it too. */}
          <pre className={styles.patch} tabIndex={0} aria-label={visible(file.path)}>
            {file.hunks.map((hunk) => (
              <span key={`${hunk.oldStart}-${hunk.newStart}`}>
                <span className={styles.hunk}>
                  {`@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`}
                </span>
                {hunk.lines.map((line, index) => (
                  <span key={index} className={lineClass(line)}>
                    {visible(line)}
                  </span>
                ))}
              </span>
            ))}
          </pre>
        </div>
      ))}
    </DiffSection>
  );
}

/** Properties, settings (a secret only as "changed"), assets and files by SHA-256. */
function DiffLists({ diff, level }: { diff: PackageDiffResult; level: HeadingLevel }) {
  const { t } = useTranslation();
  const settingDetail = (setting: PackageDiffResult['settings'][number]) =>
    setting.secret
      ? t('diff.secretChanged')
      : setting.change === 'changed'
        ? `${quoted(setting.a)} → ${quoted(setting.b)}`
        : quoted(setting.change === 'added' ? setting.b : setting.a);
  const hashes = (change: Change, a: string | null | undefined, b: string | null | undefined) =>
    change === 'changed' ? `${shortHash(a)} → ${shortHash(b)}` : shortHash(change === 'added' ? b : a);
  return (
    <>
      {diff.properties.length > 0 && (
        <DiffSection title={t('diff.properties')} level={level} testId="diff-properties">
          {diff.properties.map((property) => (
            <DiffRow
              key={property.name}
              change="changed"
              path={property.name}
              detail={`${quoted(property.a)} → ${quoted(property.b)}`}
            />
          ))}
        </DiffSection>
      )}
      {diff.settings.length > 0 && (
        <DiffSection
          title={t('diff.settings', { count: diff.settings.length })}
          level={level}
          testId="diff-settings"
        >
          {diff.settings.map((setting) => (
            <DiffRow
              key={setting.path}
              change={setting.change}
              path={visible(setting.path)}
              detail={settingDetail(setting)}
            />
          ))}
        </DiffSection>
      )}
      {diff.assets.length > 0 && (
        <DiffSection
          title={t('diff.assets', { count: diff.assets.length })}
          level={level}
          testId="diff-assets"
        >
          {diff.assets.map((asset) => (
            <DiffRow
              key={`${asset.settingPath}|${asset.fileName}`}
              change={asset.change}
              path={`${visible(asset.settingPath)} (${visible(asset.fileName)})`}
              detail={hashes(asset.change, asset.a, asset.b)}
            />
          ))}
        </DiffSection>
      )}
      {diff.files.length > 0 && (
        <DiffSection title={t('diff.files', { count: diff.files.length })} level={level} testId="diff-files">
          {diff.files.map((file) => (
            <DiffRow
              key={file.path}
              change={file.change}
              path={visible(file.path)}
              detail={
                file.change === 'renumbered'
                  ? t('diff.renumbered', { previous: visible(file.previousPath ?? '') })
                  : hashes(file.change, file.a?.sha256, file.b?.sha256)
              }
            />
          ))}
        </DiffSection>
      )}
    </>
  );
}

/**
 * A package diff (shared/diff/package-diff.ts): properties, settings, assets, files and the provxml line
 * diff. No secret value reaches it; names and values read from packages show control characters as escapes.
 */
export function DiffView({
  diff,
  label,
  headingLevel = 'h4',
}: {
  diff: PackageDiffResult;
  /** The scrolling region's accessible name. */
  label: string;
  /** The level under the heading around the view (sections must not skip a level). */
  headingLevel?: HeadingLevel;
}) {
  const styles = useStyles();
  const { t } = useTranslation();
  return (
    // Scrolls on its own: focusable, so keyboard users can scroll it too.
    <div className={styles.root} data-testid="package-diff" role="region" aria-label={label} tabIndex={0}>
      {diff.equal ? <Body1 data-testid="diff-equal">{t('diff.equal')}</Body1> : null}
      {diff.warnings.map((warning) => (
        <Caption1 key={warning} className={styles.muted}>
          {visible(warning)}
        </Caption1>
      ))}
      <DiffLists diff={diff} level={headingLevel} />
      {diff.provxml.length > 0 && <ProvxmlPatches diff={diff} level={headingLevel} />}
    </div>
  );
}
