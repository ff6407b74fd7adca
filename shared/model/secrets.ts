import type { CustomizationsDocument } from './customizations-document';
import { SECRET_MASK, walkSettings } from './settings-edit';

/**
 * Secret settings (passwords, keys, tokens) and the masked placeholder a saved project holds instead of them.
 * `********` is never a value: a secret that reads as the mask is *missing*. Validation reports it at its
 * field, the compiler refuses it, and the CLI / the app fill it from a secrets source before a build.
 */

export interface SecretSetting {
  /** Instance path (`Accounts/Users/User[admin]/Password`). */
  path: string;
  /** Manifest path (`Accounts/Users/User/Password`). */
  manifestPath: string;
  /** True when the value is the `********` placeholder of a saved project (the secret is missing). */
  masked: boolean;
  empty: boolean;
}

export const isMaskedSecret = (text: string | undefined): boolean => text === SECRET_MASK;

/** Every secret leaf of the document, in document order. */
export function listSecretSettings(doc: CustomizationsDocument): SecretSetting[] {
  const found: SecretSetting[] = [];
  walkSettings(doc, ({ node, entry, path, manifestPath }) => {
    if (!entry?.secret || node.children.length > 0) return;
    const text = node.text ?? '';
    found.push({ path, manifestPath, masked: isMaskedSecret(text), empty: text === '' });
  });
  return found;
}

/** Paths of the secrets that hold the masked placeholder instead of a value. */
export function findMaskedSecrets(doc: CustomizationsDocument): string[] {
  return listSecretSettings(doc)
    .filter((secret) => secret.masked)
    .map((secret) => secret.path);
}

/**
 * The environment variable a CLI build reads a secret from: `PPKG_SECRET_` + the instance path upper-cased
 * with every run of other characters turned into `_` (`Accounts/Users/User[admin]/Password` →
 * `PPKG_SECRET_ACCOUNTS_USERS_USER_ADMIN_PASSWORD`).
 */
export function secretEnvironmentName(path: string): string {
  return `PPKG_SECRET_${path
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_|_$/g, '')}`;
}

/** Secret values by instance path (as listSecretSettings names them). */
export type SecretValues = ReadonlyMap<string, string>;

/** The current non-empty, non-masked secret values of the document, by instance path. */
export function collectSecretValues(doc: CustomizationsDocument): Map<string, string> {
  const values = new Map<string, string>();
  walkSettings(doc, ({ node, entry, path }) => {
    if (!entry?.secret || node.children.length > 0) return;
    const text = node.text ?? '';
    if (text !== '' && !isMaskedSecret(text)) values.set(path, text);
  });
  return values;
}

/**
 * Writes the given values into the secrets that are masked (a value the user typed in this session is
 * never overwritten). Mutates `doc`; returns the paths filled. A supplied mask is ignored, so it can never
 * turn back into a "value".
 */
export function fillMaskedSecrets(doc: CustomizationsDocument, values: SecretValues): string[] {
  const filled: string[] = [];
  walkSettings(doc, ({ node, entry, path }) => {
    if (!entry?.secret || node.children.length > 0 || !isMaskedSecret(node.text)) return;
    const value = values.get(path);
    if (value !== undefined && value !== '' && !isMaskedSecret(value)) {
      node.text = value;
      filled.push(path);
    }
  });
  return filled;
}
