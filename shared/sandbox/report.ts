import type { SettingNode } from '../model/settings-tree';
import { ProjectFileError } from '../xml/errors';
import { decodeXmlText } from '../xml/xml-text';
import { parseXmlTree } from '../xml/xml-tree';

/**
 * Reads the results folder Test-ProvisioningPackage.ps1 writes (in Windows Sandbox or on a test device) into
 * one report: the run's status, and per setting of the project applied / failed (with the event's error) /
 * not reported. Pure: the caller hands in the files' text (undefined when missing).
 *
 * Events of Microsoft-Windows-Provisioning-Diagnostics-Provider/Admin used (IDs and message templates as
 * Microsoft's provider manifest lists them): 10 "Configuring ProvXML with category '%1'" (%2 = the CSP
 * path), 11 "ProvXML category '%1' completed successfully", 12 "ProvXML category '%1' failed with '%HRESULT'
 * at CSP node '%2'", 20/21/22 package applying / completed / failed with an HRESULT.
 */

export const RESULTS_SCHEMA = 'ppkg-studio-sandbox-results/1';

export type SettingOutcome = 'applied' | 'failed' | 'not-reported';

export interface ReportedSetting {
  settingPath: string;
  cspPath: string;
  outcome: SettingOutcome;
  /** For failed: the event's HRESULT (e.g. 0x80070057) and CSP node. */
  error?: string;
  /** What the outcome rests on ("event 12 at …", "event 10 without completion", …). */
  evidence: string;
}

export interface ResultsInput {
  summaryJson?: string;
  eventsXml?: string;
  packagesJson?: string;
}

export interface ProjectSettingRef {
  settingPath: string;
  cspPath: string;
}

export interface ProvisioningEvent {
  id: number;
  time: string;
  data: Array<[name: string, value: string]>;
}

export interface ResultsReport {
  /** complete / install-failed / timed-out / running (cut short) / unknown. */
  status: string;
  startedAt: string | null;
  finishedAt: string | null;
  install: { ok: boolean; error: string | null };
  /** Package-level events: applied, completed, failed (with HRESULT). */
  packageEvents: Array<{ id: number; time: string; text: string }>;
  /** Installed packages as Get-ProvisioningPackage listed them (name, id, result fields as given). */
  installedPackages: Array<Record<string, string>>;
  settings: ReportedSetting[];
  /** CSP paths events name that no project setting has (what else the device applied or failed). */
  unmatchedEvents: Array<{ id: number; cspPath: string; error?: string }>;
  /** Missing, partial or malformed results, each a sentence naming the file. */
  problems: string[];
}

function parseJson(text: string, file: string, problems: string[]): unknown {
  try {
    // PowerShell's Set-Content -Encoding UTF8 writes a BOM.
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    problems.push(
      `${file} is not valid JSON (${(error as Error).message}); the run's results are incomplete`,
    );
    return undefined;
  }
}

const childrenNamed = (node: SettingNode, name: string) =>
  node.children.filter((child) => child.name === name);
const attributeOf = (node: SettingNode, name: string) => node.attributes.find(([key]) => key === name)?.[1];

/** Events of the exported log (an <Events> root holding each event's ToXml()). Throws ProjectFileError. */
export function parseEventsXml(text: string): ProvisioningEvent[] {
  const root = parseXmlTree(decodeXmlText(text, 'events.xml').text, 'events.xml');
  if (root.name !== 'Events')
    throw new ProjectFileError('events.xml', root.name, `expected an <Events> root, found <${root.name}>`);
  return childrenNamed(root, 'Event').map((event, index) => {
    const system = childrenNamed(event, 'System')[0];
    const idText = system ? childrenNamed(system, 'EventID')[0]?.text : undefined;
    if (!idText || !/^\d+$/.test(idText.trim()))
      throw new ProjectFileError(
        'events.xml',
        `Event[${index + 1}]/System/EventID`,
        'missing or not a number',
      );
    const created = system ? childrenNamed(system, 'TimeCreated')[0] : undefined;
    const eventData = childrenNamed(event, 'EventData')[0];
    const data = (eventData ? childrenNamed(eventData, 'Data') : []).map(
      (item, position): [string, string] => [
        attributeOf(item, 'Name') ?? `#${position + 1}`,
        item.text ?? '',
      ],
    );
    return { id: Number(idText.trim()), time: (created && attributeOf(created, 'SystemTime')) ?? '', data };
  });
}

/** A field by name, else by position (the manifest's order), so renamed fields still read. */
function field(event: ProvisioningEvent, name: string, position: number): string {
  return (
    event.data.find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1] ??
    event.data[position]?.[1] ??
    ''
  );
}

const segmentsOf = (path: string) => path.split('/').filter(Boolean);

/** Whether an event's CSP path names this setting: equal, or one is a characteristic above the other. */
function pathsMeet(eventPath: string, settingPath: string): boolean {
  const a = segmentsOf(eventPath);
  const b = segmentsOf(settingPath);
  const shared = Math.min(a.length, b.length);
  if (shared === 0) return false;
  for (let i = 0; i < shared; i++) {
    const x = a[i]!;
    const y = b[i]!;
    // The compiler writes $(__PackageID)-style placeholders the engine replaces on the device.
    if (x.startsWith('$(') || y.startsWith('$(')) continue;
    if (x.toLowerCase() !== y.toLowerCase()) return false;
  }
  return true;
}

function formatHresult(value: string): string {
  const trimmed = value.trim();
  if (/^-?\d+$/.test(trimmed))
    return `0x${(Number(trimmed) >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
  return trimmed;
}

function asRecords(value: unknown): Array<Record<string, string>> {
  const list = Array.isArray(value) ? value : value && typeof value === 'object' ? [value] : [];
  return list
    .filter((item): item is Record<string, unknown> => !!item && typeof item === 'object')
    .map((item) =>
      Object.fromEntries(
        Object.entries(item)
          .filter(([, v]) => v === null || ['string', 'number', 'boolean'].includes(typeof v))
          .map(([k, v]) => [k, v === null ? '' : String(v)]),
      ),
    );
}

export function readResults(input: ResultsInput, settings: readonly ProjectSettingRef[]): ResultsReport {
  const problems: string[] = [];
  let status = 'unknown';
  let startedAt: string | null = null;
  let finishedAt: string | null = null;
  const install = { ok: false, error: null as string | null };

  if (input.summaryJson === undefined) {
    problems.push(
      'summary.json is missing: the script did not run, or this is not its results folder (Windows Sandbox maps it as C:\\PPKGStudio\\results)',
    );
  } else {
    const summary = parseJson(input.summaryJson, 'summary.json', problems) as
      | Record<string, unknown>
      | undefined;
    if (summary !== undefined) {
      if (typeof summary !== 'object' || summary === null || summary.schema !== RESULTS_SCHEMA) {
        problems.push(
          `summary.json is not from Test-ProvisioningPackage.ps1 (schema is not "${RESULTS_SCHEMA}")`,
        );
      } else {
        status = typeof summary.status === 'string' ? summary.status : 'unknown';
        startedAt = typeof summary.startedAt === 'string' ? summary.startedAt : null;
        finishedAt = typeof summary.finishedAt === 'string' ? summary.finishedAt : null;
        const installed = summary.install as { ok?: unknown; error?: unknown } | undefined;
        install.ok = installed?.ok === true;
        install.error = typeof installed?.error === 'string' ? installed.error : null;
        if (status === 'running')
          problems.push(
            'the run did not finish (summary.json still says "running"): the sandbox was closed or the device restarted before the script wrote its results; what is here is partial',
          );
        if (status === 'timed-out')
          problems.push(
            'provisioning did not report completion before the timeout: settings without events may still apply',
          );
        if (Array.isArray(summary.errors))
          for (const item of summary.errors as Array<{ step?: unknown; message?: unknown }>)
            problems.push(
              `the script's ${String(item.step ?? 'step')} step failed: ${String(item.message ?? '')}`,
            );
      }
    }
  }

  let installedPackages: Array<Record<string, string>> = [];
  if (input.packagesJson === undefined) {
    if (status !== 'running')
      problems.push('provisioning-packages.json is missing (Get-ProvisioningPackage did not run)');
  } else {
    const parsed = parseJson(input.packagesJson, 'provisioning-packages.json', problems);
    installedPackages = parsed === undefined ? [] : asRecords(parsed);
  }

  let events: ProvisioningEvent[] = [];
  if (input.eventsXml === undefined) {
    problems.push('events.xml is missing: no setting can be reported as applied or failed');
  } else {
    try {
      events = parseEventsXml(input.eventsXml);
    } catch (error) {
      problems.push(`events.xml cannot be read (${(error as Error).message}); no setting can be reported`);
    }
  }

  const configured = events.filter((event) => event.id === 10);
  const completedCategories = new Set(
    events.filter((event) => event.id === 11).map((event) => field(event, 'Message1', 0).toLowerCase()),
  );
  const failures = events.filter((event) => event.id === 12);
  const used = new Set<ProvisioningEvent>();

  const reported = settings.map((setting): ReportedSetting => {
    const failure = failures.find((event) => pathsMeet(field(event, 'Message2', 2), setting.cspPath));
    if (failure) {
      used.add(failure);
      for (const event of configured)
        if (pathsMeet(field(event, 'Message2', 1), setting.cspPath)) used.add(event);
      const hresult = formatHresult(field(failure, 'HRESULT', 1));
      return {
        ...setting,
        outcome: 'failed',
        error: `${hresult} at CSP node ${field(failure, 'Message2', 2)}`,
        evidence: `event 12 (category ${field(failure, 'Message1', 0)}) at ${failure.time}`,
      };
    }
    const start = configured.find((event) => pathsMeet(field(event, 'Message2', 1), setting.cspPath));
    if (!start) return { ...setting, outcome: 'not-reported', evidence: 'no event names this CSP path' };
    used.add(start);
    const category = field(start, 'Message1', 0);
    return completedCategories.has(category.toLowerCase())
      ? {
          ...setting,
          outcome: 'applied',
          evidence: `events 10 and 11 (category ${category}) at ${start.time}`,
        }
      : {
          ...setting,
          outcome: 'not-reported',
          evidence: `event 10 (category ${category}) started it, but no completion or failure was reported`,
        };
  });

  const unmatchedEvents = [...configured, ...failures]
    .filter((event) => !used.has(event))
    .map((event) =>
      event.id === 12
        ? {
            id: 12,
            cspPath: field(event, 'Message2', 2),
            error: formatHresult(field(event, 'HRESULT', 1)),
          }
        : { id: event.id, cspPath: field(event, 'Message2', 1) },
    )
    .filter((event) => event.cspPath !== '');

  const packageEvents = events
    .filter((event) => event.id >= 20 && event.id <= 23)
    .map((event) => ({
      id: event.id,
      time: event.time,
      text:
        event.id === 22
          ? `package ${field(event, 'Message1', 0)} failed with ${formatHresult(field(event, 'HRESULT', 1))}`
          : event.id === 21
            ? `package ${field(event, 'Message1', 0)} completed`
            : event.id === 20
              ? `applying package ${field(event, 'Message1', 0)} (${field(event, 'Message2', 1)})`
              : `skipped package ${field(event, 'Message1', 0)} (${field(event, 'Message2', 1)})`,
    }));

  return {
    status,
    startedAt,
    finishedAt,
    install,
    packageEvents,
    installedPackages,
    settings: reported,
    unmatchedEvents,
    problems,
  };
}

/** The report as terminal text (`ppkg-studio report`). */
export function formatResultsReport(report: ResultsReport): string {
  const count = (outcome: SettingOutcome) => report.settings.filter((s) => s.outcome === outcome).length;
  const lines = [
    `Run:      ${report.status}${report.startedAt ? ` (started ${report.startedAt}${report.finishedAt ? `, finished ${report.finishedAt}` : ''})` : ''}`,
    `Install:  ${report.install.ok ? 'ok' : `failed${report.install.error ? `: ${report.install.error}` : ''}`}`,
    ...report.packageEvents.map((event) => `Package:  ${event.text} (event ${event.id}, ${event.time})`),
    ...report.installedPackages.map((item) =>
      `Installed: ${item.PackageName ?? item.Name ?? '?'} ${item.PackageId ?? ''} ${item.Version ?? ''}`.trimEnd(),
    ),
    '',
    `Settings (${count('applied')} applied, ${count('failed')} failed, ${count('not-reported')} not reported):`,
    ...report.settings.map((setting) => {
      const mark = setting.outcome === 'applied' ? 'ok  ' : setting.outcome === 'failed' ? 'FAIL' : '  ? ';
      return `  ${mark} ${setting.settingPath}${setting.error ? `  — ${setting.error}` : ''}`;
    }),
  ];
  if (report.unmatchedEvents.length > 0) {
    lines.push('', 'Reported for CSP paths the project does not have:');
    for (const event of report.unmatchedEvents)
      lines.push(`  event ${event.id}: ${event.cspPath}${event.error ? ` — ${event.error}` : ''}`);
  }
  if (report.problems.length > 0) lines.push('', ...report.problems.map((problem) => `warning: ${problem}`));
  lines.push('');
  return lines.join('\n');
}
