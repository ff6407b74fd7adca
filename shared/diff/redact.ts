import type { SecretDigest } from './side';
import { escapeMarkupAndQuotes } from '../xml/xml-escape';

/**
 * Replaces every secret in a provxml text by a token `********(<8 hex of its keyed digest>)`, so the line
 * diff shows that a secret changed (the token changes) without the value. Two passes:
 * 1. every `value="…"` attribute whose decoded value is a known secret (whatever quoting or escaping);
 * 2. every remaining occurrence, raw or XML-escaped once or twice (a secret inside an escaped WLAN profile),
 *    of a secret at least 4 characters long — shorter ones would blank unrelated text, and pass 1 has them.
 */

export const SECRET_TOKEN_PREFIX = '********';

export function secretToken(value: string, digest: SecretDigest): string {
  return `${SECRET_TOKEN_PREFIX}(${digest(value).slice(0, 8)})`;
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (entity, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(Number.parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(Number.parseInt(lower.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[lower] ?? entity;
  });
}

function escapedForms(value: string): string[] {
  const once = escapeMarkupAndQuotes(value);
  const apostrophe = once.replace(/'/g, '&apos;');
  return [
    ...new Set([escapeMarkupAndQuotes(once), escapeMarkupAndQuotes(apostrophe), once, apostrophe, value]),
  ].sort((a, b) => b.length - a.length);
}

export function redactSecrets(text: string, secrets: ReadonlySet<string>, digest: SecretDigest): string {
  if (secrets.size === 0) return text;
  let out = text.replace(
    /(\bvalue\s*=\s*)(["'])([\s\S]*?)\2/g,
    (whole, head: string, quote: string, raw: string) => {
      const decoded = decodeEntities(raw);
      return secrets.has(decoded) ? `${head}${quote}${secretToken(decoded, digest)}${quote}` : whole;
    },
  );
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length < 4) continue;
    const token = secretToken(secret, digest);
    for (const form of escapedForms(secret)) out = out.split(form).join(token);
  }
  return out;
}
