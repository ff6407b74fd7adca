import {
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Radio,
  RadioGroup,
  Subtitle2,
  Text,
  tokens,
} from '@fluentui/react-components';
import { ArrowSyncRegular, UsbStickRegular } from '@fluentui/react-icons';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CopyProgress, RemovableDrive } from '../../../shared/drives/types';
import { USB_TEXT } from '../../../shared/locales';
import { useIpcEvent } from '../hooks/use-ipc-event';
import { ipcErrorOf } from '../ipc';
import { errorMessage } from '../../../shared/text/error-message';

const USB_TEXTS: Record<string, unknown> = USB_TEXT;

/** A text from shared/locales/<lang>/usb.json (shared with the CLI), with `{{name}}` placeholders filled. */
function useUsbText(): (key: string, params?: Record<string, string | number>) => string {
  const { i18n } = useTranslation();
  return useCallback(
    (key, params = {}) => {
      const lookup = (texts: unknown) =>
        key
          .split('.')
          .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], texts);
      const found = lookup(USB_TEXTS[i18n.language]) ?? lookup(USB_TEXTS['en']);
      const text = typeof found === 'string' ? found : key;
      return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? ''));
    },
    [i18n.language],
  );
}

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  grow: { flexGrow: 1 },
  driveLabel: { display: 'flex', flexDirection: 'column' },
  steps: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
  hash: { fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all' },
});

function formatBytes(bytes: number, language: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: 'short',
    maximumFractionDigits: 1,
  }).format(value);
}

type CopyState =
  | { kind: 'idle' }
  | { kind: 'copying'; progress: CopyProgress | null }
  | { kind: 'done'; sha256: string; otherPackages: string[]; removed: number | null }
  | { kind: 'failed'; message: string };

/**
 * Copies a built package to a USB drive's root for OOBE (issue #7): lists removable drives, copies with
 * progress, verifies SHA-256, offers to remove other packages in the root, and shows the technician's steps.
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
  const styles = useStyles();
  const { t, i18n } = useTranslation();
  const usb = useUsbText();
  const [drives, setDrives] = useState<RemovableDrive[] | null>(null);
  const [selectedId, setSelectedId] = useState<string>('');
  const [copy, setCopy] = useState<CopyState>({ kind: 'idle' });

  const describeError = useCallback(
    (error: unknown) => {
      const message = errorMessage(error);
      // Main's error value keeps the DriveError's code; usb.json has a text for each.
      const code = ipcErrorOf(error)?.code;
      const known = code ? usb(`errors.${code}`) : null;
      return known && known !== `errors.${code}` ? known : message;
    },
    [usb],
  );

  const refresh = useCallback(() => {
    window.ppkg.drives.list().then(
      (listed) => {
        setDrives(listed);
        setSelectedId((current) => current || (listed.find((drive) => drive.writable)?.id ?? ''));
      },
      (error: unknown) => setCopy({ kind: 'failed', message: describeError(error) }),
    );
  }, [describeError]);

  useEffect(() => {
    if (open) refresh();
  }, [open, refresh]);

  const selected = drives?.find((drive) => drive.id === selectedId);

  // Main pushes the copy's progress as events while drives:copyPackage runs.
  useIpcEvent('drives:copyProgress', (progress) =>
    setCopy((state) => (state.kind === 'copying' ? { kind: 'copying', progress } : state)),
  );

  const startCopy = async () => {
    if (!selected?.mountPoint) return;
    setCopy({ kind: 'copying', progress: null });
    try {
      const result = await window.ppkg.drives.copyPackage({
        sourcePath: packagePath,
        mountPoint: selected.mountPoint,
      });
      setCopy({ kind: 'done', sha256: result.sha256, otherPackages: result.otherPackages, removed: null });
      refresh();
    } catch (error) {
      setCopy({ kind: 'failed', message: describeError(error) });
    }
  };

  const removeOthers = async () => {
    if (!selected?.mountPoint || copy.kind !== 'done') return;
    try {
      const fileName = packagePath.split(/[\\/]/).pop() ?? packagePath;
      const removed = await window.ppkg.drives.removeOtherPackages({
        mountPoint: selected.mountPoint,
        keep: fileName,
      });
      setCopy({ ...copy, otherPackages: [], removed: removed.length });
    } catch (error) {
      setCopy({ kind: 'failed', message: describeError(error) });
    }
  };

  const percent =
    copy.kind === 'copying' && copy.progress && copy.progress.bytesTotal > 0
      ? Math.round((copy.progress.bytesDone / copy.progress.bytesTotal) * 100)
      : 0;

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
              <Button icon={<ArrowSyncRegular />} onClick={refresh} data-testid="usb-refresh">
                {usb('drives.refresh')}
              </Button>
            </div>
            {drives && drives.length === 0 && (
              <MessageBar intent="info">
                <MessageBarBody>{usb('drives.none')}</MessageBarBody>
              </MessageBar>
            )}
            {drives && drives.length > 0 && (
              <RadioGroup
                value={selectedId}
                onChange={(_, data) => setSelectedId(data.value)}
                aria-label={usb('title')}
                data-testid="usb-drives"
              >
                {drives.map((drive) => (
                  <Radio
                    key={drive.id}
                    value={drive.id}
                    disabled={!drive.writable || copy.kind === 'copying'}
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
                  <Button size="small" onClick={() => void removeOthers()} data-testid="usb-remove-others">
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
              onClick={() => void startCopy()}
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
