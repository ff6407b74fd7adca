import {
  Caption1,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Switch,
  Tab,
  TabList,
  tokens,
} from '@fluentui/react-components';
import { DocumentRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomizationsDocument } from '../../../shared/model/customizations-document';
import { packageFileSize } from '../../../shared/compiler/preview';
import { previewFileText, usePackagePreview } from './use-package-preview';
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
  fileList: {
    maxHeight: '38%',
    overflowY: 'auto',
    margin: 0,
    padding: `${tokens.spacingVerticalXS} 0`,
    listStyle: 'none',
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  fileButton: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    width: '100%',
    padding: `2px ${tokens.spacingHorizontalM}`,
    border: 'none',
    background: 'none',
    textAlign: 'left',
    cursor: 'pointer',
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground1,
    ':hover': { backgroundColor: tokens.colorNeutralBackground2Hover },
  },
  fileSelected: {
    backgroundColor: tokens.colorBrandBackground2,
    ':hover': { backgroundColor: tokens.colorBrandBackground2Hover },
  },
  fileIcon: { flexShrink: 0 },
  // Long provxml names are cut in the middle of the list, not wrapped; the full path is the tooltip.
  filePath: { flexGrow: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  fileSize: { flexShrink: 0, whiteSpace: 'nowrap', color: tokens.colorNeutralForeground3 },
  note: {
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    color: tokens.colorNeutralForeground3,
  },
  editor: { flexGrow: 1, minHeight: 0 },
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
  const [selectedFile, setSelectedFile] = useState<string | null>(null);
  const preview = usePackagePreview(doc, revealSecrets, certificateDer);
  const firstProvxml = preview.files.find(
    (file) => file.path.includes('/Prov/') && file.path.endsWith('.provxml'),
  );
  const shownFile =
    preview.files.find((file) => file.path === selectedFile) ?? firstProvxml ?? preview.files[0] ?? null;

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
            <ul
              className={styles.fileList}
              data-testid="package-files"
              aria-label={t('wizard.preview.filesLabel')}
            >
              {preview.files.map((file) => (
                <li key={file.path}>
                  <button
                    type="button"
                    className={`${styles.fileButton} ${file.path === shownFile?.path ? styles.fileSelected : ''}`}
                    aria-current={file.path === shownFile?.path}
                    onClick={() => setSelectedFile(file.path)}
                  >
                    <DocumentRegular aria-hidden="true" className={styles.fileIcon} />
                    <span className={styles.filePath} title={file.path}>
                      {file.path}
                    </span>
                    <span className={styles.fileSize}>
                      {t('wizard.preview.bytes', { size: packageFileSize(file) })}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
            {preview.placeholderAssets.length > 0 ? (
              <Caption1 className={styles.note} data-testid="placeholder-note">
                {t('wizard.preview.placeholderAssets', { count: preview.placeholderAssets.length })}
              </Caption1>
            ) : null}
            <div className={styles.editor}>
              <XmlPreview
                testId="package-file-preview"
                xml={shownFile ? (previewFileText(shownFile) ?? t('wizard.preview.binaryFile')) : ''}
                title={shownFile?.path.split('/').pop() ?? t('wizard.preview.packageTab')}
                subtitle={t('wizard.preview.packageSubtitle')}
              />
            </div>
          </>
        )}
      </div>
    </div>
  );
}
