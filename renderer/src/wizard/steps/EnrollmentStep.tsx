import {
  Body1,
  Button,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  Radio,
  RadioGroup,
  Subtitle2,
  Tooltip,
} from '@fluentui/react-components';
import { BuildingRegular, DeleteRegular, PersonAddRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { SecretInput } from '../SecretInput';
import { getMdmPreset } from '../../../../shared/catalog/mdm-presets';
import {
  ENROLLMENTS,
  readEnrollments,
  writeEnrollments,
  type EnrollmentForm,
} from '../../state/wizard-document';
import { useUpdateWizardUi, useWizardUi } from '../use-wizard';
import { useWizardList } from '../use-wizard-form';
import { WizardField } from '../WizardField';
import { useStepStyles } from './step-styles';

const presetIds = ['', 'ivanti', 'generic'] as const;
type PresetChoice = (typeof presetIds)[number];
const asPresetChoice = (id: string): PresetChoice => presetIds.find((candidate) => candidate === id) ?? '';

function EnrollmentCard({
  enrollment,
  index,
  discoveryHint,
  update,
  remove,
}: {
  enrollment: EnrollmentForm;
  index: number;
  discoveryHint: string | undefined;
  update: (patch: Partial<EnrollmentForm>) => void;
  remove: () => void;
}) {
  const styles = useStepStyles();
  const { t } = useTranslation();
  const item = `${ENROLLMENTS}/UPN[${enrollment.upn}]`;

  return (
    <section
      className={styles.card}
      data-testid={`enrollment-${index}`}
      aria-label={enrollment.upn || t('wizard.enrollment.newEnrollment')}
    >
      <div className={styles.cardHeader}>
        <BuildingRegular fontSize={20} aria-hidden="true" />
        <Subtitle2 as="h3" className={styles.cardTitle}>
          {enrollment.upn || t('wizard.enrollment.newEnrollment')}
        </Subtitle2>
        <Tooltip content={t('wizard.enrollment.remove')} relationship="label">
          <Button appearance="subtle" icon={<DeleteRegular />} onClick={remove} />
        </Tooltip>
      </div>
      <WizardField
        path={enrollment.upn ? item : `${ENROLLMENTS}/UPN`}
        label={t('wizard.enrollment.upn')}
        hint={t('wizard.enrollment.upnHint')}
        required
      >
        <Input value={enrollment.upn} onChange={(_event, data) => update({ upn: data.value })} />
      </WizardField>
      <Field label={t('wizard.enrollment.authPolicy')}>
        <RadioGroup
          layout="horizontal"
          value={enrollment.authPolicy}
          onChange={(_event, data) => update({ authPolicy: data.value as EnrollmentForm['authPolicy'] })}
        >
          <Radio value="OnPremise" label={t('wizard.enrollment.onPremise')} />
          <Radio value="Certificate" label={t('wizard.enrollment.certificate')} />
        </RadioGroup>
      </Field>
      <WizardField
        path={`${item}/DiscoveryServiceFullUrl`}
        label={t('wizard.enrollment.discoveryUrl')}
        required
      >
        <Input
          value={enrollment.discoveryUrl}
          placeholder={discoveryHint}
          onChange={(_event, data) => update({ discoveryUrl: data.value })}
        />
      </WizardField>
      <div className={styles.row}>
        <WizardField
          path={`${item}/EnrollmentServiceFullUrl`}
          label={t('wizard.enrollment.enrollmentUrl')}
          hint={t('wizard.enrollment.optionalUrlHint')}
        >
          <Input
            value={enrollment.enrollmentUrl}
            onChange={(_event, data) => update({ enrollmentUrl: data.value })}
          />
        </WizardField>
        <WizardField
          path={`${item}/PolicyServiceFullUrl`}
          label={t('wizard.enrollment.policyUrl')}
          hint={t('wizard.enrollment.optionalUrlHint')}
        >
          <Input
            value={enrollment.policyUrl}
            onChange={(_event, data) => update({ policyUrl: data.value })}
          />
        </WizardField>
      </div>
      <WizardField
        path={`${item}/Secret`}
        label={t('wizard.enrollment.secret')}
        hint={t(
          enrollment.authPolicy === 'Certificate'
            ? 'wizard.enrollment.secretCertificateHint'
            : 'wizard.enrollment.secretHint',
        )}
        required
      >
        <SecretInput value={enrollment.secret} onChange={(value) => update({ secret: value })} />
      </WizardField>
    </section>
  );
}

export function EnrollmentStep() {
  const styles = useStepStyles();
  const { t } = useTranslation();
  const ui = useWizardUi();
  const updateUi = useUpdateWizardUi();
  const enrollments = useWizardList(readEnrollments, writeEnrollments);
  const preset = ui.mdmPreset ? getMdmPreset(ui.mdmPreset) : undefined;
  const newEnrollment = (presetId: string): EnrollmentForm => {
    const chosen = presetId ? getMdmPreset(presetId) : undefined;
    return {
      upn: chosen?.upnPrefix ? `${chosen.upnPrefix}-` : '',
      authPolicy: chosen?.authPolicy ?? 'OnPremise',
      discoveryUrl: '',
      enrollmentUrl: '',
      policyUrl: '',
      secret: '',
    };
  };
  const presetLabel = (id: string) => t(`wizard.enrollment.presets.${asPresetChoice(id) || 'none'}`);

  return (
    <div className={styles.form}>
      <Field label={t('wizard.enrollment.preset')} hint={t('wizard.enrollment.presetHint')}>
        <Dropdown
          value={presetLabel(ui.mdmPreset)}
          selectedOptions={[ui.mdmPreset]}
          onOptionSelect={(_event, data) => {
            const id = data.optionValue ?? '';
            updateUi({ mdmPreset: id });
            const chosen = id ? getMdmPreset(id) : undefined;
            if (!chosen) return;
            // Prefill what the preset knows; never overwrite a UPN the user already typed beyond the prefix.
            enrollments.change((list) =>
              list.length === 0
                ? [newEnrollment(id)]
                : list.map((enrollment) => ({
                    ...enrollment,
                    authPolicy: chosen.authPolicy ?? enrollment.authPolicy,
                    upn: chosen.upnPrefix && enrollment.upn === '' ? `${chosen.upnPrefix}-` : enrollment.upn,
                  })),
            );
          }}
        >
          {presetIds.map((id) => (
            <Option key={id || 'none'} value={id}>
              {presetLabel(id)}
            </Option>
          ))}
        </Dropdown>
      </Field>
      {ui.mdmPreset === 'ivanti' ? (
        <MessageBar intent="info" layout="multiline" data-testid="ivanti-followup">
          <MessageBarBody>
            <MessageBarTitle>{t('wizard.enrollment.ivantiTitle')}</MessageBarTitle>
            {t('wizard.enrollment.ivantiFollowUp')}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {enrollments.items.length === 0 ? (
        <div className={styles.empty}>
          <Body1>{t('wizard.enrollment.empty')}</Body1>
        </div>
      ) : (
        enrollments.items.map((enrollment, index) => (
          <EnrollmentCard
            key={index}
            enrollment={enrollment}
            index={index}
            discoveryHint={preset?.discoveryUrlHint}
            update={(patch) => enrollments.updateAt(index, patch)}
            remove={() => enrollments.removeAt(index)}
          />
        ))
      )}
      <div className={styles.actions}>
        <Button
          icon={<PersonAddRegular />}
          onClick={() => enrollments.change((list) => [...list, newEnrollment(ui.mdmPreset)])}
        >
          {t('wizard.enrollment.add')}
        </Button>
      </div>
    </div>
  );
}
