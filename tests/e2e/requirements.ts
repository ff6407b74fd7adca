import { checkRequirements, type Requirements } from '../support/reference';
import { test } from './fixtures';

/**
 * For a spec file (or a test.describe) that needs third-party reference files or oracle tools: the same rules as
 * the Vitest suites (tests/support/reference.ts) — skipped with the reason on a developer machine, every test
 * failing with the missing names under CI=true (unless PPKG_REFERENCE=optional for the files).
 */
export function requireInputs(requirements: Requirements): void {
  const unmet = checkRequirements(requirements);
  if (unmet.reasons.length === 0) return;
  const reason = unmet.reasons.join(' ');
  if (unmet.strict) {
    test.beforeEach(() => {
      throw new Error(reason);
    });
  } else {
    test.skip(true, `skipped: missing ${unmet.missing.join(', ')} — ${reason}`);
  }
}
