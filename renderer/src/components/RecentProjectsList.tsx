import { Button, Caption1, Card, makeStyles, Text, tokens } from '@fluentui/react-components';
import { DocumentRegular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecentProject } from '../../../shared/ipc/contract';
import { useProjectActions } from '../pages/project-actions';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  item: { justifyContent: 'flex-start', textAlign: 'start' },
  text: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  empty: { padding: tokens.spacingVerticalXL, textAlign: 'center', color: tokens.colorNeutralForeground3 },
});

/** The start page's recent projects (kept by main, with their grants); one click reopens a project. */
export function RecentProjectsList() {
  const styles = useStyles();
  const { t } = useTranslation();
  const { openProject } = useProjectActions();
  const [recent, setRecent] = useState<RecentProject[] | null>(null);
  useEffect(() => {
    let current = true;
    window.ppkg.project.recent().then(
      (list) => current && setRecent(list),
      () => current && setRecent([]),
    );
    return () => {
      current = false;
    };
  }, []);
  if (recent === null) return null;
  if (recent.length === 0) {
    return (
      <Card appearance="outline">
        <Text className={styles.empty}>{t('start.recentEmpty')}</Text>
      </Card>
    );
  }
  return (
    <Card appearance="outline" className={styles.list} data-testid="recent-projects">
      {recent.map((project) => (
        <Button
          key={project.path}
          appearance="subtle"
          className={styles.item}
          icon={<DocumentRegular />}
          onClick={() => void openProject(project.path)}
        >
          <span className={styles.text}>
            <Text weight="semibold">{project.name}</Text>
            <Caption1>{project.path}</Caption1>
          </span>
        </Button>
      ))}
    </Card>
  );
}
