import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerReportCommand, registerSandboxCommand } from '../../cli/commands/report';
import { readResultsFolder } from '../../shared/node/sandbox/results-folder';
import { prepareSandboxRun, SANDBOX_SCRIPT } from '../../shared/node/sandbox/sandbox-run';
import { type ProjectSettingRef, RESULTS_SCHEMA, readResults } from '../../shared/sandbox/report';
import { createWsb, logonCommand, WsbError } from '../../shared/sandbox/wsb';
import { parseXmlTree } from '../../shared/xml/xml-tree';
import { REPO_ROOT } from '../support/fixtures';
import { runCliInProcess } from '../support/cli-in-process';

/**
 * Issue #14, Windows Sandbox: the .wsb (valid XML, mapped paths, logon command), the script's contract with
 * the generator and the reader, and the reader on hand-written samples of the event log and
 * Get-ProvisioningPackage output (tests/fixtures/sandbox/README.md says how they were written).
 */

const SAMPLES = join(REPO_ROOT, 'tests/fixtures/sandbox');
const SETTINGS: ProjectSettingRef[] = [
  { settingPath: 'Accounts/ComputerAccount/ComputerName', cspPath: 'Accounts/ComputerName' },
  {
    settingPath: 'Policies/ApplicationManagement/AllowAllTrustedApps',
    cspPath: 'Policy/Config/ApplicationManagement/AllowAllTrustedApps',
  },
  { settingPath: 'OOBE/Desktop/HideOobe', cspPath: 'OOBE/Desktop/HideOobe' },
  {
    settingPath: 'Workplace/Enrollments/UPN[user@contoso.com]/Secret',
    cspPath: 'Workplace/Enrollments/user@contoso.com/Secret',
  },
];

const child = (node: ReturnType<typeof parseXmlTree>, name: string) =>
  node.children.filter((c) => c.name === name);

describe('.wsb configuration', () => {
  it('is well-formed XML mapping package and script read-only, results writable, networking off', () => {
    const plan = createWsb({
      hostRunFolder: 'C:\\Users\\ada\\AppData\\Local\\PPKG Studio\\runs\\2026-12-07 & co\\',
    });
    const root = parseXmlTree(plan.xml, 'provxml');
    expect(root.name).toBe('Configuration');
    expect(child(root, 'Networking')[0]?.text).toBe('Disable');
    const folders = child(child(root, 'MappedFolders')[0]!, 'MappedFolder').map((folder) => ({
      host: child(folder, 'HostFolder')[0]?.text,
      sandbox: child(folder, 'SandboxFolder')[0]?.text,
      readOnly: child(folder, 'ReadOnly')[0]?.text,
    }));
    const run = 'C:\\Users\\ada\\AppData\\Local\\PPKG Studio\\runs\\2026-12-07 & co';
    expect(folders).toEqual([
      { host: `${run}\\package`, sandbox: 'C:\\PPKGStudio\\package', readOnly: 'true' },
      { host: `${run}\\script`, sandbox: 'C:\\PPKGStudio\\script', readOnly: 'true' },
      { host: `${run}\\results`, sandbox: 'C:\\PPKGStudio\\results', readOnly: 'false' },
    ]);
    expect(plan.xml).toContain('runs\\2026-12-07 &amp; co\\package');
    expect(child(child(root, 'LogonCommand')[0]!, 'Command')[0]?.text).toBe(
      'powershell.exe -NoProfile -ExecutionPolicy Bypass -File "C:\\PPKGStudio\\script\\Test-ProvisioningPackage.ps1"' +
        ' -PackagePath "C:\\PPKGStudio\\package\\package.ppkg" -ResultsPath "C:\\PPKGStudio\\results" -TimeoutMinutes 20',
    );
    for (const off of ['VGpu', 'ClipboardRedirection', 'PrinterRedirection', 'AudioInput', 'VideoInput'])
      expect(child(root, off)[0]?.text).toBe('Disable');
  });

  it('turns networking on only when asked', () => {
    const plan = createWsb({ hostRunFolder: 'D:\\runs\\1', networking: true, timeoutMinutes: 45 });
    expect(plan.networking).toBe(true);
    expect(plan.xml).toContain('<Networking>Enable</Networking>');
    expect(plan.logonCommand).toMatch(/-TimeoutMinutes 45$/);
  });

  it('refuses a relative or strange host folder and a bad timeout', () => {
    expect(() => createWsb({ hostRunFolder: 'runs/1' })).toThrow(WsbError);
    expect(() => createWsb({ hostRunFolder: 'C:\\runs\\"x" -File evil.ps1' })).toThrow(/hostRunFolder/);
    expect(() => logonCommand(0)).toThrow(/timeoutMinutes/);
  });

  it('validates against xmllint when it is installed', () => {
    let xmllint = true;
    try {
      execFileSync('xmllint', ['--version'], { stdio: 'ignore' });
    } catch {
      xmllint = false;
    }
    if (!xmllint) {
      console.log('skipped: xmllint is not installed (the XML is still parsed above by the project parser)');
      return;
    }
    execFileSync('xmllint', ['--noout', '-'], { input: createWsb({ hostRunFolder: 'C:\\r' }).xml });
  });
});

describe('Test-ProvisioningPackage.ps1', () => {
  it('takes the parameters the logon command passes and installs the documented way', () => {
    for (const parameter of logonCommand().matchAll(/ -(PackagePath|ResultsPath|TimeoutMinutes) /g))
      expect(SANDBOX_SCRIPT).toMatch(new RegExp(`\\[(string|int)\\] \\$${parameter[1]}\\b`));
    expect(SANDBOX_SCRIPT).toContain(
      'Install-ProvisioningPackage -PackagePath $PackagePath -QuietInstall -ForceInstall',
    );
    expect(SANDBOX_SCRIPT).toContain(
      "$LogName = 'Microsoft-Windows-Provisioning-Diagnostics-Provider/Admin'",
    );
    expect(SANDBOX_SCRIPT).toContain('Get-ProvisioningPackage -AllInstalledPackages');
    expect(SANDBOX_SCRIPT).toContain(`$SummarySchema = '${RESULTS_SCHEMA}'`);
    for (const file of ['summary.json', 'provisioning-packages.json', 'events.xml', 'install-output.json'])
      expect(SANDBOX_SCRIPT).toContain(file);
  });

  it('passes PSScriptAnalyzer where PowerShell exists', () => {
    let pwsh = true;
    try {
      execFileSync('pwsh', ['-NoProfile', '-Command', '$PSVersionTable.PSVersion.ToString()'], {
        stdio: 'ignore',
      });
    } catch {
      pwsh = false;
    }
    if (!pwsh) {
      console.log(
        'skipped: PowerShell (pwsh) is not installed — it is not in Debian apt (`apt-cache policy powershell` finds nothing), so the script is only checked statically here',
      );
      return;
    }
    const script = join(REPO_ROOT, 'sandbox/Test-ProvisioningPackage.ps1');
    const output = execFileSync(
      'pwsh',
      [
        '-NoProfile',
        '-Command',
        `Invoke-ScriptAnalyzer -Path '${script}' -Severity Error,Warning | ForEach-Object { "$($_.RuleName): $($_.Message) (line $($_.Line))" }`,
      ],
      { encoding: 'utf8' },
    );
    expect(output.trim()).toBe('');
  });
});

describe('results reader', () => {
  it('reports per setting: applied, failed with the HRESULT, not reported; and what else the events name', async () => {
    const report = await readResultsFolder(join(SAMPLES, 'complete'), SETTINGS);
    expect(report.problems).toEqual([]);
    expect(report.status).toBe('complete');
    expect(report.install).toEqual({ ok: true, error: null });
    expect(report.settings.map((s) => [s.settingPath, s.outcome, s.error ?? null])).toEqual([
      ['Accounts/ComputerAccount/ComputerName', 'applied', null],
      [
        'Policies/ApplicationManagement/AllowAllTrustedApps',
        'failed',
        '0x80070057 at CSP node Policy/Config/ApplicationManagement/AllowAllTrustedApps',
      ],
      ['OOBE/Desktop/HideOobe', 'applied', null],
      ['Workplace/Enrollments/UPN[user@contoso.com]/Secret', 'not-reported', null],
    ]);
    expect(report.unmatchedEvents).toEqual([
      { id: 10, cspPath: 'MCSF/Power/Controls/EnergyEstimationEnabled' },
    ]);
    expect(report.installedPackages[0]).toMatchObject({
      PackageName: 'Contoso-BulkEnroll',
      Result: '0__Policy_Failed',
    });
    expect(report.packageEvents.map((event) => event.id)).toEqual([20, 21]);
  });

  it('says a run cut short is partial, and a started setting without completion is not reported', async () => {
    const report = await readResultsFolder(join(SAMPLES, 'partial'), SETTINGS);
    expect(report.status).toBe('running');
    expect(report.problems).toEqual([expect.stringMatching(/did not finish .* partial/)]);
    expect(report.settings[0]).toMatchObject({
      outcome: 'not-reported',
      evidence: expect.stringMatching(/started it, but no completion/),
    });
  });

  it('names each malformed file', async () => {
    const report = await readResultsFolder(join(SAMPLES, 'malformed'), SETTINGS);
    expect(report.problems).toEqual([
      expect.stringMatching(/^summary\.json is not valid JSON/),
      expect.stringMatching(/^provisioning-packages\.json is missing/),
      expect.stringMatching(/^events\.xml cannot be read \(events\.xml: /),
    ]);
    expect(report.settings.every((setting) => setting.outcome === 'not-reported')).toBe(true);
  });

  it('names each missing file, and refuses results that are not the script’s', () => {
    expect(readResults({}, SETTINGS).problems).toEqual([
      expect.stringMatching(/^summary\.json is missing/),
      expect.stringMatching(/^provisioning-packages\.json is missing/),
      expect.stringMatching(/^events\.xml is missing/),
    ]);
    expect(
      readResults({ summaryJson: '{"schema":"other"}', eventsXml: '<Events/>', packagesJson: '[]' }, [])
        .problems,
    ).toEqual([expect.stringMatching(/not from Test-ProvisioningPackage\.ps1/)]);
    expect(
      readResults({ summaryJson: '{}', eventsXml: '<Other/>', packagesJson: '[]' }, []).problems[1],
    ).toMatch(/expected an <Events> root/);
  });
});

describe('ppkg-studio report and sandbox', () => {
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'ppkg-sandbox-'));
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  const cli = (...args: string[]) => runCliInProcess([registerReportCommand, registerSandboxCommand], args);

  it('report prints the summary and exits 1 when a setting failed or is not reported', async () => {
    const run = await cli('report', join(SAMPLES, 'complete'));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Run:      complete');
    expect(run.stdout).toContain('Reported for CSP paths the project does not have:');
    expect(run.stdout).toContain(
      'event 12: Policy/Config/ApplicationManagement/AllowAllTrustedApps — 0x80070057',
    );
    expect(run.stdout).toContain('warning: no package to compare with');
    const json = await cli('report', join(SAMPLES, 'partial'), '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({ status: 'running' });
    expect((await cli('report', join(work, 'missing'))).code).toBe(2);
  });

  it('sandbox prepares a fresh run folder: package copy, script, empty results, run.wsb; never reuses one', async () => {
    const packagePath = join(work, 'x.ppkg');
    await writeFile(packagePath, 'MSWIM\0\0\0 not a real package, copied as is');
    const runFolder = join(work, 'run1');
    const run = await cli('sandbox', packagePath, '-o', runFolder, '--host-path', 'C:\\runs\\run1');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect((await readdir(runFolder)).sort()).toEqual(['package', 'results', 'run.wsb', 'script']);
    expect(await readFile(join(runFolder, 'package/package.ppkg'), 'utf8')).toContain('copied as is');
    expect(await readdir(join(runFolder, 'results'))).toEqual([]);
    expect(await readFile(join(runFolder, 'script/Test-ProvisioningPackage.ps1'), 'utf8')).toContain('\r\n');
    expect(await readFile(join(runFolder, 'run.wsb'), 'utf8')).toContain(
      '<HostFolder>C:\\runs\\run1\\results</HostFolder>',
    );
    const again = await cli('sandbox', packagePath, '-o', runFolder, '--host-path', 'C:\\runs\\run1');
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/not empty/);
    const networked = await cli(
      'sandbox',
      packagePath,
      '-o',
      join(work, 'run2'),
      '--host-path',
      'C:\\r2',
      '--network',
    );
    expect(networked.stderr).toMatch(/device record/);
    await mkdir(join(work, 'unused'), { recursive: true });
    await expect(
      prepareSandboxRun(join(work, 'run3'), packagePath, { hostRunFolder: 'relative' }),
    ).rejects.toThrow(WsbError);
  });
});
