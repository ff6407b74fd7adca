import {
  makeStyles,
  MessageBar,
  MessageBarBody,
  Switch,
  Tab,
  TabList,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomizationsDocument } from '../../../shared/model/customizations-document';
import { DiffView } from '../components/diff/DiffView';
import { LastBuildBar } from './LastBuildBar';
import { PackageFiles } from './PackageFiles';
import { useLastBuildDiff } from './use-last-build-diff';
import { usePackagePreview } from './use-package-preview';
import { XmlPreview } from './XmlPreview';

const useStyles = makeStyles({
  pane: { display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 },
  bar: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  body: { flexGrow: 1, minHeight: 0, display: 'flex', flexDirection: 'column' },
});

/** The preview pane: customizations.xml and the compiled package tree, secrets masked unless revealed. */
export function WizardPreview({
  doc,
  revealSecrets,
  onRevealSecretsChange,
  certificateDer,
}: {
  doc: CustomizationsDocument;
  revealSecrets: boolean;
  onRevealSecretsChange: (reveal: boolean) => void;
  certificateDer: Readonly<Record<string, string>>;
}) {
  const styles = useStyles();
  const { t } = useTranslation();
  const [tab, setTab] = useState<'xml' | 'package'>('xml');
  const preview = usePackagePreview(doc, revealSecrets, certificateDer);
  const lastBuild = useLastBuildDiff(doc, tab === 'package');
  const [showChanges, setShowChanges] = useState(false);
  const changes =
    showChanges && lastBuild.status === 'compared' && !lastBuild.diff.equal ? lastBuild.diff : null;

  return (
    <div className={styles.pane}>
      <div className={styles.bar}>
        <TabList
          size="small"
          selectedValue={tab}
          onTabSelect={(_event, data) => setTab(data.value as 'xml' | 'package')}
          aria-label={t('wizard.preview.tabsLabel')}
        >
          <Tab value="xml">{t('wizard.preview.xmlTab')}</Tab>
          <Tab value="package">{t('wizard.preview.packageTab')}</Tab>
        </TabList>
        <Switch
          label={t('wizard.preview.revealSecrets')}
          checked={revealSecrets}
          onChange={(_event, data) => onRevealSecretsChange(data.checked)}
        />
      </div>
      <div className={styles.body}>
        {tab === 'xml' ? (
          <XmlPreview xml={preview.xml} />
        ) : (
          <>
            {preview.compileError ? (
              <MessageBar intent="warning">
                <MessageBarBody>
                  {t('wizard.preview.compileError', {
                    path: preview.compileError.settingPath,
                    detail: preview.compileError.detail,
                  })}
                </MessageBarBody>
              </MessageBar>
            ) : null}
            <LastBuildBar state={lastBuild} showChanges={changes !== null} onShowChanges={setShowChanges} />
            {changes ? (
              <DiffView diff={changes} headingLevel="h3" label={t('wizard.preview.lastBuild.changesLabel')} />
            ) : (
              <PackageFiles files={preview.files} placeholderAssets={preview.placeholderAssets.length} />
            )}
          </>
        )}
      </div>
    </div>
  );
}
