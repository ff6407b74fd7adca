import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { CustomizationsDocument } from '../../shared/model/customizations-document';
import { fillMaskedSecrets, findMaskedSecrets, secretEnvironmentName } from '../../shared/model/secrets';
import {
  generatePackagePassword,
  packageKey,
  PackagePasswordError,
} from '../../shared/node/package-security/encryption';
import type { PackageSecurityOptions } from '../../shared/node/package-security/secure-package';
import { InputError, UsageError } from './exit-codes';
import type { CliIo } from './run-cli';

/**
 * Secrets and package-security flags of the CLI. Secrets (project secrets, the package password, the PFX
 * password) come from files or environment variables only, never from arguments that land in shell history.
 */

/** A password file holds the password on its first line (a trailing newline is not part of it). */
export async function readPasswordFile(path: string, what: string): Promise<string> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read the ${what} file ${path} (${error.code ?? error.message})`);
  });
  return text.split(/\r?\n/)[0] ?? '';
}

/** `--secrets-file`: a JSON object `{ "<setting path>": "<value>" }`. */
async function readSecretsFile(path: string): Promise<Map<string, string>> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read the secrets file ${path} (${error.code ?? error.message})`);
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // JSON.parse's message may quote the file's text, i.e. a secret: say only where.
    throw new InputError(`${path}: not valid JSON (expected {"<setting path>": "<value>", …})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new InputError(`${path}: expected a JSON object {"<setting path>": "<value>", …}`);
  const values = new Map<string, string>();
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value !== 'string') throw new InputError(`${path}: the value of "${key}" is not a string`);
    values.set(key, value);
  }
  return values;
}

/**
 * Fills the secrets a saved project holds masked (`********`) from `PPKG_SECRET_<PATH>` environment
 * variables and `--secrets-file`. Returns true when something was filled (the caller must then embed
 * the re-serialised customizations.xml, not the masked file). Secrets still masked stay masked:
 * validation reports each one at its field.
 */
export async function fillSecrets(
  doc: CustomizationsDocument,
  secretsFile: string | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<boolean> {
  const masked = findMaskedSecrets(doc);
  if (masked.length === 0) return false;
  const values = secretsFile ? await readSecretsFile(secretsFile) : new Map<string, string>();
  for (const path of masked) {
    const fromEnv = env[secretEnvironmentName(path)];
    if (fromEnv !== undefined && !values.has(path)) values.set(path, fromEnv);
  }
  return fillMaskedSecrets(doc, values).length > 0;
}

/** Adds `--secrets-file` to a project command. */
export function addSecretsOption(command: Command): Command {
  return command.option(
    '--secrets-file <file>',
    'JSON {"<setting path>": "<value>"} for secrets the project holds masked (or set PPKG_SECRET_<PATH>)',
  );
}

export interface SigningFlags {
  cat?: boolean;
  signPfx?: string;
  pfxPasswordFile?: string;
  timestampUrl?: string;
}

export interface EncryptionFlags {
  encrypt?: boolean;
  passwordFile?: string;
}

/** `--no-cat`, `--sign-pfx`, `--pfx-password-file`, `--timestamp-url` (build and batch). */
export function addSigningOptions(command: Command): Command {
  return command
    .option('--no-cat', 'do not write <name>.cat beside the package (WCD always writes one)')
    .option('--sign-pfx <file>', 'sign the .cat (never the package) with the certificate + key in this PFX')
    .option(
      '--pfx-password-file <file>',
      'file holding the PFX password (default: PPKG_PFX_PASSWORD, else empty)',
    )
    .option('--timestamp-url <url>', 'RFC 3161 timestamp server for the signature');
}

/** `--encrypt [--password-file]` (build). */
export function addEncryptionOptions(command: Command): Command {
  return command
    .option('--encrypt', 'encrypt the package (WCD format; a password is generated unless --password-file)')
    .option('--password-file <file>', 'file holding the package password (1–16 ASCII characters)');
}

/** Turns the flags into build options; a generated package password is printed once, to stderr. */
export async function securityFromFlags(
  flags: SigningFlags & EncryptionFlags,
  io: CliIo,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<PackageSecurityOptions> {
  const security: PackageSecurityOptions = { catalog: flags.cat !== false };
  if (flags.signPfx) {
    if (flags.cat === false)
      throw new UsageError('--sign-pfx signs the .cat: it cannot be combined with --no-cat');
    const password = flags.pfxPasswordFile
      ? await readPasswordFile(flags.pfxPasswordFile, 'PFX password')
      : (env.PPKG_PFX_PASSWORD ?? '');
    const pfx = await readFile(flags.signPfx).catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`cannot read the PFX ${flags.signPfx} (${error.code ?? error.message})`);
    });
    // Loaded only here: the signing code (pkijs) is most of what a build would otherwise parse at start.
    const { loadPfx, SigningError } = await import('../../shared/node/package-security/signing');
    try {
      security.signer = await loadPfx(new Uint8Array(pfx), password);
    } catch (error) {
      if (error instanceof SigningError) throw new InputError(`${flags.signPfx}: ${error.message}`);
      throw error;
    }
  } else if (flags.pfxPasswordFile || flags.timestampUrl) {
    throw new UsageError('--pfx-password-file and --timestamp-url need --sign-pfx');
  }
  if (flags.timestampUrl) security.timestampUrl = flags.timestampUrl;
  if (flags.passwordFile && !flags.encrypt) throw new UsageError('--password-file needs --encrypt');
  if (flags.encrypt) {
    let password: string;
    if (flags.passwordFile) {
      password = await readPasswordFile(flags.passwordFile, 'package password');
      try {
        packageKey(password);
      } catch (error) {
        if (error instanceof PackagePasswordError)
          throw new UsageError(`${flags.passwordFile}: ${error.message}`);
        throw error;
      }
    } else {
      password = generatePackagePassword();
      // Shown once, on stderr only (stdout may be logged by scripts); never written anywhere else.
      io.stderr(`Package password (shown once, store it safely): ${password}\n`);
    }
    security.encryptionPassword = password;
  }
  return security;
}

/** The package password for inspect / extract: `--password-file`, else PPKG_PASSWORD. */
export async function packagePasswordFrom(
  passwordFile: string | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<string | undefined> {
  if (passwordFile) return readPasswordFile(passwordFile, 'package password');
  return env.PPKG_PASSWORD;
}
