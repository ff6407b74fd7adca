import { Dropdown, Field, Input, Option, SpinButton } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { OwnerType } from '../../../../shared/model/customizations-document';
import { useEditDocument, useWizardDocument } from '../use-wizard';
import { WizardField } from '../WizardField';
import { useStepStyles } from './step-styles';

/** The order the owner list offers them: the usual choice for a package made here first. */
const ownerTypes: OwnerType[] = [
  'ITAdmin',
  'OEM',
  'SystemIntegrator',
  'MobileOperator',
  'SiliconVendor',
  'Microsoft',
];

/** The Finish page's package identity: name, version, owner type and rank (PackageConfig). */
export function FinishPackageFields() {
  const stepStyles = useStepStyles();
  const { t } = useTranslation();
  const config = useWizardDocument().packageConfig;
  const edit = useEditDocument();

  return (
    <div className={stepStyles.form}>
      <div className={stepStyles.row}>
        <WizardField path="PackageConfig/Name" label={t('wizard.finish.packageName')} required>
          <Input
            value={config.name}
            onChange={(_event, data) => edit((draft) => void (draft.packageConfig.name = data.value))}
          />
        </WizardField>
        <WizardField
          path="PackageConfig/Version"
          label={t('wizard.finish.version')}
          hint={t('wizard.finish.versionHint')}
        >
          <Input
            value={config.version}
            onChange={(_event, data) => edit((draft) => void (draft.packageConfig.version = data.value))}
          />
        </WizardField>
      </div>
      <div className={stepStyles.row}>
        <Field label={t('wizard.finish.ownerType')} hint={t('wizard.finish.ownerTypeHint')}>
          <Dropdown
            value={t(`wizard.finish.owners.${config.ownerType}`)}
            selectedOptions={[config.ownerType]}
            onOptionSelect={(_event, data) =>
              edit((draft) => void (draft.packageConfig.ownerType = data.optionValue as OwnerType))
            }
          >
            {ownerTypes.map((owner) => (
              <Option key={owner} value={owner}>
                {t(`wizard.finish.owners.${owner}`)}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <WizardField
          path="PackageConfig/Rank"
          label={t('wizard.finish.rank')}
          hint={t('wizard.finish.rankHint')}
        >
          <SpinButton
            value={config.rank}
            min={0}
            max={99}
            onChange={(_event, data) => {
              const rank = data.value ?? Number.parseInt(data.displayValue ?? '', 10);
              if (Number.isInteger(rank)) edit((draft) => void (draft.packageConfig.rank = Number(rank)));
            }}
          />
        </WizardField>
      </div>
    </div>
  );
}
