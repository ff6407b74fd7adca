import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SigningCertificateStore, StoreSigningCertificate } from '../../host';
import { generatePackagePassword } from './encryption';
import { SigningError } from './signing-error';

/**
 * The Windows user certificate store (CurrentUser\My) through PowerShell, with WCD's filter (§4.3): valid
 * now, a private key, and the DigitalSignature key usage (a certificate without the extension counts, as
 * X509FindType.FindByKeyUsage treats it). Signing exports the chosen certificate to a private temp PFX
 * protected by a one-time password (passed in the environment, never on the command line) and deletes it.
 *
 * UNTESTED here: CI and development run on Linux; this is written against the documented PKI module
 * (Export-PfxCertificate -CryptoAlgorithmOption AES256_SHA256, Windows 10 1709 / Server 2019 and later).
 * A certificate whose key is not exportable (smart card, HSM) fails with PowerShell's message.
 */

const POWERSHELL = 'powershell.exe';
const BASE_ARGUMENTS = ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command'];
const TIMEOUT_MS = 30_000;

const LIST_SCRIPT = [
  '$now = Get-Date;',
  '$ds = [System.Security.Cryptography.X509Certificates.X509KeyUsageFlags]::DigitalSignature;',
  '@(Get-ChildItem Cert:\\CurrentUser\\My | Where-Object {',
  '  $ku = $_.Extensions | Where-Object { $_ -is [System.Security.Cryptography.X509Certificates.X509KeyUsageExtension] } | Select-Object -First 1;',
  '  $_.HasPrivateKey -and $_.NotBefore -le $now -and $_.NotAfter -ge $now -and ($null -eq $ku -or ($ku.KeyUsages -band $ds))',
  '} | ForEach-Object { [pscustomobject]@{ thumbprint = $_.Thumbprint; subject = $_.Subject; issuer = $_.Issuer;',
  "  notAfter = $_.NotAfter.ToUniversalTime().ToString('o') } }) | ConvertTo-Json -Compress",
].join(' ');

function run(script: string, env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      POWERSHELL,
      [...BASE_ARGUMENTS, script],
      { timeout: TIMEOUT_MS, windowsHide: true, env: { ...process.env, ...env }, maxBuffer: 8 << 20 },
      (error, stdout, stderr) =>
        error
          ? reject(new SigningError(`the certificate store could not be read: ${stderr || error.message}`))
          : resolve(stdout),
    );
  });
}

export function parseStoreList(json: string): StoreSigningCertificate[] {
  if (json.trim() === '') return [];
  const parsed = JSON.parse(json) as unknown;
  const list = Array.isArray(parsed) ? parsed : [parsed];
  return list
    .filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null)
    .map((item) => ({
      thumbprint: String(item.thumbprint ?? ''),
      subject: String(item.subject ?? ''),
      issuer: String(item.issuer ?? ''),
      notAfter: String(item.notAfter ?? ''),
    }))
    .filter((item) => /^[0-9A-F]{40}$/i.test(item.thumbprint));
}

export function createWindowsCertificateStore(): SigningCertificateStore {
  return {
    list: async () => parseStoreList(await run(LIST_SCRIPT)),
    async exportPfx(thumbprint) {
      if (!/^[0-9A-F]{40}$/i.test(thumbprint)) throw new SigningError('not a certificate thumbprint');
      const folder = await mkdtemp(join(tmpdir(), 'ppkg-sign-'));
      const file = join(folder, 'signer.pfx');
      const password = generatePackagePassword();
      try {
        await run(
          [
            '$pw = ConvertTo-SecureString -String $env:PPKG_EXPORT_PASSWORD -AsPlainText -Force;',
            `Export-PfxCertificate -Cert "Cert:\\CurrentUser\\My\\${thumbprint}" -FilePath $env:PPKG_EXPORT_FILE`,
            '-Password $pw -CryptoAlgorithmOption AES256_SHA256 | Out-Null',
          ].join(' '),
          { PPKG_EXPORT_PASSWORD: password, PPKG_EXPORT_FILE: file },
        );
        return { pfx: new Uint8Array(await readFile(file)), password };
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    },
  };
}
