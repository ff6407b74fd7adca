import { X509Certificate } from 'node:crypto';
import { listAssetReferences } from '../../shared/compiler/compile';
import { CompileError } from '../../shared/compiler/errors';
import type { CustomizationsDocument } from '../../shared/model/customizations-document';
import { buildPackage } from '../../shared/node/package/build-package';
import { serializeCustomizationsXml } from '../../shared/xml/customizations';
import { DESKTOP_WIZARD_SCENARIO_ID } from '../../shared/xml/icdproj';

/** Main-side work for the wizard: certificate inspection and the package build. */

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
): Promise<BuildOutcome> {
  try {
    const assets = new Map<string, Uint8Array>();
    for (const reference of listAssetReferences(doc)) {
      if (!assets.has(reference.recordedPath)) {
        assets.set(reference.recordedPath, await readAsset(reference.recordedPath, reference.settingPath));
      }
    }
    // The wizard's output: WindowsCommon + Desktop and the desktop wizard's ScenarioId in NOTES (§2.11).
    const built = await buildPackage({
      doc,
      customizationsXml: serializeCustomizationsXml(doc),
      style: 'store',
      targetSkus: 'WindowsCommon,Desktop',
      assets,
      outPath,
      scenarioId: DESKTOP_WIZARD_SCENARIO_ID,
    });
    return { ok: true, path: built.path, size: built.size, sha256: built.sha256 };
  } catch (error) {
    if (error instanceof CompileError)
      return { ok: false, settingPath: error.settingPath, detail: error.detail };
    throw error;
  }
}
