import {
  Body1,
  Caption1,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Subtitle2,
  tokens,
} from '@fluentui/react-components';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomizationsDocument } from '../../../../shared/model/customizations-document';
import { readMultivariant, type Target } from '../../../../shared/model/multivariant';
import { useCatalogRevision } from '../../state/settings-store';
import { setSettingsOf } from './document-settings';

const useStyles = makeStyles({
  panel: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
  mono: { fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all' },
});

/** `Model = Surface and Region = ES, or …`: a Target's states (OR) of conditions (AND). */
function conditionsText(target: Target, and: string, or: string): string {
  return target.states
    .map((state) => state.map((condition) => `${condition.name} = ${condition.value}`).join(` ${and} `))
    .join(` ${or} `);
}

/**
 * A multivariant project's Targets and Variants (Customizations/Targets, Customizations/Variant): what each
 * Target matches and what each Variant sets on matching devices. They are kept verbatim on save.
 */
export function VariantsPanel({ customizations }: { customizations: CustomizationsDocument }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const revision = useCatalogRevision();
  const { multivariant, issues } = useMemo(() => readMultivariant(customizations), [customizations]);
  const variantSettings = useMemo(() => {
    void revision;
    return multivariant.variants.map((variant) => setSettingsOf(customizations, variant.settings));
  }, [customizations, multivariant, revision]);
  if (customizations.multivariant.length === 0) return null;
  const and = t('pages.advanced.variants.and');
  const or = t('pages.advanced.variants.or');
  return (
    <section className={styles.panel} data-testid="variants">
      <Subtitle2 as="h3">
        {t('pages.advanced.variants.title', { count: multivariant.variants.length })}
      </Subtitle2>
      <Caption1>{t('pages.advanced.variants.kept')}</Caption1>
      <ul className={styles.list}>
        {multivariant.targets.map((target) => (
          <li key={target.id} data-target={target.id}>
            <Body1>{t('pages.advanced.variants.target', { id: target.id })}</Body1>{' '}
            <Caption1 className={styles.mono}>{conditionsText(target, and, or)}</Caption1>
          </li>
        ))}
      </ul>
      {multivariant.variants.map((variant, index) => (
        <div key={variant.index} data-variant={variant.index}>
          <Body1>
            {t('pages.advanced.variants.variant', {
              number: variant.index + 1,
              targets: variant.targetRefs.join(', '),
            })}
          </Body1>
          <ul className={styles.list}>
            {(variantSettings[index] ?? []).map((setting) => (
              <li key={setting.path}>
                <Caption1 className={styles.mono}>
                  {setting.path} = {setting.value}
                </Caption1>
              </li>
            ))}
          </ul>
        </div>
      ))}
      {issues.length > 0 && (
        <MessageBar intent="warning">
          <MessageBarBody>
            {issues.map((issue) => `${issue.path}: ${issue.detail}`).join('; ')}
          </MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
