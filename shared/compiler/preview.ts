import type { CustomizationsDocument } from '../model/customizations-document';
import { redactSecrets } from '../model/settings-edit';
import { serializeCustomizationsXmlText } from '../xml/customizations';
import { fromBase64, UTF8_BOM } from './bytes';
import {
  type CompileOptions,
  compilePackageFiles,
  listAssetReferences,
  type PackageTextFile,
} from './compile';
import { CompileError } from './errors';

/**
 * The preview pane's model: customizations.xml and the compiled package tree as text, secrets masked unless
 * revealed. buildPackagePreview compiles it from scratch (the reference); IncrementalPackagePreview
 * (incremental-preview.ts) gives the same result recompiling only the settings groups that changed.
 */
export interface PackagePreview {
  /** customizations.xml as the editor shows it (no BOM). */
  xml: string;
  files: PackageTextFile[];
  /** Set when the document cannot be compiled yet (e.g. a setting without a value). */
  compileError: { settingPath: string; detail: string } | null;
  /** Assets compiled with placeholder bytes (the real build reads the files in main). */
  placeholderAssets: string[];
}

export interface PreviewOptions {
  revealSecrets: boolean;
  /** DER certificates the user picked (Base64), by the path recorded in the setting. */
  certificateDer: Readonly<Record<string, string>>;
}

/** Fixed for the preview: what the wizard builds. */
export const PREVIEW_COMPILE_STYLE = { style: 'store', targetSkus: 'WindowsCommon,Desktop' } as const;

/** The compile options of a preview: secrets shown or masked, assets given or placeholders. */
export function previewCompileOptions(
  options: PreviewOptions,
  assets: ReadonlyMap<string, Uint8Array>,
): CompileOptions {
  // The masked copy is for display; with secrets revealed a missing (masked) secret is reported.
  return { ...PREVIEW_COMPILE_STYLE, assets, redactedPreview: !options.revealSecrets };
}

/** The text as the editor shows it: WCD writes a BOM, which should not show as a stray character. */
export const withoutBom = (text: string): string => (text.startsWith(UTF8_BOM) ? text.slice(1) : text);

/** A package file's size in bytes: its UTF-8 length for text. */
export function packageFileSize(file: PackageTextFile): number {
  return 'text' in file ? utf8Length(file.text) : file.bytes.byteLength;
}

/** UTF-8 length without encoding (a lone surrogate counts as U+FFFD, as TextEncoder writes it). */
export function utf8Length(text: string): number {
  let length = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) length += 1;
    else if (code >= 0xd800 && code <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      length += 2;
      i++;
    } else length += 2;
  }
  return length;
}

/** The bytes the preview compiles an asset with: the picked certificate, or an empty placeholder. */
export function previewAsset(der: string | undefined): Uint8Array | undefined {
  return der === undefined ? undefined : (fromBase64(der) ?? new Uint8Array());
}

/** The whole preview compiled from scratch. */
export function buildPackagePreview(doc: CustomizationsDocument, options: PreviewOptions): PackagePreview {
  const shown = options.revealSecrets ? doc : redactSecrets(doc);
  const xml = serializeCustomizationsXmlText(shown);
  const assets = new Map<string, Uint8Array>();
  const placeholderAssets: string[] = [];
  let compileError: PackagePreview['compileError'] = null;
  let files: PackageTextFile[] = [];
  try {
    for (const reference of listAssetReferences(shown)) {
      const bytes = previewAsset(options.certificateDer[reference.recordedPath]);
      if (bytes) assets.set(reference.recordedPath, bytes);
      else {
        assets.set(reference.recordedPath, new Uint8Array());
        placeholderAssets.push(reference.recordedPath);
      }
    }
    files = compilePackageFiles(shown, xml, previewCompileOptions(options, assets));
  } catch (error) {
    if (!(error instanceof CompileError)) throw error;
    compileError = { settingPath: error.settingPath, detail: error.detail };
  }
  return { xml: withoutBom(xml), files, compileError, placeholderAssets };
}
