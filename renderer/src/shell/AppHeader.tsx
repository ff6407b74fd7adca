import { Button, makeStyles, Text, tokens, Tooltip } from '@fluentui/react-components';
import { BoxFilled, DocumentTableRegular, HomeRegular, InfoRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { EditorSwitch } from '../components/EditorSwitch';
import { useAppDispatch, useAppState } from '../state/store';
import { LanguageMenu } from './LanguageMenu';
import type { ShellCommands } from './useShellCommands';

const useStyles = makeStyles({
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    height: '48px',
    paddingInline: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    flexShrink: 0,
    // At the minimum window width in Spanish the labels wrapped out of the 48 px bar; the project name shrinks instead.
    '& button': { whiteSpace: 'nowrap', flexShrink: 0 },
  },
  appName: { whiteSpace: 'nowrap', flexShrink: 0 },
  logo: {
    display: 'grid',
    placeItems: 'center',
    width: '28px',
    height: '28px',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
    fontSize: '18px',
  },
  titles: { display: 'flex', alignItems: 'baseline', gap: tokens.spacingHorizontalS, minWidth: 0 },
  project: {
    color: tokens.colorNeutralForeground3,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  spacer: { flexGrow: 1 },
});

export function AppHeader({ commands }: { commands: ShellCommands }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const { page, project, document } = useAppState();
  const dispatch = useAppDispatch();

  return (
    <header className={styles.header}>
      <span className={styles.logo} aria-hidden="true">
        <BoxFilled />
      </span>
      <div className={styles.titles}>
        <Text as="h1" weight="semibold" size={400} className={styles.appName}>
          {t('app.name')}
        </Text>
        {(page.kind === 'wizard' || page.kind === 'advanced' || page.kind === 'batch') && project ? (
          <Text className={styles.project} data-testid="project-name">
            {t('header.projectName', { name: project.name })}
          </Text>
        ) : (
          <Text className={styles.project}>{t('app.tagline')}</Text>
        )}
      </div>
      <div className={styles.spacer} />
      <EditorSwitch />
      {document && (page.kind === 'wizard' || page.kind === 'advanced' || page.kind === 'batch') && (
        <Tooltip content={t('batch.openHint')} relationship="description">
          <Button
            appearance={page.kind === 'batch' ? 'primary' : 'subtle'}
            icon={<DocumentTableRegular />}
            aria-pressed={page.kind === 'batch'}
            onClick={() => dispatch({ type: 'showPage', page: { kind: 'batch' } })}
            data-testid="show-batch"
          >
            {t('batch.open')}
          </Button>
        </Tooltip>
      )}
      {page.kind !== 'start' && (
        <Tooltip content={t('header.home')} relationship="label">
          <Button appearance="subtle" icon={<HomeRegular />} onClick={commands.goHome} />
        </Tooltip>
      )}
      <LanguageMenu />
      <Tooltip content={t('header.about')} relationship="label">
        <Button appearance="subtle" icon={<InfoRegular />} onClick={commands.showAbout} />
      </Tooltip>
    </header>
  );
}
