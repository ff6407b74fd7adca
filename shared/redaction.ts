import { SECRET_MANIFEST_PATHS } from './catalog/secret-paths';
import type { CustomizationsDocument } from './model/customizations-document';
import type { SettingNode } from './model/settings-tree';

/**
 * The one redaction point for error paths: every message that may mention a secret field (a CSV cell, a
 * setting, a build failure) passes through `redact` before it is shown or logged. Secret values are
 * registered where they are read (project load, CSV rows); messages are also written not to quote values
 * in the first place (XML errors give positions, not fragments), and this is the safety net behind that.
 */

export const REDACTED = '********';

/**
 * Shorter values are not replaced: a one- or two-character "secret" would blank out row numbers and words
 * in every message, and is no secret to begin with.
 */
const MIN_SECRET_LENGTH = 4;

/** Element names that hold secrets even where the catalog does not know the setting. */
export const SECRET_NAME = /password|secret|securitykey|token|bprt|productkey|pin$|key$/i;

export class SecretValues {
  private readonly values = new Set<string>();

  add(value: string | undefined): void {
    if (value === undefined) return;
    for (const candidate of [value, value.trim()])
      if (candidate.length >= MIN_SECRET_LENGTH) this.values.add(candidate);
  }

  /** Registers every secret leaf value of a project (catalog flag, or a secret-looking element name). */
  addDocument(doc: CustomizationsDocument): void {
    for (const value of secretValuesOf(doc)) this.add(value);
  }

  get size(): number {
    return this.values.size;
  }

  /** `text` with every registered value replaced by ********, longest first (one may contain another). */
  redact(text: string): string {
    if (this.values.size === 0) return text;
    let out = text;
    for (const value of [...this.values].sort((a, b) => b.length - a.length))
      out = out.split(value).join(REDACTED);
    return out;
  }
}

/** Secret leaf values of a document, in document order. */
export function secretValuesOf(doc: CustomizationsDocument): string[] {
  const out: string[] = [];
  const walk = (nodes: readonly SettingNode[], manifest: string): void => {
    for (const node of nodes) {
      const path = manifest ? `${manifest}/${node.name}` : node.name;
      if (node.children.length > 0) walk(node.children, path);
      else if (node.text && (SECRET_MANIFEST_PATHS.has(path) || SECRET_NAME.test(node.name)))
        out.push(node.text);
    }
  };
  walk(doc.common, '');
  return out;
}

/**
 * Secrets known to this process (the CLI registers the loaded project's and the CSV's). The CLI's stderr
 * and its error line go through it, so a message that slipped past its source's redaction is still safe.
 */
export const processSecrets = new SecretValues();
