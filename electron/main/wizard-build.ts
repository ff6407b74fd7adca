import { X509Certificate } from 'node:crypto';
import { listAssetReferences } from '../../shared/compiler/compile';
import { CompileError } from '../../shared/compiler/errors';
import type { CustomizationsDocument } from '../../shared/model/customizations-document';
import { buildPackage } from '../../shared/node/package/build-package';
import type { WriteProgress } from '../../shared/node/wim/wim-writer';
import { serializeCustomizationsXml } from '../../shared/xml/customizations';
import type { SigningCertificateStore } from '../../shared/host';
import type { PackageSecurityRequest } from '../../shared/ipc/contract';
import {
  generatePackagePassword,
  packageKey,
  PackagePasswordError,
} from '../../shared/node/package-security/encryption';
import type { PackageSecurityOptions } from '../../shared/node/package-security/secure-package';
import { SigningError } from '../../shared/node/package-security/signing-error';
import { readAssetFile } from '../../shared/node/file-backed-assets';
import type { CatalogSigner } from '../../shared/node/package-security/signing';
import { WIZARD_PACKAGE_SHAPE } from './wizard-package-shape';

/** The signing code (pkijs, asn1js) is loaded only when a build signs. */
async function loadPfx(pfx: Uint8Array, password: string): Promise<CatalogSigner> {
  return (await import('../../shared/node/package-security/signing')).loadPfx(pfx, password);
}

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

/** The PFX to sign with and its password, for this build only: never stored, opened in the task worker. */
export interface SigningMaterial {
  pfx: Uint8Array;
  password: string;
}

/** Security choices that can cross to the task worker (no key objects): a signer travels as its PFX. */
export type BuildSecurity = Omit<PackageSecurityOptions, 'signer'> & { signing?: SigningMaterial };

type SecurityFailure = Extract<BuildOutcome, { ok: false }>;

/**
 * The Finish page's security choices → build options. The PFX is read through `readPfx` (a file picked in
 * this session) or exported from the user's certificate store; it is opened where the package is built
 * (openBuildSecurity). Its password and the package password are used for this build only and never stored.
 */
export async function resolveBuildSecurity(
  request: PackageSecurityRequest | undefined,
  readPfx: (path: string) => Promise<Uint8Array>,
  store: SigningCertificateStore | undefined,
): Promise<{ ok: true; security: BuildSecurity; generatedPassword?: string } | SecurityFailure> {
  const security: BuildSecurity = { catalog: request?.catalog !== false };
  let generatedPassword: string | undefined;
  try {
    if (request?.sign && 'pfxPath' in request.sign) {
      security.signing = { pfx: await readPfx(request.sign.pfxPath), password: request.sign.password };
    } else if (request?.sign && 'storeThumbprint' in request.sign) {
      if (!store) throw new SigningError('this system has no certificate store PPKG Studio can use');
      security.signing = await store.exportPfx(request.sign.storeThumbprint);
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

/** Opens the PFX of `security` (SigningError on a wrong password or an unusable certificate). */
async function openBuildSecurity({ signing, ...rest }: BuildSecurity): Promise<PackageSecurityOptions> {
  return signing ? { ...rest, signer: await loadPfx(signing.pfx, signing.password) } : rest;
}

type AssetReader = (
  path: string,
  settingPath: string,
  serialization: string | undefined,
) => Promise<Uint8Array>;

/** Reads every asset the document refers to, once per recorded path (only files the user picked). */
async function readWizardAssets(
  doc: CustomizationsDocument,
  readAsset: AssetReader,
): Promise<Map<string, Uint8Array>> {
  const assets = new Map<string, Uint8Array>();
  for (const { recordedPath, settingPath, serialization } of listAssetReferences(doc)) {
    if (!assets.has(recordedPath))
      assets.set(recordedPath, await readAsset(recordedPath, settingPath, serialization));
  }
  return assets;
}

/** The recorded asset paths of `doc`; a file the user did not pick in this session fails at its setting. */
export function pickedAssetPaths(doc: CustomizationsDocument, isPicked: (path: string) => boolean): string[] {
  const paths = new Set<string>();
  for (const { recordedPath, settingPath } of listAssetReferences(doc)) {
    if (!isPicked(recordedPath))
      throw new CompileError(settingPath, 'the file was not picked in this session');
    paths.add(recordedPath);
  }
  return [...paths];
}

/**
 * Reads only the files in `picked` from disk: large installers stay there as file-backed assets (streamed
 * into the package, bounded memory, over 2 GiB too), the rest is read.
 */
function pickedAssetReader(picked: readonly string[]): AssetReader {
  const allowed = new Set(picked);
  return async (path, settingPath, serialization) => {
    if (!allowed.has(path)) throw new CompileError(settingPath, 'the file was not picked in this session');
    try {
      return await readAssetFile(path, serialization);
    } catch {
      throw new CompileError(settingPath, 'the file could not be read');
    }
  };
}

/** The document's assets, reading only the files in `picked` (large installers stay on disk as placeholders). */
export function readPickedWizardAssets(
  doc: CustomizationsDocument,
  picked: readonly string[],
): Promise<Map<string, Uint8Array>> {
  return readWizardAssets(doc, pickedAssetReader(picked));
}

/** A CompileError or SigningError as the outcome naming its field (the UI points at it); others rethrown. */
function buildFailure(error: unknown): BuildOutcome {
  if (error instanceof CompileError)
    return { ok: false, settingPath: error.settingPath, detail: error.detail };
  if (error instanceof SigningError)
    return { ok: false, settingPath: SECURITY_FIELDS.sign, detail: error.message };
  throw error;
}

export interface BuildListeners {
  onStep?: (step: 'compile' | 'write') => void;
  onWriteProgress?: (progress: WriteProgress) => void;
}

/**
 * Compiles and writes the .ppkg from assets already read, and hashes the result.
 * A CompileError comes back as data naming the setting, so the UI can point at the field.
 */
async function buildWizardPackageFromAssets(
  doc: CustomizationsDocument,
  outPath: string,
  assets: Map<string, Uint8Array>,
  listeners: BuildListeners = {},
  security: PackageSecurityOptions = {},
  generatedPassword?: string,
): Promise<BuildOutcome> {
  try {
    const built = await buildPackage({
      doc,
      customizationsXml: serializeCustomizationsXml(doc),
      ...WIZARD_PACKAGE_SHAPE,
      assets,
      outPath,
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
    return buildFailure(error);
  }
}

/** Everything a wizard build needs, serializable: what main sends to the task worker. */
export interface WizardBuildRequest {
  doc: CustomizationsDocument;
  outPath: string;
  /** Asset files main checked the user picked in this session (pickedAssetPaths); nothing else is read. */
  pickedAssets: string[];
  security: BuildSecurity;
  generatedPassword?: string;
}

/**
 * The wizard's build from files (the task worker): opens the PFX first, so a wrong password is reported
 * before a large installer is hashed, then reads the picked assets (large ones stay on disk) and builds.
 */
export async function buildWizardPackageFromFiles(
  request: WizardBuildRequest,
  listeners: BuildListeners = {},
): Promise<BuildOutcome> {
  try {
    const security = await openBuildSecurity(request.security);
    const assets = await readPickedWizardAssets(request.doc, request.pickedAssets);
    return await buildWizardPackageFromAssets(
      request.doc,
      request.outPath,
      assets,
      listeners,
      security,
      request.generatedPassword,
    );
  } catch (error) {
    return buildFailure(error);
  }
}

/** Reads the assets, then compiles and writes the .ppkg in this thread (unit tests; the app uses the worker). */
export async function buildWizardPackage(
  doc: CustomizationsDocument,
  outPath: string,
  readAsset: AssetReader,
  security: PackageSecurityOptions = {},
  generatedPassword?: string,
): Promise<BuildOutcome> {
  try {
    const assets = await readWizardAssets(doc, readAsset);
    return await buildWizardPackageFromAssets(doc, outPath, assets, {}, security, generatedPassword);
  } catch (error) {
    return buildFailure(error);
  }
}
