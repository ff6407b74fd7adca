import { Subtitle2 } from '@fluentui/react-components';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { CustomizationsDocument } from '../../../../shared/model/customizations-document';
import {
  readAccounts,
  readApps,
  readCertificates,
  readDevice,
  readEnrollments,
  readWifi,
} from '../../state/wizard-document';
import type { WizardUiState } from '../../state/wizard-ui';
import type { WizardStepId } from '../step-ids';
import { useWizardDocument, useWizardUi } from '../use-wizard';
import { useFinishStyles } from './finish-styles';

/** One line per wizard page saying what the package will do there. */
function summaryRows(doc: CustomizationsDocument, ui: WizardUiState, t: TFunction): [WizardStepId, string][] {
  const device = readDevice(doc);
  const wifi = readWifi(doc);
  const accounts = readAccounts(doc, ui.accountMode);
  const apps = readApps(doc);
  const certificates = readCertificates(doc);
  const enrollments = readEnrollments(doc);
  const none = t('wizard.finish.none');
  return [
    ['device', device.deviceName || none],
    [
      'network',
      wifi
        ? `${wifi.ssid || none} (${t(`wizard.network.security.${wifi.securityType}`)})`
        : t('wizard.finish.noWifi'),
    ],
    [
      'accounts',
      accounts.mode === 'local'
        ? t('wizard.finish.localAdmin', { name: accounts.userName || none })
        : accounts.mode === 'domain'
          ? t('wizard.finish.domainJoin', { domain: accounts.domain || none })
          : t(`wizard.accounts.modes.${accounts.mode}`),
    ],
    ['applications', apps.length ? apps.map((app) => app.name).join(', ') : none],
    ['certificates', certificates.length ? certificates.map((c) => c.name).join(', ') : none],
    ['enrollment', enrollments.length ? enrollments.map((e) => e.upn || none).join(', ') : none],
  ];
}

export function FinishSummary() {
  const styles = useFinishStyles();
  const { t } = useTranslation();
  const rows = summaryRows(useWizardDocument(), useWizardUi(), t);

  return (
    <section className={styles.section} aria-labelledby="summary-title">
      <Subtitle2 as="h3" id="summary-title">
        {t('wizard.finish.summary')}
      </Subtitle2>
      <dl className={styles.summary} data-testid="summary">
        {rows.map(([page, text]) => (
          <div key={page} style={{ display: 'contents' }}>
            <dt>{t(`wizard.steps.${page}.title`)}</dt>
            <dd>{text}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
