import { appendFile, mkdir, rename, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { walkSettings } from '../../shared/model/settings-edit';
import type { CustomizationsDocument } from '../../shared/model/customizations-document';
import { escapeMarkupAndQuotes } from '../../shared/xml/xml-escape';

/**
 * Main's one logger: JSON lines in a file in the app's log folder (Electron's `app.getPath('logs')`).
 * What it writes is limited to an event name and flat fields (channel, code, message, sizes); call arguments
 * and results are never logged. As a second line of defence every secret the caller names (the values of
 * the secret settings in the documents of the call) is replaced by the mask before a line is written.
 */

export type LogLevel = 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | null>;

export interface MainLogger {
  log(level: LogLevel, event: string, fields?: LogFields, secrets?: readonly string[]): void;
  /** Resolves when every line so far is on disk (tests, shutdown). */
  flush(): Promise<void>;
}

const MASK = '********';
/** A log bigger than this at start-up is kept as `<name>.old` and a new one begun. */
const ROTATE_BYTES = 2 * 1024 * 1024;
/** Shorter strings are too likely to be ordinary words to be masked everywhere. */
const MIN_SECRET_LENGTH = 4;

/**
 * Masks every occurrence of each secret, also in the escaped forms an error message may quote it in (JSON,
 * XML), longest first so a secret inside another is not half-masked.
 */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let masked = text;
  const forms = secrets.flatMap((secret) => [
    secret,
    JSON.stringify(secret).slice(1, -1),
    escapeMarkupAndQuotes(secret),
  ]);
  const ordered = [...new Set(forms)]
    .filter((secret) => secret.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length);
  for (const secret of ordered) masked = masked.split(secret).join(MASK);
  return masked;
}

function isDocument(value: unknown): value is CustomizationsDocument {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as CustomizationsDocument).common) &&
    typeof (value as CustomizationsDocument).packageConfig === 'object'
  );
}

/** The values of every secret setting in the documents found (one level deep) in an IPC call's arguments. */
export function secretsInArguments(args: readonly unknown[]): string[] {
  const secrets: string[] = [];
  const visitDocument = (doc: CustomizationsDocument) => {
    try {
      walkSettings(doc, ({ node, entry }) => {
        if (entry?.secret && node.text) secrets.push(node.text);
      });
    } catch {
      // A document the contract rejected may be malformed; nothing to collect from it.
    }
  };
  for (const arg of args) {
    if (isDocument(arg)) visitDocument(arg);
    else if (typeof arg === 'object' && arg !== null)
      for (const value of Object.values(arg)) if (isDocument(value)) visitDocument(value);
  }
  return secrets;
}

export function createFileLogger(file: string, now: () => Date = () => new Date()): MainLogger {
  let pending: Promise<void> = (async () => {
    await mkdir(dirname(file), { recursive: true });
    const size = await stat(file).then(
      (info) => info.size,
      () => 0,
    );
    if (size > ROTATE_BYTES) await rename(file, `${file}.old`);
  })().catch(() => undefined);
  return {
    log(level, event, fields = {}, secrets = []) {
      // Masked field by field before JSON escaping, so a secret holding quotes or backslashes still matches.
      const masked = Object.fromEntries(
        Object.entries(fields).map(([key, value]) => [
          key,
          typeof value === 'string' ? maskSecrets(value, secrets) : value,
        ]),
      );
      const line = JSON.stringify({ time: now().toISOString(), level, event, ...masked });
      // A log that cannot be written must never take the app down with it.
      pending = pending.then(() => appendFile(file, `${line}\n`, { mode: 0o600 })).catch(() => undefined);
    },
    flush: () => pending,
  };
}

/** For code paths that run without a log file (CLI-free unit tests of handlers). */
export const silentLogger: MainLogger = { log: () => undefined, flush: async () => undefined };
