import { Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { DocumentRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PackageTextFile } from '../../../shared/compiler/compile';
import { packageFileSize } from '../../../shared/compiler/preview';
import { previewFileText } from './use-package-preview';
import { XmlPreview } from './XmlPreview';

const useStyles = makeStyles({
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

/** The compiled package's files (the first provxml shown first) and the selected one's text. */
export function PackageFiles({
  files,
  placeholderAssets,
}: {
  files: PackageTextFile[];
  placeholderAssets: number;
}) {
  const styles = useStyles();
  const { t } = useTranslation();
  const [selectedFile, setSelectedFile] = useState<string | null>(null);
  const firstProvxml = files.find((file) => file.path.includes('/Prov/') && file.path.endsWith('.provxml'));
  const shownFile = files.find((file) => file.path === selectedFile) ?? firstProvxml ?? files[0] ?? null;
  return (
    <>
      <ul className={styles.fileList} data-testid="package-files" aria-label={t('wizard.preview.filesLabel')}>
        {files.map((file) => (
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
      {placeholderAssets > 0 ? (
        <Caption1 className={styles.note} data-testid="placeholder-note">
          {t('wizard.preview.placeholderAssets', { count: placeholderAssets })}
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
  );
}
