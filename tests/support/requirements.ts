import { describe, it, type TestFunction } from 'vitest';
import { checkRequirements, skippedTitle, type Requirements } from './reference';

export type { Requirements } from './reference';

/**
 * `describe` for a suite that reads third-party reference files or runs an oracle tool (tests/support/reference.ts):
 * runs it when everything is there, skips it (title says what is missing) on a developer machine, and with CI=true
 * replaces it by one failing test whose message names each missing file or tool.
 */
export function describeWith(requirements: Requirements, title: string, body: () => void): void {
  const unmet = checkRequirements(requirements);
  if (unmet.reasons.length === 0) {
    describe(title, body);
  } else if (unmet.strict) {
    describe(title, () => {
      it('has the reference files and oracle tools it needs', () => {
        throw new Error(unmet.reasons.join('\n'));
      });
    });
  } else {
    describe.skip(skippedTitle(title, unmet), body);
  }
}

/** `it` with the same rules as describeWith, for a single test in an otherwise self-contained suite. */
export function itWith(
  requirements: Requirements,
  title: string,
  body: TestFunction,
  timeout?: number,
): void {
  const unmet = checkRequirements(requirements);
  if (unmet.reasons.length === 0) it(title, body, timeout);
  else if (unmet.strict)
    it(title, () => {
      throw new Error(unmet.reasons.join('\n'));
    });
  else it.skip(skippedTitle(title, unmet), body);
}

type EachArgs<T> = T extends readonly unknown[] ? T : [T];

/** `describe.each` with the same rules as describeWith. */
export function describeEachWith<T>(
  requirements: Requirements,
  cases: readonly T[],
  title: string,
  body: (...args: EachArgs<T>) => void,
): void {
  const unmet = checkRequirements(requirements);
  const each = (cases as readonly unknown[]).slice() as unknown as readonly (readonly unknown[])[];
  const run = body as unknown as (...args: unknown[]) => void;
  if (unmet.reasons.length === 0) describe.each(each)(title, run);
  else if (unmet.strict) describeWith(requirements, title, () => undefined);
  else describe.skip.each(each)(skippedTitle(title, unmet), run);
}
