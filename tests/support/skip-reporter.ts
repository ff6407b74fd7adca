import type { Reporter, TestModule } from 'vitest/node';
import { REFERENCE_FETCH_COMMAND, SKIP_MARKER } from './reference';

const MARKED = new RegExp(`${SKIP_MARKER.replace(/[[\]]/g, '\\$&')} ([^\\]]+)\\]`);

/**
 * After the run, says how many tests were skipped because a reference file or an oracle tool is missing
 * (suites declared with describeWith, tests/support/requirements.ts) and how to get them.
 */
export default class SkipReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const byCause = new Map<string, number>();
    let total = 0;
    for (const testModule of testModules) {
      for (const test of testModule.children.allTests()) {
        if (test.result().state !== 'skipped') continue;
        const match = MARKED.exec(test.fullName);
        if (!match?.[1]) continue;
        total += 1;
        for (const cause of match[1].split(', ')) byCause.set(cause, (byCause.get(cause) ?? 0) + 1);
      }
    }
    if (total === 0) return;
    const lines = [...byCause].map(([cause, count]) =>
      cause === 'reference files'
        ? `  ${count} need third-party reference files (WCD packages/projects/settings stores, listed in ` +
          `tests/reference/sources.json): run \`${REFERENCE_FETCH_COMMAND}\` or set PPKG_REFERENCE_DIR.`
        : `  ${count} need the oracle tool ${cause} on PATH.`,
    );
    console.log(
      `\n${total} test${total === 1 ? '' : 's'} skipped for missing inputs (with CI=true they fail, unless PPKG_REFERENCE=optional allows missing reference files):\n` +
        `${lines.join('\n')}\n`,
    );
  }
}
