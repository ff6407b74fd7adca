/**
 * Removable drives a technician can copy a package to (GitHub issue #7). Listed through the OS's own tools
 * (lsblk, diskutil, PowerShell storage cmdlets) and parsed by the pure parsers in this folder, so no native
 * module is needed. Pure types: the Host (shared/host.ts) exposes these to the renderer.
 */

/**
 * Why a listed drive cannot be written to right now; the UI shows `usb.json` → `drives.unavailable.<reason>`.
 * `not-mounted`: a file system but no mount point / drive letter; `read-only`: write-protect switch or
 * read-only media; `unformatted`: no file system the OS recognises.
 */
export const DRIVE_UNAVAILABLE_REASONS = ['not-mounted', 'read-only', 'unformatted'] as const;
export type DriveUnavailableReason = (typeof DRIVE_UNAVAILABLE_REASONS)[number];

/** Transport normalised across OSes; `other` keeps the raw name in `busType`. */
export type DriveBus = 'usb' | 'sd' | 'mmc' | 'other';

/** One volume on a removable disk: the unit a package is copied to (OOBE reads the volume's root). */
export interface RemovableDrive {
  /** Stable while the drive stays attached: `/dev/sdb1` (Linux), `disk4s1` (macOS), `disk2-part1` (Windows). */
  id: string;
  /** Device node of the volume (`/dev/sdb1`, `/dev/disk4s1`) or of the disk on Windows (`\\.\PhysicalDrive2`). */
  devicePath: string;
  /** Root folder of the mounted volume (`/media/tech/STICK`, `/Volumes/STICK`, `E:\`); null when not mounted. */
  mountPoint: string | null;
  /** Volume label, '' when it has none. */
  label: string;
  /** Volume size (the partition, or the whole medium for a partitionless stick). */
  sizeBytes: number;
  /** Free space on the mounted file system; null when unknown (not mounted). */
  freeBytes: number | null;
  bus: DriveBus;
  /** The bus name as the OS reported it (`usb`, `USB`, `SD`). */
  busType: string;
  /** Disk model / media name, '' when unknown. */
  model: string;
  readOnly: boolean;
  /** True only for a mounted, writable volume: the only kind the UI may offer as a copy target. */
  writable: boolean;
  /** Set exactly when `writable` is false. */
  unavailableReason?: DriveUnavailableReason;
}

/** Progress of a copy; `phase` tells whether bytes are being written or read back for verification. */
export interface CopyProgress {
  phase: 'copy' | 'verify';
  bytesDone: number;
  bytesTotal: number;
}

export interface CopyToDriveRequest {
  /** Absolute path of the `.ppkg` to copy. */
  sourcePath: string;
  /** Mount point of the target drive: must be one of the listed writable removable drives. */
  mountPoint: string;
}

export interface CopyToDriveResult {
  /** Absolute path of the copied package in the drive's root. */
  targetPath: string;
  /** Lower-case hex SHA-256 of the source, equal to the bytes read back from the drive. */
  sha256: string;
  bytes: number;
  /**
   * Other `.ppkg` files in the drive's root (file names). OOBE then asks the technician which package to
   * apply, so the UI offers to remove them (removeOtherPackages).
   */
  otherPackages: string[];
}

/** The part of an AbortSignal the copy reads (shared/ has no DOM or Node typings); AbortSignal fits it. */
export interface CancelSignal {
  readonly aborted: boolean;
}

/**
 * The drive operations the main process offers the renderer. Proposed to join `Host` (shared/host.ts) as
 * `interface Host extends DriveHost`; shared/node/drives/drive-host.ts implements it for Node.
 */
export interface DriveHost {
  /** Removable volumes; system and internal disks are never included. */
  listRemovableDrives(): Promise<RemovableDrive[]>;
  /** Copy + fsync + read-back SHA-256 check; refuses anything but a listed writable drive's mount point. */
  copyPackageToDrive(
    request: CopyToDriveRequest,
    onProgress?: (progress: CopyProgress) => void,
    signal?: CancelSignal,
  ): Promise<CopyToDriveResult>;
  /** Deletes the other `.ppkg` files in the drive's root; returns their names. */
  removeOtherPackages(mountPoint: string, keep: string): Promise<string[]>;
}
