import {
  Button,
  Card,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Subtitle1,
} from '@fluentui/react-components';
import {
  ArrowImportRegular,
  ArrowLeftRegular,
  BranchCompareRegular,
  UsbStickRegular,
} from '@fluentui/react-icons';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PackageInspectionResult } from '../../../shared/ipc/contract';
import { SandboxPanel } from '../components/sandbox/SandboxPanel';
import { UsbDialog } from '../components/UsbDialog';
import { useAppDispatch } from '../state/store';
import { PackagePasswordPrompt } from './PackagePasswordPrompt';
import { PackageComparison } from './package/PackageComparison';
import { PackageDetails } from './package/PackageDetails';
import { PackageFilesPane } from './package/PackageFilesPane';
import { PackageSettingsPane } from './package/PackageSettingsPane';
import { usePackagePageStyles } from './package/styles';
import { usePackageComparison } from './package/use-package-comparison';
import { usePackageInspection } from './package/use-package-inspection';

/** The page before the package is read: an error, the password prompt, each with Back. */
function PackageNotice({ children, onBack }: { children: ReactNode; onBack: () => void }) {
  const styles = usePackagePageStyles();
  const { t } = useTranslation();
  return (
    <div className={styles.page} data-testid="package-page">
      <div className={styles.header}>
        {children}
        <div>
          <Button icon={<ArrowLeftRegular />} onClick={onBack}>
            {t('pages.package.back')}
          </Button>
        </div>
      </div>
    </div>
  );
}

/** Title and the page's actions: back, compare, copy to USB, import as project. */
function PackageActions({
  inspection,
  onBack,
  onCopyToUsb,
  comparing,
  onCompare,
}: {
  inspection: PackageInspectionResult;
  onBack: () => void;
  onCopyToUsb: () => void;
  comparing: boolean;
  onCompare: () => void;
}) {
  const styles = usePackagePageStyles();
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const customizations = inspection.customizations;
  return (
    <div className={styles.headerRow}>
      <Subtitle1 as="h2" className={styles.grow}>
        {t('pages.package.title', { name: inspection.name })}
      </Subtitle1>
      <Button icon={<ArrowLeftRegular />} onClick={onBack}>
        {t('pages.package.back')}
      </Button>
      <Button
        icon={<BranchCompareRegular />}
        disabled={comparing}
        onClick={onCompare}
        data-testid="compare-package"
      >
        {comparing ? t('pages.package.comparing') : t('pages.package.compare')}
      </Button>
      <Button icon={<UsbStickRegular />} onClick={onCopyToUsb} data-testid="copy-to-usb">
        {t('pages.package.copyToUsb')}
      </Button>
      <Button
        appearance="primary"
        icon={<ArrowImportRegular />}
        disabled={!customizations}
        data-testid="import-package"
        onClick={() =>
          customizations &&
          dispatch({
            type: 'loadProject',
            page: 'advanced',
            document: {
              customizations,
              icdProject: null,
              path: null,
            },
          })
        }
      >
        {t('pages.package.import')}
      </Button>
    </div>
  );
}

/**
 * A .ppkg's identity, what Windows applies from it (decompiled provxml), what its customizations.xml declares
 * (secrets masked), every difference between the two — loudly — and its files, with "Import as project".
 * Everything read from the package is shown with control characters made visible.
 */
export function OpenPackagePage({ path, onBack }: { path: string; onBack: () => void }) {
  const styles = usePackagePageStyles();
  const { t } = useTranslation();
  const { inspection, error, askPassword, triedPassword, submitPassword, password } =
    usePackageInspection(path);
  const { comparison, compare, close } = usePackageComparison(path, password);
  const [usbOpen, setUsbOpen] = useState(false);

  if (error)
    return (
      <PackageNotice onBack={onBack}>
        <MessageBar intent="error" data-testid="package-error">
          <MessageBarBody>
            <MessageBarTitle>{t('pages.package.corrupt')}</MessageBarTitle>
            {error}
          </MessageBarBody>
        </MessageBar>
      </PackageNotice>
    );
  if (askPassword)
    return (
      <PackageNotice onBack={onBack}>
        <PackagePasswordPrompt wrong={triedPassword} onSubmit={submitPassword} />
      </PackageNotice>
    );
  if (!inspection) return <Spinner label={t('pages.package.reading')} />;

  return (
    <div className={styles.page} data-testid="package-page">
      <Card className={styles.header}>
        <PackageActions
          inspection={inspection}
          onBack={onBack}
          onCopyToUsb={() => setUsbOpen(true)}
          comparing={comparison.status === 'running'}
          onCompare={() => void compare()}
        />
        <PackageDetails inspection={inspection} />
        {comparison.status === 'failed' && (
          <MessageBar intent="error" data-testid="compare-error">
            <MessageBarBody>
              {t('pages.package.compareFailed', { message: comparison.message })}
            </MessageBarBody>
          </MessageBar>
        )}
        <SandboxPanel packagePath={inspection.path} />
      </Card>
      {comparison.status === 'done' ? (
        <PackageComparison diff={comparison.diff} onClose={close} />
      ) : (
        <>
          <PackageSettingsPane inspection={inspection} />
          <PackageFilesPane files={inspection.files} />
        </>
      )}
      <UsbDialog
        open={usbOpen}
        onClose={() => setUsbOpen(false)}
        packagePath={inspection.path}
        packageName={inspection.name}
      />
    </div>
  );
}
