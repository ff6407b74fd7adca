import { X509Certificate } from 'node:crypto';
import { listAssetReferences } from '../../shared/compiler/compile';
import { CompileError } from '../../shared/compiler/errors';
import type { CustomizationsDocument } from '../../shared/model/customizations-document';
import { buildPackage } from '../../shared/node/package/build-package';
import type { WriteProgress } from '../../shared/node/wim/wim-writer';
import { serializeCustomizationsXml } from '../../shared/xml/customizations';
import { DESKTOP_WIZARD_SCENARIO_ID } from '../../shared/xml/icdproj';
import type { SigningCertificateStore } from '../../shared/host';
import type { PackageSecurityRequest } from '../../shared/ipc/contract';
import {
  generatePackagePassword,
  packageKey,
  PackagePasswordError,
} from '../../shared/node/package-security/encryption';
import type { PackageSecurityOptions } from '../../shared/node/package-security/secure-package';
import { loadPfx, SigningError } from '../../shared/node/package-security/signing';

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
  | {
      ok: true;
      path: string;
      size: number;
      sha256: string;
      catalogPath: string | null;
      encrypted: boolean;
      signed: boolean;
      generatedPassword?: string;
    }
  | { ok: false; settingPath: string; detail: string };

/** Where security problems point in the Finish page (not settings of customizations.xml). */
export const SECURITY_FIELDS = {
  sign: 'PackageSecurity/Sign',
  encrypt: 'PackageSecurity/Encrypt',
} as const;

/**
 * The Finish page's security choices → build options. The PFX is read through `readPfx` (a file picked in
 * this session); its password and the package password are used for this build only and never stored.
 */
export async function resolveBuildSecurity(
  request: PackageSecurityRequest | undefined,
  readPfx: (path: string) => Promise<Uint8Array>,
  store: SigningCertificateStore | undefined,
): Promise<
  | { ok: true; security: PackageSecurityOptions; generatedPassword?: string }
  | { ok: false; settingPath: string; detail: string }
> {
  const security: PackageSecurityOptions = { catalog: request?.catalog !== false };
  let generatedPassword: string | undefined;
  try {
    if (request?.sign && 'pfxPath' in request.sign) {
      security.signer = await loadPfx(await readPfx(request.sign.pfxPath), request.sign.password);
    } else if (request?.sign && 'storeThumbprint' in request.sign) {
      if (!store) throw new SigningError('this system has no certificate store PPKG Studio can use');
      const exported = await store.exportPfx(request.sign.storeThumbprint);
      security.signer = await loadPfx(exported.pfx, exported.password);
    }
  } catch (error) {
    if (error instanceof SigningError || error instanceof CompileError)
      return { ok: false, settingPath: SECURITY_FIELDS.sign, detail: error.message };
    throw error;
  }
  if (request?.timestampUrl) security.timestampUrl = request.timestampUrl;
  if (request?.encrypt) {
    const password = request.encrypt.password ?? generatePackagePassword();
    try {
      packageKey(password);
    } catch (error) {
      if (error instanceof PackagePasswordError)
        return { ok: false, settingPath: SECURITY_FIELDS.encrypt, detail: error.message };
      throw error;
    }
    security.encryptionPassword = password;
    if (request.encrypt.password === null) generatedPassword = password;
  }
  return { ok: true, security, ...(generatedPassword ? { generatedPassword } : {}) };
}

/** Reads every asset the document refers to, once per recorded path (only files the user picked). */
export async function readWizardAssets(
  doc: CustomizationsDocument,
  readAsset: (path: string, settingPath: string) => Promise<Uint8Array>,
): Promise<Map<string, Uint8Array>> {
  const assets = new Map<string, Uint8Array>();
  for (const reference of listAssetReferences(doc)) {
    if (!assets.has(reference.recordedPath)) {
      assets.set(reference.recordedPath, await readAsset(reference.recordedPath, reference.settingPath));
    }
  }
  return assets;
}

export interface BuildListeners {
  onStep?: (step: 'compile' | 'write') => void;
  onWriteProgress?: (progress: WriteProgress) => void;
}

/**
 * Compiles and writes the .ppkg from assets already read, and hashes the result (runs in the task worker).
 * A CompileError comes back as data naming the setting, so the UI can point at the field.
 */
export async function buildWizardPackageFromAssets(
  doc: CustomizationsDocument,
  outPath: string,
  assets: Map<string, Uint8Array>,
  listeners: BuildListeners = {},
  security: PackageSecurityOptions = {},
  generatedPassword?: string,
): Promise<BuildOutcome> {
  try {
    // The wizard's output: WindowsCommon + Desktop and the desktop wizard's ScenarioId in NOTES (§2.11).
    const built = await buildPackage({
      doc,
      customizationsXml: serializeCustomizationsXml(doc),
      style: 'store',
      targetSkus: 'WindowsCommon,Desktop',
      assets,
      outPath,
      scenarioId: DESKTOP_WIZARD_SCENARIO_ID,
      security,
      onProgress: (step) => {
        if (step !== 'done') listeners.onStep?.(step);
      },
      ...(listeners.onWriteProgress ? { onWriteProgress: listeners.onWriteProgress } : {}),
    });
    return {
      ok: true,
      path: built.path,
      size: built.size,
      sha256: built.sha256,
      catalogPath: built.catalogPath,
      encrypted: built.encrypted,
      signed: built.signed,
      ...(generatedPassword ? { generatedPassword } : {}),
    };
  } catch (error) {
    if (error instanceof CompileError)
      return { ok: false, settingPath: error.settingPath, detail: error.detail };
    if (error instanceof SigningError)
      return { ok: false, settingPath: SECURITY_FIELDS.sign, detail: error.message };
    throw error;
  }
}

/** Reads the assets, then compiles and writes the .ppkg in this thread (unit tests; the app uses the worker). */
export async function buildWizardPackage(
  doc: CustomizationsDocument,
  outPath: string,
  readAsset: (path: string, settingPath: string) => Promise<Uint8Array>,
  security: PackageSecurityOptions = {},
  generatedPassword?: string,
): Promise<BuildOutcome> {
  try {
    const assets = await readWizardAssets(doc, readAsset);
    return await buildWizardPackageFromAssets(doc, outPath, assets, {}, security, generatedPassword);
  } catch (error) {
    if (error instanceof CompileError)
      return { ok: false, settingPath: error.settingPath, detail: error.detail };
    throw error;
  }
}
