import type { PackageFile } from '../../compiler/compile';
import { fileBackedAsset } from '../file-backed-assets';
import type { WimDirectoryInput, WimEntryInput } from '../wim/wim-writer';

/**
 * The compiled files as the WIM dentry tree in WCD's order (docs/format/ppkg-format.md §2.5, §3.1) [OBS]:
 * the root holds Multivariant, CommonSettings, DataAsset in that (insertion) order; inside a folder the
 * files come first, sorted ordinally ignoring case (`0__…`, `10__…`, `1__…`; `customizations.xml` before
 * `MasterDatastore.xml`), then the subfolders in the order the compiler produced them.
 */
export function packageTree(files: readonly PackageFile[]): WimEntryInput[] {
  const root: WimDirectoryInput = { kind: 'directory', name: '', children: [] };
  for (const file of files) {
    const parts = file.path.split('/');
    let folder = root;
    for (const name of parts.slice(0, -1)) {
      let child = folder.children.find(
        (entry): entry is WimDirectoryInput => entry.kind === 'directory' && entry.name === name,
      );
      if (!child) {
        child = { kind: 'directory', name, children: [] };
        folder.children.push(child);
      }
      folder = child;
    }
    // A large asset stays on disk: the writer streams it from its file (file-backed-assets.ts).
    const onDisk = fileBackedAsset(file.bytes);
    folder.children.push({
      kind: 'file',
      name: parts[parts.length - 1] ?? '',
      content: onDisk ? { path: onDisk.path } : { bytes: file.bytes },
    });
  }
  sortWcdStyle(root);
  return root.children;
}

/** Windows compares names by upper-casing them (ordinal, invariant) [INF from NTFS/.NET OrdinalIgnoreCase]. */
function compareOrdinalIgnoreCase(a: string, b: string): number {
  const left = a.toUpperCase();
  const right = b.toUpperCase();
  return left < right ? -1 : left > right ? 1 : 0;
}

function sortWcdStyle(folder: WimDirectoryInput): void {
  const files = folder.children.filter((entry) => entry.kind === 'file');
  const folders = folder.children.filter((entry) => entry.kind === 'directory');
  files.sort((a, b) => compareOrdinalIgnoreCase(a.name, b.name));
  folder.children = [...files, ...folders];
  for (const child of folders) sortWcdStyle(child);
}
