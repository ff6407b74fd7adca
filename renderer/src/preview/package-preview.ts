import { compilePackage, listAssetReferences, type PackageFile } from '../../../shared/compiler/compile';
import { CompileError } from '../../../shared/compiler/errors';
import type { CustomizationsDocument } from '../../../shared/model/customizations-document';
import { redactSecrets } from '../../../shared/model/settings-edit';
import { serializeCustomizationsXml } from '../../../shared/xml/customizations';

/** What the preview pane shows: the customizations.xml and the compiled package tree, secrets masked. */
export interface PreviewModel {
  xml: string;
  files: PackageFile[];
  /** Set when the document cannot be compiled yet (e.g. a setting without a value). */
  compileError: { settingPath: string; detail: string } | null;
  /** Assets compiled with placeholder bytes (the real build reads the files in main). */
  placeholderAssets: string[];
}

const decoder = new TextDecoder('utf-8');

export function decodeText(bytes: Uint8Array): string {
  // WCD writes a BOM; the editor should not show it as a stray character.
  return decoder.decode(bytes).replace(/^\uFEFF/, '');
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

export function buildPreview(
  doc: CustomizationsDocument,
  options: { revealSecrets: boolean; certificateDer: Readonly<Record<string, string>> },
): PreviewModel {
  const shown = options.revealSecrets ? doc : redactSecrets(doc);
  const xmlBytes = serializeCustomizationsXml(shown);
  const assets = new Map<string, Uint8Array>();
  const placeholderAssets: string[] = [];
  let compileError: PreviewModel['compileError'] = null;
  let files: PackageFile[] = [];
  try {
    for (const reference of listAssetReferences(shown)) {
      const der = options.certificateDer[reference.recordedPath];
      if (der !== undefined) assets.set(reference.recordedPath, fromBase64(der));
      else {
        assets.set(reference.recordedPath, new Uint8Array());
        placeholderAssets.push(reference.recordedPath);
      }
    }
    files = compilePackage(shown, xmlBytes, {
      style: 'store',
      targetSkus: 'WindowsCommon,Desktop',
      assets,
      // The masked copy is for display; with secrets revealed a missing (masked) secret is reported.
      redactedPreview: !options.revealSecrets,
    });
  } catch (error) {
    if (!(error instanceof CompileError)) throw error;
    compileError = { settingPath: error.settingPath, detail: error.detail };
  }
  return { xml: decodeText(xmlBytes), files, compileError, placeholderAssets };
}
