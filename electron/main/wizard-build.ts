import { createHash, X509Certificate } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { compilePackage, listAssetReferences } from '../../shared/compiler/compile';
import type { PackageFile } from '../../shared/compiler/compile';
import { CompileError } from '../../shared/compiler/errors';
import type { CustomizationsDocument, OwnerType } from '../../shared/model/customizations-document';
import { writeWim, type WimEntryInput } from '../../shared/node/wim/wim-writer';
import { serializeCustomizationsXml } from '../../shared/xml/customizations';

/**
 * Main-side work for the wizard: certificate inspection and the package build. Kept apart from
 * handlers.ts so the build can switch to shared/node/package/build-package.ts in one line (`buildPpkg`).
 */

export interface CertificateSummary {
  subject: string;
  issuer: string;
  /** Upper-case hex SHA-1 of the DER, as Windows shows a thumbprint. */
  thumbprint: string;
  /** ISO 8601. */
  notAfter: string;
  /** The DER bytes (base64), so the renderer's preview can compile certificate settings. */
  derBase64: string;
}

/** PEM or DER X.509 → summary; null when the bytes are not a certificate. */
export function inspectCertificate(bytes: Uint8Array): CertificateSummary | null {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch {
    return null;
  }
  return {
    subject: certificate.subject.replace(/\n/g, ', '),
    issuer: certificate.issuer.replace(/\n/g, ', '),
    thumbprint: certificate.fingerprint.replace(/:/g, '').toUpperCase(),
    notAfter: new Date(certificate.validTo).toISOString(),
    derBase64: certificate.raw.toString('base64'),
  };
}

// ALTITUDE = owner-type base + rank (ppkg-format.md §NOTES table, OBSERVED OEM+0 = 2000, SI+50 = 3050).
const OWNER_ALTITUDE: Record<OwnerType, number> = {
  Microsoft: 0,
  SiliconVendor: 1000,
  OEM: 2000,
  SystemIntegrator: 3000,
  MobileOperator: 4000,
  ITAdmin: 5000,
};

/** `a/b/c` paths → the WIM directory tree, keeping the compiler's (WCD's) order. */
function toWimEntries(files: readonly PackageFile[]): WimEntryInput[] {
  const root: WimEntryInput[] = [];
  for (const file of files) {
    const parts = file.path.split('/');
    let level = root;
    for (const directory of parts.slice(0, -1)) {
      let found = level.find((entry) => entry.kind === 'directory' && entry.name === directory);
      if (!found) {
        found = { kind: 'directory', name: directory, children: [] };
        level.push(found);
      }
      level = (found as Extract<WimEntryInput, { kind: 'directory' }>).children;
    }
    level.push({ kind: 'file', name: parts[parts.length - 1]!, content: { bytes: file.bytes } });
  }
  return root;
}

export interface BuildRequest {
  doc: CustomizationsDocument;
  customizationsXml: Uint8Array;
  style: 'store' | 'adk';
  targetSkus: 'WindowsCommon,Desktop' | 'Desktop';
  assets: ReadonlyMap<string, Uint8Array>;
  outPath: string;
}

/**
 * Interim build (compilePackage + writeWim) until shared/node/package/build-package.ts lands; its
 * signature matches buildPackage's so the swap is one line in handlers.ts.
 */
export async function buildPpkg(
  request: BuildRequest,
): Promise<{ path: string; size: number; sha256: string }> {
  const files = compilePackage(request.doc, request.customizationsXml, {
    style: request.style,
    targetSkus: request.targetSkus,
    assets: request.assets,
    sha256: (bytes) => new Uint8Array(createHash('sha256').update(bytes).digest()),
  });
  const config = request.doc.packageConfig;
  const bareId = config.id.replace(/^\{|\}$/g, '').toLowerCase();
  await writeWim(request.outPath, {
    entries: toWimEntries(files),
    imageProperties: [
      ['NAME', config.name],
      ['DESCRIPTION', ''],
      [
        'NOTES',
        `VERSION=0.1.0;Source=Template;;TargetSkus=${request.targetSkus};EncryptPackage=False;SignPackage=False;PackageID=${bareId};`,
      ],
      ['AUTHOR', ''],
      ['VERSION', config.version],
      ['ALTITUDE', String(OWNER_ALTITUDE[config.ownerType] + config.rank)],
      ['RESETCLEAR', '0'],
      ['PACKAGEID', `{${bareId}}`],
    ],
  });
  const size = (await stat(request.outPath)).size;
  return { path: request.outPath, size, sha256: '' };
}

export type BuildOutcome =
  | { ok: true; path: string; size: number; sha256: string }
  | { ok: false; settingPath: string; detail: string };

/**
 * Reads every asset (only files the user picked), compiles and writes the .ppkg, and hashes the result.
 * A CompileError comes back as data naming the setting, so the UI can point at the field.
 */
export async function buildWizardPackage(
  doc: CustomizationsDocument,
  outPath: string,
  readAsset: (path: string, settingPath: string) => Promise<Uint8Array>,
  readResult: (path: string) => Promise<Uint8Array>,
): Promise<BuildOutcome> {
  try {
    const assets = new Map<string, Uint8Array>();
    for (const reference of listAssetReferences(doc)) {
      if (!assets.has(reference.recordedPath)) {
        assets.set(reference.recordedPath, await readAsset(reference.recordedPath, reference.settingPath));
      }
    }
    const built = await buildPpkg({
      doc,
      customizationsXml: serializeCustomizationsXml(doc),
      style: 'store',
      targetSkus: 'WindowsCommon,Desktop',
      assets,
      outPath,
    });
    const sha256 = createHash('sha256')
      .update(await readResult(built.path))
      .digest('hex');
    return { ok: true, path: built.path, size: built.size, sha256 };
  } catch (error) {
    if (error instanceof CompileError)
      return { ok: false, settingPath: error.settingPath, detail: error.detail };
    throw error;
  }
}
