import { toBase64 } from './bytes';
import { writeElementsIndex } from './multivariant';
import { escapeAttribute } from '../xml/xml-escape';

/** One file-copy asset (docs/format/compile-rules.md §2.7). */
export interface FileCopyAsset {
  /** 0-based build index over all file-copy assets of the package. */
  index: number;
  /** SHA-256 of the file content. */
  sha256: Uint8Array;
  /** File name as it goes into the package: the last component of the recorded source path. */
  fileName: string;
  /** Instance path of the asset setting, e.g. `/ProvisioningCommands/DeviceContext/CommandFiles/0`. */
  instancePath: string;
  /** Store node name of the asset setting (`CommandFile`, `Dependency`). */
  nodeName: string;
}

/**
 * `<k>_<base64(SHA-256)>` with `/` → `.` and `=` padding kept (docs/format/ppkg-format.md §3.2, OBSERVED on the .ps1,
 * both MSIs and a third-party name).
 */
export function assetFolderName(asset: Pick<FileCopyAsset, 'index' | 'sha256'>): string {
  return `${asset.index}_${toBase64(asset.sha256).replaceAll('/', '.')}`;
}

/** The parm name and DataAsset.xml key: `<k>_<b64>\<file>`. */
export function assetKey(asset: FileCopyAsset): string {
  return `${assetFolderName(asset)}\\${asset.fileName}`;
}

/** Package path of the payload: `DataAsset/2/<k>_<b64>/<file>` (the element index, 2 but in multivariant packages). */
export function assetPackagePath(asset: FileCopyAsset, elementIndex = 2): string {
  return `DataAsset/${elementIndex}/${assetFolderName(asset)}/${asset.fileName}`;
}

/** The file name ICD packages: the last component of the recorded path, `\` or `/` separated. */
export function assetFileName(recordedPath: string): string {
  const parts = recordedPath.split(/[\\/]/);
  return parts[parts.length - 1] ?? recordedPath;
}

/**
 * `DataAsset/DataAsset.xml` (OBSERVED acer, osd-invoke): after the Index-2 frame, a `Name` metadata entry,
 * then one `Metadata Key="<k>_<b64>\<file>" Value="<instance path>"` per asset. The `Name` value is the
 * asset setting's node name — `CommandFile` in both samples; taking it from the first asset is INFERRED for
 * packages whose assets are of several kinds (docs/format/compile-rules.md §5 item 2).
 */
export function writeDataAssetIndex(assets: readonly FileCopyAsset[], elementIndex = 2): string {
  const body = [`    <Metadata Key="Name" Value="${escapeAttribute(assets[0]?.nodeName ?? '')}" />`];
  for (const asset of assets) {
    body.push(
      `    <Metadata Key="${escapeAttribute(assetKey(asset))}" Value="${escapeAttribute(asset.instancePath)}" />`,
    );
  }
  return writeElementsIndex('DataAsset', [{ index: elementIndex, body }]);
}
