import {
  Body1,
  Caption1,
  Card,
  CardHeader,
  makeStyles,
  Subtitle2,
  Title1,
  tokens,
} from '@fluentui/react-components';
import {
  BoxSearchRegular,
  DocumentAddRegular,
  FolderOpenRegular,
  HistoryRegular,
} from '@fluentui/react-icons';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { RecentProjectsList } from '../components/RecentProjectsList';
import type { ShellCommands } from '../shell/useShellCommands';

const useStyles = makeStyles({
  page: {
    height: '100%',
    overflowY: 'auto',
    backgroundColor: tokens.colorNeutralBackground2,
  },
  content: {
    maxWidth: '960px',
    marginInline: 'auto',
    padding: `${tokens.spacingVerticalXXXL} ${tokens.spacingHorizontalXXL}`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXL,
  },
  intro: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  subtitle: { color: tokens.colorNeutralForeground2, maxWidth: '760px' },
  actions: {
    display: 'grid',
    gridTemplateColumns: 'repeat(3, minmax(0, 1fr))',
    gap: tokens.spacingHorizontalL,
  },
  actionCard: { minHeight: '88px', justifyContent: 'center' },
  actionIcon: {
    display: 'grid',
    placeItems: 'center',
    width: '40px',
    height: '40px',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorBrandBackground2,
    color: tokens.colorBrandForeground1,
    fontSize: '24px',
  },
  recent: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  recentHeading: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  recentEmpty: {
    padding: tokens.spacingVerticalXL,
    textAlign: 'center',
    color: tokens.colorNeutralForeground3,
  },
});

interface StartAction {
  id: string;
  icon: ReactElement;
  title: string;
  description: string;
  run: () => void;
}

export function StartPage({ commands }: { commands: ShellCommands }) {
  const styles = useStyles();
  const { t } = useTranslation();

  const actions: StartAction[] = [
    {
      id: 'new-project',
      icon: <DocumentAddRegular />,
      title: t('start.newProject'),
      description: t('start.newProjectDescription'),
      run: commands.newProject,
    },
    {
      id: 'open-project',
      icon: <FolderOpenRegular />,
      title: t('start.openProject'),
      description: t('start.openProjectDescription'),
      run: () => void commands.openProject(),
    },
    {
      id: 'open-package',
      icon: <BoxSearchRegular />,
      title: t('start.openPackage'),
      description: t('start.openPackageDescription'),
      run: () => void commands.openPackage(),
    },
  ];

  return (
    <div className={styles.page} data-testid="start-page">
      <div className={styles.content}>
        <div className={styles.intro}>
          <Title1 as="h2">{t('start.title')}</Title1>
          <Body1 className={styles.subtitle}>{t('start.subtitle')}</Body1>
        </div>
        <div className={styles.actions}>
          {actions.map((action) => (
            <Card
              key={action.id}
              className={styles.actionCard}
              onClick={action.run}
              data-testid={`start-${action.id}`}
              focusMode="off"
              role="button"
              tabIndex={0}
              onKeyDown={(event) => {
                if (event.key === 'Enter' || event.key === ' ') {
                  event.preventDefault();
                  action.run();
                }
              }}
            >
              <CardHeader
                image={<span className={styles.actionIcon}>{action.icon}</span>}
                header={<Subtitle2>{action.title}</Subtitle2>}
                description={<Caption1>{action.description}</Caption1>}
              />
            </Card>
          ))}
        </div>
        <section className={styles.recent} aria-labelledby="recent-heading">
          <div className={styles.recentHeading}>
            <HistoryRegular aria-hidden="true" />
            <Subtitle2 as="h3" id="recent-heading">
              {t('start.recentTitle')}
            </Subtitle2>
          </div>
          <RecentProjectsList />
        </section>
      </div>
    </div>
  );
}
