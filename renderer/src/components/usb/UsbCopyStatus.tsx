import { Button, Caption1, MessageBar, MessageBarBody, ProgressBar } from '@fluentui/react-components';
import type { CopyState } from './use-usb-copy';
import { useUsbStyles } from './usb-styles';
import type { UsbText } from './usb-text';

/** How the copy stands: progress, the verified SHA-256, other packages on the drive, or the error. */
export function UsbCopyStatus({
  copy,
  percent,
  onRemoveOthers,
  usb,
}: {
  copy: CopyState;
  percent: number;
  onRemoveOthers: () => void;
  usb: UsbText;
}) {
  const styles = useUsbStyles();
  return (
    <>
      {copy.kind === 'copying' && (
        <div data-testid="usb-progress">
          <Caption1>
            {usb(copy.progress?.phase === 'verify' ? 'copy.verifying' : 'copy.copying', { percent })}
          </Caption1>
          <ProgressBar value={percent / 100} />
        </div>
      )}
      {copy.kind === 'done' && (
        <MessageBar intent="success" data-testid="usb-done">
          <MessageBarBody>
            <span className={styles.hash}>{usb('copy.done', { sha256: copy.sha256 })}</span>
          </MessageBarBody>
        </MessageBar>
      )}
      {copy.kind === 'done' && copy.otherPackages.length > 0 && (
        <MessageBar intent="warning" data-testid="usb-other-packages">
          <MessageBarBody>
            {usb('copy.otherPackages', { names: copy.otherPackages.join(', ') })}{' '}
            <Button size="small" onClick={onRemoveOthers} data-testid="usb-remove-others">
              {usb('copy.removeOthers')}
            </Button>
          </MessageBarBody>
        </MessageBar>
      )}
      {copy.kind === 'done' && copy.removed !== null && (
        <MessageBar intent="info" data-testid="usb-removed">
          <MessageBarBody>{usb('copy.removed', { count: copy.removed })}</MessageBarBody>
        </MessageBar>
      )}
      {copy.kind === 'failed' && (
        <MessageBar intent="error" data-testid="usb-error">
          <MessageBarBody>{copy.message}</MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}
