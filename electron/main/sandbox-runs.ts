import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { SandboxRun } from '../../shared/ipc/contract';
import { readResultsFolder, settingsToReport } from '../../shared/node/sandbox/results-folder';
import type { ResultsReport } from '../../shared/sandbox/report';
import { RUN_PACKAGE_FILE } from '../../shared/sandbox/wsb';
import { errorMessage } from '../../shared/text/error-message';

/**
 * The app's Windows Sandbox runs (issue #14): one folder per run under the app's data folder, kept for later,
 * with a small facts file beside the parts prepareSandboxRun lays out. Node only, no Electron, so the task
 * worker reads reports here and unit tests run it on a temp folder.
 */

/** What the app records about a run, beside package\, script\, results\ and run.wsb. */
export const RUN_FACTS_FILE = 'ppkg-studio-run.json';
const runFactsSchema = z.object({
  packageName: z.string().min(1).max(255),
  networking: z.boolean(),
  startedAt: z.string().max(64),
});
export type RunFacts = z.infer<typeof runFactsSchema>;

/** A run's status once the script has written its summary: nothing more will come. */
export const isFinalStatus = (status: string): boolean =>
  status === 'complete' || status === 'install-failed' || status === 'timed-out';

/**
 * The report of a run: each setting its package applies, against what the results folder says. A package
 * whose settings cannot be read still gets the run's status and problems.
 */
export async function readRunReport(runFolder: string): Promise<ResultsReport> {
  let settings: Awaited<ReturnType<typeof settingsToReport>> = [];
  let settingsProblem: string | null = null;
  try {
    settings = await settingsToReport({ packagePath: join(runFolder, 'package', RUN_PACKAGE_FILE) });
  } catch (error) {
    settingsProblem = `the package's settings cannot be read (${errorMessage(error)})`;
  }
  const report = await readResultsFolder(join(runFolder, 'results'), settings);
  if (settingsProblem) report.problems.unshift(settingsProblem);
  return report;
}

/** A new, empty run folder named after the time (a second run in the same millisecond gets a suffix). */
export async function createRunFolder(
  runsFolder: string,
  now: Date,
): Promise<{ runId: string; runFolder: string }> {
  await mkdir(runsFolder, { recursive: true });
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  for (let attempt = 0; attempt < 100; attempt++) {
    const runId = attempt === 0 ? stamp : `${stamp}-${attempt + 1}`;
    const runFolder = join(runsFolder, runId);
    try {
      // Not recursive: it fails when the folder exists, so two runs never share one.
      await mkdir(runFolder);
      return { runId, runFolder };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new Error(`${runsFolder}: no free run folder name for ${stamp}`);
}

export async function writeRunFacts(runFolder: string, facts: RunFacts): Promise<void> {
  await writeFile(join(runFolder, RUN_FACTS_FILE), `${JSON.stringify(facts, null, 2)}\n`);
}

/** A kept run's facts; null for a folder that is not one of our runs (or whose facts file was damaged). */
async function readRunFacts(runFolder: string): Promise<RunFacts | null> {
  try {
    const parsed = runFactsSchema.safeParse(
      JSON.parse(await readFile(join(runFolder, RUN_FACTS_FILE), 'utf8')),
    );
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The kept runs of one package (by file name), newest first, each with its report read by `report` (null
 * while the results folder cannot be read yet).
 */
export async function listRuns(
  runsFolder: string,
  packageName: string,
  report: (runFolder: string) => Promise<ResultsReport>,
): Promise<SandboxRun[]> {
  const entries = await readdir(runsFolder, { withFileTypes: true }).catch(() => []);
  const runs: SandboxRun[] = [];
  for (const entry of entries
    .filter((item) => item.isDirectory())
    .sort((a, b) => (a.name < b.name ? 1 : -1))) {
    const runFolder = join(runsFolder, entry.name);
    const facts = await readRunFacts(runFolder);
    if (!facts || facts.packageName !== packageName) continue;
    runs.push({ runId: entry.name, runFolder, ...facts, report: await report(runFolder).catch(() => null) });
  }
  return runs;
}
