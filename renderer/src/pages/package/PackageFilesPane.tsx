import { Card, Subtitle2, Text } from '@fluentui/react-components';
import { DocumentRegular, FolderRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { PackageInspectionResult } from '../../../../shared/ipc/contract';
import { escapeControlCharacters as visible } from '../../../../shared/text/visible-text';
import { usePackagePageStyles } from './styles';

/** The package's files as a tree, with their sizes. */
export function PackageFilesPane({ files }: { files: PackageInspectionResult['files'] }) {
  const styles = usePackagePageStyles();
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  return (
    <Card className={styles.pane}>
      <Subtitle2 as="h3">{t('pages.package.files')}</Subtitle2>
      <div className={styles.scroll} data-testid="package-files" role="tree">
        {files.map((file) => {
          const depth = file.path.split('/').length - 1;
          return (
            <div
              key={file.path}
              className={styles.row}
              role="treeitem"
              style={{ paddingInlineStart: `${depth * 16}px` }}
            >
              {file.isDirectory ? <FolderRegular /> : <DocumentRegular />}
              <Text className={styles.mono}>{visible(file.path.split('/').pop() ?? '')}</Text>
              {!file.isDirectory && (
                <Text className={styles.size}>
                  {t('pages.package.bytes', { size: number.format(file.size) })}
                </Text>
              )}
            </div>
          );
        })}
      </div>
    </Card>
  );
}
