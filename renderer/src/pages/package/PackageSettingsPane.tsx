import { Body1, Card, Subtitle2, Text } from '@fluentui/react-components';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { PackageInspectionResult } from '../../../../shared/ipc/contract';
import { redactSecrets, walkSettings } from '../../../../shared/model/settings-edit';
import { escapeControlCharacters as visible } from '../../../../shared/text/visible-text';
import { usePackagePageStyles } from './styles';

/** What Windows applies (decompiled provxml), then what customizations.xml declares (secrets masked). */
export function PackageSettingsPane({ inspection }: { inspection: PackageInspectionResult }) {
  const styles = usePackagePageStyles();
  const { t } = useTranslation();
  const { applied } = inspection.verification;
  const settings = useMemo(() => {
    const rows: { path: string; value: string }[] = [];
    if (inspection.customizations) {
      walkSettings(redactSecrets(inspection.customizations), ({ node, path: settingPath }) => {
        if (node.children.length === 0) rows.push({ path: settingPath, value: node.text ?? '' });
      });
    }
    return rows;
  }, [inspection]);

  return (
    <Card className={styles.pane}>
      <div className={styles.scroll}>
        <Subtitle2 as="h3" className={styles.heading}>
          {t('pages.package.applied', { count: applied.length })}
        </Subtitle2>
        <Body1 as="p" className={styles.hint}>
          {t('pages.package.appliedHint')}
        </Body1>
        <div data-testid="package-applied">
          {applied.length === 0 && <Body1>{t('pages.package.noApplied')}</Body1>}
          {applied.map((row, index) => (
            <div key={index} className={styles.row}>
              <Text className={styles.mono}>
                {row.settingPath
                  ? visible(row.settingPath)
                  : t('pages.package.cspPath', { path: visible(row.cspPath) })}
                {row.eventType === 'User_RunTime' && ` (${t('pages.package.userScope')})`}
              </Text>
              <Text className={`${styles.size} ${styles.mono}`}>{visible(row.value)}</Text>
            </div>
          ))}
        </div>
        <Subtitle2 as="h3" className={styles.section}>
          {t('pages.package.declared', { count: settings.length })}
        </Subtitle2>
        <div data-testid="package-settings">
          {settings.length === 0 && <Body1>{t('pages.package.noSettings')}</Body1>}
          {settings.map((row) => (
            <div key={row.path} className={styles.row}>
              <Text className={styles.mono}>{visible(row.path)}</Text>
              <Text className={styles.size}>{visible(row.value)}</Text>
            </div>
          ))}
        </div>
      </div>
    </Card>
  );
}
