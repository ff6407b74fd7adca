import {
  Body1,
  Button,
  Caption1,
  Checkbox,
  Field,
  Input,
  Subtitle2,
  Tooltip,
} from '@fluentui/react-components';
import {
  AddRegular,
  ArrowDownRegular,
  ArrowUpRegular,
  AppsAddInRegular,
  DeleteRegular,
  DismissRegular,
} from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { COMMANDS, newApp, readApps, writeApps, type AppForm } from '../../state/wizard-document';
import { useShowError } from '../../state/store';
import { withPickedFile } from '../../state/wizard-ui';
import { useUpdateWizardUi, useWizardUi } from '../use-wizard';
import { useWizardList } from '../use-wizard-form';
import { WizardField } from '../WizardField';
import { useStepStyles } from './step-styles';

const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path;

function AppCard({
  app,
  index,
  count,
  update,
  move,
  remove,
  addDependency,
}: {
  app: AppForm;
  index: number;
  count: number;
  update: (patch: Partial<AppForm>) => void;
  move: (offset: -1 | 1) => void;
  remove: () => void;
  addDependency: () => void;
}) {
  const styles = useStepStyles();
  const { t } = useTranslation();
  const ui = useWizardUi();
  const item = `${COMMANDS}/CommandConfig[${app.name}]`;
  const size = ui.files[app.file]?.size;

  return (
    <section className={styles.card} aria-label={app.name} data-testid={`app-${index}`}>
      <div className={styles.cardHeader}>
        <Subtitle2 as="h3" className={styles.cardTitle}>
          {index + 1}. {fileName(app.file)}
        </Subtitle2>
        <Tooltip content={t('wizard.applications.moveUp')} relationship="label">
          <Button
            appearance="subtle"
            icon={<ArrowUpRegular />}
            disabled={index === 0}
            onClick={() => move(-1)}
          />
        </Tooltip>
        <Tooltip content={t('wizard.applications.moveDown')} relationship="label">
          <Button
            appearance="subtle"
            icon={<ArrowDownRegular />}
            disabled={index === count - 1}
            onClick={() => move(1)}
          />
        </Tooltip>
        <Tooltip content={t('wizard.applications.remove')} relationship="label">
          <Button appearance="subtle" icon={<DeleteRegular />} onClick={remove} />
        </Tooltip>
      </div>
      <Caption1 className={styles.meta}>
        {size === undefined ? app.file : t('wizard.applications.fileDetails', { path: app.file, size })}
      </Caption1>
      <div className={styles.row}>
        <WizardField path={item} label={t('wizard.applications.name')} required>
          <Input value={app.name} onChange={(_event, data) => update({ name: data.value })} />
        </WizardField>
        <div />
      </div>
      <WizardField
        path={`${item}/CommandLine`}
        label={t('wizard.applications.commandLine')}
        hint={t('wizard.applications.commandLineHint')}
        required
      >
        <Input
          value={app.commandLine}
          onChange={(_event, data) => update({ commandLine: data.value })}
          input={{ style: { fontFamily: 'Consolas, "Cascadia Mono", monospace' } }}
        />
      </WizardField>
      <div className={styles.row}>
        <WizardField path={`${item}/ReturnCodeSuccess`} label={t('wizard.applications.returnCodeSuccess')}>
          <Input
            value={app.returnCodeSuccess}
            onChange={(_event, data) => update({ returnCodeSuccess: data.value })}
          />
        </WizardField>
        <WizardField path={`${item}/ReturnCodeRestart`} label={t('wizard.applications.returnCodeRestart')}>
          <Input
            value={app.returnCodeRestart}
            onChange={(_event, data) => update({ returnCodeRestart: data.value })}
          />
        </WizardField>
      </div>
      <div className={styles.switches}>
        <Checkbox
          label={t('wizard.applications.continueInstall')}
          checked={app.continueInstall}
          onChange={(_event, data) => update({ continueInstall: data.checked === true })}
        />
        <Checkbox
          label={t('wizard.applications.restartRequired')}
          checked={app.restartRequired}
          onChange={(_event, data) => update({ restartRequired: data.checked === true })}
        />
      </div>
      <Field label={t('wizard.applications.dependencies')} hint={t('wizard.applications.dependenciesHint')}>
        <div className={styles.actions}>
          {app.dependencies.map((dependency, dependencyIndex) => (
            <Button
              key={`${dependency}-${dependencyIndex}`}
              size="small"
              icon={<DismissRegular />}
              iconPosition="after"
              aria-label={t('wizard.applications.removeDependency', { name: fileName(dependency) })}
              onClick={() =>
                update({ dependencies: app.dependencies.filter((_d, i) => i !== dependencyIndex) })
              }
            >
              {fileName(dependency)}
            </Button>
          ))}
          <Button size="small" appearance="subtle" icon={<AddRegular />} onClick={addDependency}>
            {t('wizard.applications.addDependency')}
          </Button>
        </div>
      </Field>
    </section>
  );
}

export function ApplicationsStep() {
  const styles = useStepStyles();
  const { t } = useTranslation();
  const ui = useWizardUi();
  const updateUi = useUpdateWizardUi();
  const showError = useShowError();
  const apps = useWizardList(readApps, writeApps);

  const pick = async (kind: 'installer' | 'dependency') => {
    try {
      const picked = await window.ppkg.dialog.openAsset({ kind });
      if (!picked) return null;
      updateUi({ files: withPickedFile(ui.files, picked) });
      return picked.path;
    } catch (error) {
      showError(error);
      return null;
    }
  };

  const addApp = async () => {
    const path = await pick('installer');
    if (path) apps.change((current) => [...current, newApp(path)]);
  };

  return (
    <div className={styles.form}>
      {apps.items.length === 0 ? (
        <div className={styles.empty}>
          <Body1>{t('wizard.applications.empty')}</Body1>
        </div>
      ) : (
        apps.items.map((app, index) => (
          <AppCard
            key={`${index}-${app.file}`}
            app={app}
            index={index}
            count={apps.items.length}
            update={(patch) => apps.updateAt(index, patch)}
            move={(offset) =>
              apps.change((current) => {
                const next = [...current];
                const [moved] = next.splice(index, 1);
                if (moved) next.splice(index + offset, 0, moved);
                return next;
              })
            }
            remove={() => apps.removeAt(index)}
            addDependency={() =>
              void pick('dependency').then((path) => {
                if (path)
                  apps.change((current) =>
                    current.map((a, i) =>
                      i === index ? { ...a, dependencies: [...a.dependencies, path] } : a,
                    ),
                  );
              })
            }
          />
        ))
      )}
      <div className={styles.actions}>
        <Button appearance="primary" icon={<AppsAddInRegular />} onClick={() => void addApp()}>
          {t('wizard.applications.add')}
        </Button>
        <Caption1 className={styles.meta}>{t('wizard.applications.addHint')}</Caption1>
      </div>
    </div>
  );
}
