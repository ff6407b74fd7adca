import { Caption1, MessageBar, MessageBarBody, Radio, RadioGroup, Text } from '@fluentui/react-components';
import { UsbStickRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { RemovableDrive } from '../../../../shared/drives/types';
import { useUsbStyles } from './usb-styles';
import { formatBytes, type UsbText } from './usb-text';

/** The removable drives to choose from, each with its label, mount point and free space (or why it cannot be used). */
export function UsbDriveList({
  drives,
  selectedId,
  onSelect,
  copying,
  usb,
}: {
  drives: RemovableDrive[] | null;
  selectedId: string;
  onSelect: (id: string) => void;
  copying: boolean;
  usb: UsbText;
}) {
  const styles = useUsbStyles();
  const { i18n } = useTranslation();
  return (
    <>
      {drives && drives.length === 0 && (
        <MessageBar intent="info">
          <MessageBarBody>{usb('drives.none')}</MessageBarBody>
        </MessageBar>
      )}
      {drives && drives.length > 0 && (
        <RadioGroup
          value={selectedId}
          onChange={(_, data) => onSelect(data.value)}
          aria-label={usb('title')}
          data-testid="usb-drives"
        >
          {drives.map((drive) => (
            <Radio
              key={drive.id}
              value={drive.id}
              disabled={!drive.writable || copying}
              label={
                <span className={styles.driveLabel}>
                  <span className={styles.row}>
                    <UsbStickRegular />
                    <Text weight="semibold">{drive.label || drive.model || drive.devicePath}</Text>
                    <Caption1>{drive.mountPoint ?? drive.devicePath}</Caption1>
                  </span>
                  <Caption1>
                    {drive.unavailableReason
                      ? usb(`drives.unavailable.${drive.unavailableReason}`)
                      : usb('drives.free', {
                          free: formatBytes(drive.freeBytes ?? 0, i18n.language),
                          size: formatBytes(drive.sizeBytes, i18n.language),
                        })}
                  </Caption1>
                </span>
              }
            />
          ))}
        </RadioGroup>
      )}
    </>
  );
}
