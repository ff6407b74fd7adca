import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Subtitle2,
  Text,
} from '@fluentui/react-components';
import { ArrowSyncRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { useUsbCopy } from './usb/use-usb-copy';
import { UsbCopyStatus } from './usb/UsbCopyStatus';
import { UsbDriveList } from './usb/UsbDriveList';
import { useUsbStyles } from './usb/usb-styles';
import { useUsbText } from './usb/usb-text';

/**
 * Copies a built package to a USB drive's root for OOBE (issue #7): lists removable drives, copies with
 * progress, verifies SHA-256, offers to remove other packages in the root, and shows the technician's steps.
 * The state is use-usb-copy.ts's; the drive list and the copy's status are sections in usb/.
 */
export function UsbDialog({
  open,
  onClose,
  packagePath,
  packageName,
}: {
  open: boolean;
  onClose: () => void;
  packagePath: string;
  packageName: string;
}) {
  const styles = useUsbStyles();
  const { t } = useTranslation();
  const usb = useUsbText();
  const usbCopy = useUsbCopy(open, packagePath, usb);
  const { copy, selected } = usbCopy;

  return (
    <Dialog open={open} onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface data-testid="usb-dialog">
        <DialogBody>
          <DialogTitle>{usb('title')}</DialogTitle>
          <DialogContent className={styles.content}>
            <div className={styles.row}>
              <Text className={styles.grow} weight="semibold">
                {packageName}
              </Text>
              <Button icon={<ArrowSyncRegular />} onClick={usbCopy.refresh} data-testid="usb-refresh">
                {usb('drives.refresh')}
              </Button>
            </div>
            <UsbDriveList
              drives={usbCopy.drives}
              selectedId={usbCopy.selectedId}
              onSelect={usbCopy.select}
              copying={copy.kind === 'copying'}
              usb={usb}
            />
            <UsbCopyStatus
              copy={copy}
              percent={usbCopy.percent}
              onRemoveOthers={() => void usbCopy.removeOthers()}
              usb={usb}
            />
            <Subtitle2 as="h3">{usb('steps.title')}</Subtitle2>
            <ol className={styles.steps} data-testid="usb-steps">
              {['1', '2', '3', '4', '5', '6'].map((step) => (
                <li key={step}>{usb(`steps.${step}`, { packageName })}</li>
              ))}
            </ol>
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose}>{t('pages.usb.close')}</Button>
            <Button
              appearance="primary"
              disabled={!selected?.writable || copy.kind === 'copying'}
              onClick={() => void usbCopy.startCopy()}
              data-testid="usb-copy"
            >
              {usb('copy.start')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
