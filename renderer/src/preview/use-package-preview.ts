import { useMemo, useState } from 'react';
import { decodeTextFile } from '../../../shared/compiler/bytes';
import type { PackageTextFile } from '../../../shared/compiler/compile';
import { IncrementalPackagePreview } from '../../../shared/compiler/incremental-preview';
import { type PackagePreview, withoutBom } from '../../../shared/compiler/preview';
import type { CustomizationsDocument } from '../../../shared/model/customizations-document';

/**
 * The preview of the document being edited: customizations.xml and the compiled package tree as text.
 * One incremental compiler per preview pane, so a keystroke recompiles only the settings group it changed
 * (shared/compiler/incremental-preview.ts).
 */
export function usePackagePreview(
  doc: CustomizationsDocument,
  revealSecrets: boolean,
  certificateDer: Readonly<Record<string, string>>,
): PackagePreview {
  const [compiler] = useState(() => new IncrementalPackagePreview());
  return useMemo(
    () => compiler.update(doc, { revealSecrets, certificateDer }),
    [compiler, doc, revealSecrets, certificateDer],
  );
}

const isXmlPath = (path: string) => /\.(xml|provxml)$/i.test(path);

/** What the editor shows of a package file: its text without the BOM; null for a binary file. */
export function previewFileText(file: PackageTextFile): string | null {
  if ('text' in file) return withoutBom(file.text);
  return isXmlPath(file.path) ? decodeTextFile(file.bytes) : null;
}
