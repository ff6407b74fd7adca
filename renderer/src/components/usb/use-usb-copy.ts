import { useCallback, useEffect, useState } from 'react';
import type { CopyProgress, RemovableDrive } from '../../../../shared/drives/types';
import { errorMessage } from '../../../../shared/text/error-message';
import { useIpcEvent } from '../../hooks/use-ipc-event';
import { ipcErrorOf } from '../../ipc';
import type { UsbText } from './usb-text';

export type CopyState =
  | { kind: 'idle' }
  | { kind: 'copying'; progress: CopyProgress | null }
  | { kind: 'done'; sha256: string; otherPackages: string[]; removed: number | null }
  | { kind: 'failed'; message: string };

export interface UsbCopy {
  /** The removable drives main listed; null until the first listing. */
  drives: RemovableDrive[] | null;
  selectedId: string;
  select(id: string): void;
  selected: RemovableDrive | undefined;
  copy: CopyState;
  /** Of the copy running now, 0–100. */
  percent: number;
  refresh(): void;
  startCopy(): Promise<void>;
  removeOthers(): Promise<void>;
}

/**
 * The USB dialog's state: lists the drives while the dialog is open (the first writable one chosen), copies the
 * package to the chosen drive's root with progress pushed from main, and removes other packages there on request.
 */
export function useUsbCopy(open: boolean, packagePath: string, usb: UsbText): UsbCopy {
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

  return {
    drives,
    selectedId,
    select: setSelectedId,
    selected,
    copy,
    percent,
    refresh,
    startCopy,
    removeOthers,
  };
}
