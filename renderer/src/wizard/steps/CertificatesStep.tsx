import {
  Body1,
  Button,
  Caption1,
  Checkbox,
  Dropdown,
  Field,
  Input,
  Option,
  Subtitle2,
  Tooltip,
} from '@fluentui/react-components';
import { CertificateRegular, DeleteRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SecretInput } from '../SecretInput';
import { useShowError } from '../../state/store';
import { withPickedFile } from '../../state/wizard-ui';
import {
  CERTIFICATE_STORES,
  certificateStores,
  readCertificates,
  writeCertificates,
  type CertificateForm,
  type CertificateStore,
  type KeyLocation,
} from '../../state/wizard-document';
import { useUpdateWizardUi, useWizardUi } from '../use-wizard';
import { useWizardList } from '../use-wizard-form';
import { WizardField } from '../WizardField';
import { useStepStyles } from './step-styles';

const ADD_FIELD = 'certificates.add';
const keyLocations: KeyLocation[] = ['TPM only', 'TPM with software fallback', 'Software only'];
const keyLocationKeys = {
  'TPM only': 'tpmOnly',
  'TPM with software fallback': 'tpmWithFallback',
  'Software only': 'softwareOnly',
} as const satisfies Record<KeyLocation, string>;
const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path;
const stem = (path: string) => fileName(path).replace(/\.[^.]+$/, '');

/** The certificate's common name, else the file name without extension. */
function suggestedName(path: string, subject: string | undefined): string {
  const commonName = subject?.split(', ').find((part) => part.startsWith('CN='));
  return (commonName?.slice(3) || stem(path)).trim();
}

function CertificateCard({
  certificate,
  update,
  remove,
}: {
  certificate: CertificateForm;
  update: (patch: Partial<CertificateForm>) => void;
  remove: () => void;
}) {
  const styles = useStepStyles();
  const { t, i18n } = useTranslation();
  const ui = useWizardUi();
  const store = CERTIFICATE_STORES[certificate.store];
  const item = `${store.collection}/${store.item}[${certificate.name}]`;
  const inspected = ui.certificates[certificate.file];

  return (
    <section
      className={styles.card}
      aria-label={certificate.name}
      data-testid={`certificate-${certificate.store}`}
    >
      <div className={styles.cardHeader}>
        <CertificateRegular fontSize={20} aria-hidden="true" />
        <Subtitle2 as="h3" className={styles.cardTitle}>
          {t(`wizard.certificates.stores.${certificate.store}`)}
        </Subtitle2>
        <Tooltip content={t('wizard.certificates.remove')} relationship="label">
          <Button appearance="subtle" icon={<DeleteRegular />} onClick={remove} />
        </Tooltip>
      </div>
      <WizardField
        path={item}
        label={t(
          certificate.store === 'trustedProvisioner'
            ? 'wizard.certificates.hash'
            : 'wizard.certificates.name',
        )}
        required
      >
        <Input
          value={certificate.name}
          readOnly={certificate.store === 'trustedProvisioner'}
          onChange={(_event, data) => update({ name: data.value })}
        />
      </WizardField>
      <WizardField path={`${item}/${store.file}`} label={t('wizard.certificates.file')}>
        <Caption1 className={styles.meta}>{certificate.file}</Caption1>
      </WizardField>
      {inspected ? (
        <dl className={styles.details} data-testid="certificate-details">
          <dt>{t('wizard.certificates.subject')}</dt>
          <dd>{inspected.subject}</dd>
          <dt>{t('wizard.certificates.thumbprint')}</dt>
          <dd>{inspected.thumbprint}</dd>
          <dt>{t('wizard.certificates.expires')}</dt>
          <dd>{new Date(inspected.notAfter).toLocaleDateString(i18n.resolvedLanguage)}</dd>
        </dl>
      ) : null}
      {certificate.store === 'client' ? (
        <>
          <div className={styles.row}>
            <WizardField
              path={`${item}/CertificatePassword`}
              label={t('wizard.certificates.password')}
              required
            >
              <SecretInput value={certificate.password} onChange={(value) => update({ password: value })} />
            </WizardField>
            <Field label={t('wizard.certificates.keyLocation')}>
              <Dropdown
                value={t(`wizard.certificates.keyLocations.${keyLocationKeys[certificate.keyLocation]}`)}
                selectedOptions={[certificate.keyLocation]}
                onOptionSelect={(_event, data) => update({ keyLocation: data.optionValue as KeyLocation })}
              >
                {keyLocations.map((location) => (
                  <Option key={location} value={location}>
                    {t(`wizard.certificates.keyLocations.${keyLocationKeys[location]}`)}
                  </Option>
                ))}
              </Dropdown>
            </Field>
          </div>
          <Checkbox
            label={t('wizard.certificates.exportable')}
            checked={certificate.exportable}
            onChange={(_event, data) => update({ exportable: data.checked === true })}
          />
        </>
      ) : null}
    </section>
  );
}

export function CertificatesStep() {
  const styles = useStepStyles();
  const { t } = useTranslation();
  const ui = useWizardUi();
  const updateUi = useUpdateWizardUi();
  const showError = useShowError();
  const [store, setStore] = useState<CertificateStore>('root');
  const [busy, setBusy] = useState(false);
  const certificates = useWizardList(readCertificates, writeCertificates);

  const add = async () => {
    setBusy(true);
    try {
      const picked = await window.ppkg.dialog.openAsset({ kind: store === 'client' ? 'pfx' : 'certificate' });
      if (!picked) return;
      const files = withPickedFile(ui.files, picked);
      let name = stem(picked.path);
      if (store !== 'client') {
        // PFX needs its password to open; other stores take an X.509 certificate, checked in main.
        const inspection = await window.ppkg.cert.inspect({ path: picked.path });
        if (!inspection.ok) {
          updateUi({ files, rejectedFile: { field: ADD_FIELD, fileName: picked.name } });
          return;
        }
        updateUi({
          files,
          rejectedFile: null,
          certificates: { ...ui.certificates, [picked.path]: inspection },
        });
        name =
          store === 'trustedProvisioner'
            ? inspection.thumbprint
            : suggestedName(picked.path, inspection.subject);
      } else {
        updateUi({ files, rejectedFile: null });
      }
      const added: CertificateForm = {
        store,
        name,
        file: picked.path,
        password: '',
        keyLocation: 'Software only',
        exportable: false,
      };
      certificates.change((list) => [...list, added]);
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={styles.form}>
      {certificates.items.length === 0 ? (
        <div className={styles.empty}>
          <Body1>{t('wizard.certificates.empty')}</Body1>
        </div>
      ) : (
        certificates.items.map((certificate, index) => (
          <CertificateCard
            key={`${certificate.store}-${index}`}
            certificate={certificate}
            update={(patch) => certificates.updateAt(index, patch)}
            remove={() => certificates.removeAt(index)}
          />
        ))
      )}
      <div className={styles.card} data-testid="certificate-add">
        <Subtitle2 as="h3">{t('wizard.certificates.addTitle')}</Subtitle2>
        <Field label={t('wizard.certificates.store')}>
          <Dropdown
            value={t(`wizard.certificates.stores.${store}`)}
            selectedOptions={[store]}
            onOptionSelect={(_event, data) => setStore(data.optionValue as CertificateStore)}
          >
            {certificateStores.map((candidate) => (
              <Option key={candidate} value={candidate}>
                {t(`wizard.certificates.stores.${candidate}`)}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <WizardField
          path={ADD_FIELD}
          label={t('wizard.certificates.file')}
          hint={t('wizard.certificates.fileHint')}
        >
          <div className={styles.actions}>
            {/* disabledFocusable: while the dialog is open the button keeps focus, so it is not lost. */}
            <Button icon={<CertificateRegular />} disabledFocusable={busy} onClick={() => void add()}>
              {t(store === 'client' ? 'wizard.certificates.choosePfx' : 'wizard.certificates.choose')}
            </Button>
            {ui.rejectedFile ? (
              <Button appearance="subtle" onClick={() => updateUi({ rejectedFile: null })}>
                {t('wizard.certificates.dismiss')}
              </Button>
            ) : null}
          </div>
        </WizardField>
      </div>
    </div>
  );
}
