import { EXTRA_OVERRIDES } from './overrides';
import { CATALOG } from './settings';

/**
 * Manifest paths of every secret setting the catalog can know: hand-written entries flagged secret, and store
 * settings the overrides flag secret (unless a hand-written entry at that path says otherwise). Kept apart from
 * the catalog index so redaction — loaded by every CLI start — does not load the store facts.
 */
export const SECRET_MANIFEST_PATHS: ReadonlySet<string> = (() => {
  const handWritten = new Map(CATALOG.map((entry) => [entry.path, entry.secret]));
  const paths = new Set<string>();
  for (const [path, secret] of handWritten) if (secret) paths.add(path);
  for (const [path, override] of Object.entries(EXTRA_OVERRIDES))
    if (override.secret && !handWritten.has(path)) paths.add(path);
  return paths;
})();
