import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import { cp, mkdir, open, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setSetting } from '../../shared/model/settings-edit';
import { openWimFile } from '../../shared/node/wim/wim-file-reader';
import { filetimeFromUnixMs } from '../../shared/wim/filetime';
import { serializeCustomizationsXml } from '../../shared/xml/customizations';
import { createBulkEnrollmentExample, TEST_ROOT_PEM } from '../support/bulk-enrollment';
import {
  bundleCliIntoTemp,
  CLI_BIN_PATH,
  type CliBundle,
  cliProcessEnv,
  type CliRun,
  runCliEntry,
} from '../support/cli-bundle';
import { REPO_ROOT } from '../support/fixtures';
import { hashTree, runTool, sevenZipTest, wimlibVerify } from '../support/oracles';
import { describeWith } from '../support/requirements';

const ORACLES = { tools: ['wimlib-imagex', '7z'] } as const;

/**
 * The ppkg-studio CLI as shipped: bundled with vite (into a private folder, so parallel test files and other
 * builds cannot race on dist/) and run with node, checked by the external WIM oracles.
 */

let work: string;
let bundle: CliBundle;
let projectFile: string;
let assetDir: string;

const cli = (args: string[], env?: Record<string, string>): Promise<CliRun> => bundle.run(args, env);

const UPN = 'windows-bulkenroll-user1@contoso.com';
const ENROLLMENT_SECRET = 'Enr0ll-Secret-7731';
const ENROLLMENTS_FILE = `__Workplace_Enrollments_${UPN}.provxml`;
/** docs/format/compile-rules.md §3.1: uuid5(DNS, "_Workplace_Enrollments_UPN") as given in the spec. */
const ENROLLMENTS_SETTINGS_GROUP = '98718529-c71c-5bdc-91de-8be418006c2e';

/** Pseudo-random but fixed bytes for Agent.msi (an asset is carried opaque). */
function agentMsi(): Uint8Array {
  const bytes = new Uint8Array(40_000);
  let state = 0x2545f491;
  for (let i = 0; i < bytes.length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

async function listDir(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort();
}

beforeAll(async () => {
  bundle = await bundleCliIntoTemp('ppkg-cli-');
  work = bundle.work;

  // The bulk-enrollment project as a bare customizations.xml, with a real enrollment secret so masking shows.
  const doc = createBulkEnrollmentExample();
  setSetting(doc, 'Workplace/Enrollments/UPN/Secret', ENROLLMENT_SECRET, UPN);
  const projectDir = join(work, 'project');
  await mkdir(projectDir);
  projectFile = join(projectDir, 'customizations.xml');
  await writeFile(projectFile, serializeCustomizationsXml(doc));
  // ContosoRoot.cer is found next to the project; Agent.msi only through --assets.
  await writeFile(join(projectDir, 'ContosoRoot.cer'), TEST_ROOT_PEM);
  assetDir = join(work, 'assets');
  await mkdir(assetDir);
  await writeFile(join(assetDir, 'Agent.msi'), agentMsi());
}, 60_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describeWith(ORACLES, 'build / inspect / extract / compile of the bulk-enrollment project', () => {
  let ppkg: string;
  beforeAll(async () => {
    ppkg = join(work, 'bulk.ppkg');
    const run = await cli(['build', projectFile, '-o', ppkg, '--assets', assetDir]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^Built .*bulk\.ppkg: \d+ bytes, 21 files, sha256 [0-9a-f]{64}\nCatalog .*bulk\.cat\n$/,
    );
    const reported = /sha256 ([0-9a-f]{64})/.exec(run.stdout)![1];
    expect(
      createHash('sha256')
        .update(await readFile(ppkg))
        .digest('hex'),
    ).toBe(reported);
  }, 60_000);

  it('passes wimlib-imagex verify (only the no-integrity notice) and 7-Zip test', async () => {
    const verify = await wimlibVerify(ppkg);
    expect(verify.problems).toEqual([]);
    expect(verify.ok, verify.stdout + verify.stderr).toBe(true);
    const sevenZip = await sevenZipTest(ppkg);
    expect(sevenZip.ok, sevenZip.stdout + sevenZip.stderr).toBe(true);
  });

  it('inspect --json lists the enrollment with its secret masked, --show-secrets shows it', async () => {
    const masked = await cli(['inspect', ppkg, '--json']);
    expect(masked.code).toBe(0);
    expect(masked.stdout).not.toContain(ENROLLMENT_SECRET);
    const summary = JSON.parse(masked.stdout) as {
      name: string;
      version: string;
      ownerType: string;
      rank: number;
      altitude: number;
      packageId: string;
      targetSkus: string;
      settings: Array<{ path: string; value: string; secret: boolean }>;
      files: Array<{ path: string; size: number }>;
      verification: { matches: boolean; applied: unknown[] };
    };
    expect(summary).toMatchObject({
      name: 'Contoso-BulkEnroll',
      version: '1.0',
      ownerType: 'ITAdmin',
      rank: 0,
      altitude: 5000,
      packageId: '{0f9c3d8e-8a55-4d63-9a54-2f0c7e1b6a11}',
      targetSkus: 'Desktop',
    });
    const enrollment = `Workplace/Enrollments/UPN[${UPN}]`;
    expect(summary.settings).toContainEqual({
      path: `${enrollment}/Secret`,
      value: '********',
      secret: true,
    });
    expect(summary.settings).toContainEqual({
      path: `${enrollment}/AuthPolicy`,
      value: 'OnPremise',
      secret: false,
    });
    expect(summary.files).toContainEqual(
      expect.objectContaining({ path: expect.stringMatching(/\/Agent\.msi$/), size: 40_000 }),
    );
    // The package PPKG Studio built (certificate, Wi-Fi, enrollment, command file) verifies clean.
    expect(summary.verification).toMatchObject({ matches: true, differences: [] });
    expect(summary.verification.applied).toContainEqual(
      expect.objectContaining({ settingPath: `${enrollment}/Secret`, value: '********', secret: true }),
    );
    expect(masked.stdout).not.toContain(ENROLLMENT_SECRET);

    const shown = await cli(['inspect', ppkg, '--json', '--show-secrets']);
    expect(JSON.parse(shown.stdout).settings).toContainEqual({
      path: `${enrollment}/Secret`,
      value: ENROLLMENT_SECRET,
      secret: true,
    });
    const text = await cli(['inspect', ppkg]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`${enrollment}/Secret = ********`);
    expect(text.stdout).not.toContain(ENROLLMENT_SECRET);
  });

  it('extract gives back exactly the tree `compile` writes; enrollment and WLAN files as docs/format/compile-rules.md says', async () => {
    const extracted = join(work, 'extracted');
    const compiled = join(work, 'compiled');
    expect((await cli(['extract', ppkg, '-o', extracted])).code).toBe(0);
    const compile = await cli(['compile', projectFile, '-o', compiled, '--assets', assetDir]);
    expect(compile.code, compile.stderr).toBe(0);
    const extractedTree = await hashTree(extracted);
    expect(extractedTree).toEqual(await hashTree(compiled));
    const agentPath = [...extractedTree.keys()].find((path) => path.endsWith('/Agent.msi'))!;
    expect(Buffer.compare(await readFile(join(extracted, agentPath)), Buffer.from(agentMsi()))).toBe(0);

    const runtimeDir = join(extracted, 'Multivariant/0/Prov/RunTime');
    const provxml = await listDir(runtimeDir);
    const enrollmentFile = provxml.find((name) => name.endsWith(ENROLLMENTS_FILE));
    expect(enrollmentFile).toMatch(
      /^\d+__Workplace_Enrollments_windows-bulkenroll-user1@contoso\.com\.provxml$/,
    );
    const runtimeXml = await readFile(join(extracted, 'Multivariant/0/Prov/RunTime.xml'), 'utf8');
    expect(runtimeXml).toContain(
      `SettingsGroup="${ENROLLMENTS_SETTINGS_GROUP}" Data="$(_prov)\\RunTime\\${enrollmentFile}"`,
    );
    // Every provxml is listed once; the WLAN profile is the last one (docs/format/compile-rules.md §2.1 step 3).
    const listed = [...runtimeXml.matchAll(/Data="\$\(_prov\)\\RunTime\\([^"]+)"/g)].map((match) => match[1]);
    expect([...listed].sort()).toEqual(provxml);
    expect(listed.at(-1)).toMatch(/^\d+__ConnectivityProfiles_WLAN_WLANSetting_Contoso-Setup\.provxml$/);
    expect(Number(listed.at(-1)!.split('__')[0])).toBe(provxml.length - 1);
  });
});

describe('the ppkg-studio bin', () => {
  // npx links a project's bin once per project folder and never relinks it, so a renamed entry leaves everyone
  // who ran `npx ppkg-studio` before with "not found" (vite.cli.config.ts, CLI_ENTRY_FILE).
  it('stays dist/cli/index.js, where earlier builds put it, and runs from there as CommonJS', async () => {
    expect(CLI_BIN_PATH).toBe('./dist/cli/index.js');
    const run = await bundle.run(['--version']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      `${JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')).version}\n`,
    );
  });
});

describe('a lean start (issue #12)', () => {
  /** Runs the bundle with a preload that records, at exit, which of Node's own modules the run loaded. */
  async function builtinsLoadedBy(args: string[]): Promise<{ run: CliRun; loaded: string[] }> {
    const preload = join(work, 'record-builtins.cjs');
    const record = join(work, `builtins-${args[0]}.txt`);
    await writeFile(
      preload,
      "process.on('exit', () => require('node:fs').writeFileSync(process.env.RECORD_BUILTINS, process.moduleLoadList.join('\\n')));\n",
    );
    const run = await bundle.run(args, { NODE_OPTIONS: `--require ${preload}`, RECORD_BUILTINS: record });
    const loaded = (await readFile(record, 'utf8'))
      .split('\n')
      .filter((entry) => entry.startsWith('NativeModule '))
      .map((entry) => entry.slice('NativeModule '.length));
    return { run, loaded };
  }

  it('a small build with piped output loads no stdio stream, worker, perf_hooks or rimraf module', async () => {
    const out = join(work, 'lean.ppkg');
    const { run, loaded } = await builtinsLoadedBy(['build', projectFile, '-o', out, '--assets', assetDir]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^Built .*lean\.ppkg: \d+ bytes, 21 files, sha256 [0-9a-f]{64}\nCatalog .*lean\.cat\n$/,
    );
    // The modules behind process.stdout on a pipe (net, tty), worker threads (the payload is compressed
    // in-thread), performance.now() and fs.rm: each costs a run milliseconds to load (bench/build.ts).
    for (const module of [
      'net',
      'tty',
      'internal/fs/sync_write_stream',
      'worker_threads',
      'perf_hooks',
      'internal/fs/rimraf',
    ])
      expect(loaded, module).not.toContain(module);
    // The recording itself works: the build did load the modules it needs.
    expect(loaded).toContain('crypto');
  });

  it('a reader that goes away ends the output quietly, exit code 0', async () => {
    const child = spawn(process.execPath, [bundle.cliPath, 'settings'], {
      cwd: work,
      env: cliProcessEnv(bundle.cliPath),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
    // Like `ppkg-studio settings | head -c 100`: the reader closes after the first bytes of ~300 KB.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('output redirected to a file is the output a pipe gets', async () => {
    const piped = await bundle.run(['settings', 'Policies/Experience']);
    expect(piped.code).toBe(0);
    const file = join(work, 'settings.txt');
    const handle = await open(file, 'w');
    try {
      const child = spawn(process.execPath, [bundle.cliPath, 'settings', 'Policies/Experience'], {
        cwd: work,
        env: cliProcessEnv(bundle.cliPath),
        stdio: ['ignore', handle.fd, 'ignore'],
      });
      expect(await new Promise<number | null>((resolve) => child.on('close', resolve))).toBe(0);
    } finally {
      await handle.close();
    }
    expect(await readFile(file, 'utf8')).toBe(piped.stdout);
    expect(piped.stdout).toContain('Policies/Experience/');
  });
});

describe('worker threads in the bundle', () => {
  // The bundle's chunks run through vm.Script (cli/support/compile-cache.ts); a worker that fails to start
  // there leaves the pool compressing on one thread, silently (worker-pool.ts falls back by design).
  it('wim capture of 16 MiB or more compresses on worker threads', async () => {
    const folder = join(work, 'large-capture');
    await mkdir(folder, { recursive: true });
    const line = Buffer.from('a line of a large installer log, repeated to make 17 MiB of content\n');
    await writeFile(
      join(folder, 'large.log'),
      Buffer.concat(Array(Math.ceil((17 << 20) / line.length)).fill(line)),
    );
    const run = await bundle.run(['wim', 'capture', folder, '-o', join(work, 'large-capture.wim')]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/, XPRESS-compressed on background threads\n$/);
  });
});

describe('the built-in settings catalog beside the bundle', () => {
  const committedCatalog = () => readFile(join(REPO_ROOT, 'shared/catalog/generated/desktop-store.json'));

  it('ships as desktop-store.json next to the entry, and no chunk holds it as code', async () => {
    const cliDir = dirname(bundle.cliPath);
    expect((await readFile(join(cliDir, 'desktop-store.json'))).equals(await committedCatalog())).toBe(true);
    // The store's SHA-256 is only in the catalog's inputs; a node path the hand-written catalog does not name.
    const markers = [JSON.parse(await readFile(join(cliDir, 'desktop-store.json'), 'utf8')).inputs[0].sha256];
    markers.push('AccountManagement/UserProfilePolicies/DeletionPolicy');
    const scripts = (await readdir(cliDir, { recursive: true })).filter((file) => /\.c?js$/.test(file));
    expect(scripts.length).toBeGreaterThan(5);
    for (const script of scripts) {
      const code = await readFile(join(cliDir, script), 'utf8');
      for (const marker of markers) expect(code.includes(marker), `${script} holds ${marker}`).toBe(false);
    }
  });

  it('a bundle without it fails a build with a clear message, no stack trace, and writes nothing', async () => {
    const copy = join(work, 'cli-without-catalog');
    await cp(dirname(bundle.cliPath), copy, {
      recursive: true,
      filter: (source) => basename(source) !== 'desktop-store.json',
    });
    const out = join(work, 'no-catalog.ppkg');
    const run = await runCliEntry(
      join(copy, basename(bundle.cliPath)),
      ['build', projectFile, '-o', out],
      work,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `error: the built-in settings catalog ${join(copy, 'desktop-store.json')} cannot be read (ENOENT): it ships beside the CLI bundle; reinstall ppkg-studio or rebuild it with npm run build\n`,
    );
    await expect(readFile(out)).rejects.toThrow(/ENOENT/);
    // Commands that need no catalog still run.
    expect((await runCliEntry(join(copy, basename(bundle.cliPath)), ['--version'], work)).code).toBe(0);
  });
});

describe('reproducible builds', () => {
  it('SOURCE_DATE_EPOCH makes two builds byte-identical, dated from it', async () => {
    const env = { SOURCE_DATE_EPOCH: '1700000000' };
    const first = join(work, 'repro-1.ppkg');
    const second = join(work, 'repro-2.ppkg');
    expect((await cli(['build', projectFile, '-o', first, '--assets', assetDir], env)).code).toBe(0);
    expect((await cli(['build', projectFile, '-o', second, '--assets', assetDir], env)).code).toBe(0);
    const [a, b] = [await readFile(first), await readFile(second)];
    expect(createHash('sha256').update(a).digest('hex')).toBe(createHash('sha256').update(b).digest('hex'));
    const wim = await openWimFile(first);
    try {
      expect(wim.xml.images[0]?.creationTime).toBe(filetimeFromUnixMs(1_700_000_000_000));
      expect(wim.header.guid.some((byte) => byte !== 0)).toBe(true);
    } finally {
      await wim.close();
    }
    // Without it, the WIM GUID is random: the files differ.
    const third = join(work, 'repro-3.ppkg');
    expect((await cli(['build', projectFile, '-o', third, '--assets', assetDir])).code).toBe(0);
    expect(Buffer.compare(a, await readFile(third))).not.toBe(0);
  }, 60_000);
});

describeWith(ORACLES, 'default output name', () => {
  it('build without -o writes <PackageConfig Name>.ppkg in the current folder', async () => {
    const run = await cli(['build', projectFile, '--assets', assetDir]);
    expect(run.code, run.stderr).toBe(0);
    expect((await wimlibVerify(join(work, 'Contoso-BulkEnroll.ppkg'))).ok).toBe(true);
  });
});

describe('CLI errors write nothing', () => {
  it('a missing asset exits 1 naming the setting path', async () => {
    const out = join(work, 'errors-missing');
    await mkdir(out);
    const run = await cli(['build', projectFile, '-o', join(out, 'x.ppkg')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^error: ProvisioningCommands\/PrimaryContext\/Command\/.*CommandFile: asset file "C:\\Prov\\Agent\.msi" not found/,
    );
    expect(await listDir(out)).toEqual([]);
  });

  it('compile with a missing asset exits 1 and creates no folder', async () => {
    const out = join(work, 'errors-compile');
    await mkdir(out);
    const run = await cli(['compile', projectFile, '-o', join(out, 'tree')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('CommandFile');
    expect(await listDir(out)).toEqual([]);
  });

  it('bad XML exits 1 naming the line', async () => {
    const out = join(work, 'errors-xml');
    await mkdir(out);
    const bad = join(out, 'customizations.xml');
    await writeFile(
      bad,
      '<?xml version="1.0"?>\n<WindowsCustomizations>\n  <PackageConfig>\n</WindowsCustomizations>\n',
    );
    const run = await cli(['build', bad, '-o', join(out, 'x.ppkg')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/customizations\.xml: .*line 4/);
    expect(await listDir(out)).toEqual(['customizations.xml']);
  });

  it('bad options exit 2', async () => {
    const out = join(work, 'errors-usage');
    await mkdir(out);
    for (const args of [
      ['build', projectFile, '-o', join(out, 'x.ppkg'), '--style', 'wcd'],
      ['build', projectFile, '-o', join(out, 'x.ppkg'), '--target-skus', 'Mobile'],
      ['build', projectFile, '-o', join(out, 'x.ppkg'), '--no-such-option'],
      ['compile', projectFile],
      ['inspect'],
    ]) {
      const run = await cli(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(/^error: /);
    }
    const epoch = await cli(['build', projectFile, '-o', join(out, 'x.ppkg'), '--assets', assetDir], {
      SOURCE_DATE_EPOCH: 'yesterday',
    });
    expect(epoch.code).toBe(2);
    expect(epoch.stderr).toContain('SOURCE_DATE_EPOCH');
    expect(await listDir(out)).toEqual([]);
  });

  it('validation errors stop the build (exit 1, rule messages listed); validate reports them', async () => {
    const out = join(work, 'errors-validation');
    await mkdir(out);
    const doc = createBulkEnrollmentExample();
    setSetting(doc, 'Accounts/ComputerAccount/ComputerName', 'CTS PC 001');
    const project = join(out, 'customizations.xml');
    await writeFile(project, serializeCustomizationsXml(doc));
    await writeFile(join(out, 'ContosoRoot.cer'), TEST_ROOT_PEM);
    const run = await cli(['build', project, '-o', join(out, 'x.ppkg'), '--assets', assetDir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/validation error\(s\):\n {2}Accounts\/ComputerAccount\/ComputerName: /);
    expect(await listDir(out)).toEqual(['ContosoRoot.cer', 'customizations.xml']);

    const validate = await cli(['validate', project, '--json', '--assets', assetDir]);
    expect(validate.code).toBe(1);
    const report = JSON.parse(validate.stdout) as {
      valid: boolean;
      findings: Array<{ severity: string; path: string }>;
    };
    expect(report.valid).toBe(false);
    expect(report.findings).toContainEqual(
      expect.objectContaining({ severity: 'error', path: 'Accounts/ComputerAccount/ComputerName' }),
    );
    const clean = await cli(['validate', projectFile, '--assets', assetDir]);
    expect(clean.code, clean.stdout).toBe(0);
  });

  it('settings newer than the store: build lists each one and suggests --store; validate reports them', async () => {
    const out = join(work, 'errors-newer');
    await mkdir(out);
    const project = join(out, 'customizations.xml');
    await writeFile(
      project,
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<WindowsCustomizations>',
        '  <PackageConfig xmlns="urn:schemas-Microsoft-com:Windows-ICD-Package-Config.v1.0">',
        '    <ID>{4b0f2f8e-6a55-4d63-9a54-2f0c7e1b6a11}</ID><Name>Newer</Name><Version>1.0</Version>',
        '    <OwnerType>ITAdmin</OwnerType><Rank>0</Rank><Notes></Notes>',
        '  </PackageConfig>',
        '  <Settings xmlns="urn:schemas-microsoft-com:windows-provisioning"><Customizations><Common>',
        '    <Policies>',
        '      <Experience><AllowCortana>No</AllowCortana><ConfigureChatIcon>Disabled</ConfigureChatIcon></Experience>',
        '      <Start><HideRecommendedSection>Yes</HideRecommendedSection></Start>',
        '    </Policies>',
        '  </Common></Customizations></Settings>',
        '</WindowsCustomizations>',
      ].join('\r\n'),
    );
    const build = await cli(['build', project, '-o', join(out, 'x.ppkg')]);
    expect(build.code).toBe(1);
    // build runs validate's checks first (one pipeline, issue #10): both settings are listed there.
    expect(build.stderr).toContain('the project has 2 validation error(s):\n');
    expect(build.stderr).toContain(
      '  Policies/Experience/ConfigureChatIcon: this setting is not in the built-in settings store',
    );
    expect(build.stderr).toContain(
      '  Policies/Start/HideRecommendedSection: this setting is not in the built-in settings store',
    );
    expect(build.stderr).toContain('--store');
    expect(await listDir(out)).toEqual(['customizations.xml']);

    const validate = await cli(['validate', project, '--json']);
    expect(validate.code).toBe(1);
    const report = JSON.parse(validate.stdout) as { findings: Array<{ ruleId: string; path: string }> };
    expect(
      report.findings.filter((finding) => finding.ruleId === 'compile').map((finding) => finding.path),
    ).toEqual(['Policies/Experience/ConfigureChatIcon', 'Policies/Start/HideRecommendedSection']);
  });
});

describeWith(ORACLES, 'batch over tests/fixtures/batch/enroll-50.csv', () => {
  const fixtures = () => join(REPO_ROOT, 'tests/fixtures/batch');
  let out: string;
  let run: CliRun;
  beforeAll(async () => {
    out = join(work, 'batch-out');
    run = await cli([
      'batch',
      join(fixtures(), 'template-customizations.xml'),
      '--csv',
      join(fixtures(), 'enroll-50.csv'),
      '-o',
      out,
      '--ignore-column',
      'Notes',
    ]);
  }, 120_000);

  it('reports each bad row by row and column, exits 1, builds the 43 good rows', async () => {
    expect(run.code).toBe(1);
    const rowErrors = run.stderr
      .split('\n')
      .filter((line) => line.startsWith('error: row '))
      .map((line) => /^error: row (\d+), column "([^"]+)"/.exec(line)?.slice(1));
    // tests/fixtures/batch/README.md lists the bad rows.
    expect(rowErrors).toEqual([
      ['8', 'PackageName'],
      ['15', 'PackageName'],
      ['23', 'PackageName'],
      ['27', 'DevDetail/DNSComputerName'],
      ['31', 'Workplace/Enrollments/UPN'],
      ['40', 'OOBE/Desktop/HideOobe'],
    ]);
    const packages = (await listDir(out)).filter((name) => name.endsWith('.ppkg'));
    expect(packages).toHaveLength(50 - 6 - 1);
    // Each package has its WCD-style catalog beside it (package-security).
    const catalogs = packages.map((name) => name.replace(/\.ppkg$/, '.cat'));
    expect(await listDir(out)).toEqual([...packages, ...catalogs, 'manifest.csv'].sort());
  });

  it('manifest hashes match the files, no secret in it, every package passes wimlib verify', async () => {
    const manifest = await readFile(join(out, 'manifest.csv'), 'utf8');
    expect(manifest).not.toMatch(/S3cr3t-\d{3}!q|WiFiKey-\d{3}-xyz|TemplateSecret|TemplateWifiKey/);
    const lines = manifest
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toMatch(/^PackageFile,SHA256,/);
    const rows = lines.slice(1).map((line) => line.split(','));
    expect(rows).toHaveLength(43);
    for (const [file, sha256] of rows) {
      const bytes = await readFile(join(out, file!));
      expect(createHash('sha256').update(bytes).digest('hex'), file).toBe(sha256);
    }
    const verifications = await Promise.all(rows.map(([file]) => wimlibVerify(join(out, file!))));
    for (const [index, verify] of verifications.entries()) expect(verify.ok, rows[index]![0]).toBe(true);
  }, 120_000);

  it('--zip writes one archive with the packages and the manifest (STORE), nothing else', async () => {
    const small = join(work, 'small.csv');
    const csv = await readFile(join(fixtures(), 'enroll-50.csv'), 'utf8');
    await writeFile(small, `${csv.split(/\r?\n/).slice(0, 4).join('\r\n')}\r\n`);
    const zipOut = join(work, 'zip-out');
    await mkdir(zipOut);
    const zipRun = await cli([
      'batch',
      join(fixtures(), 'template-customizations.xml'),
      '--csv',
      small,
      '-o',
      join(zipOut, 'batch.zip'),
      '--zip',
      '--ignore-column',
      'Notes',
    ]);
    expect(zipRun.code, zipRun.stderr).toBe(0);
    expect(await listDir(zipOut)).toEqual(['batch.zip']);
    const listing = await runTool('7z', ['l', '-slt', join(zipOut, 'batch.zip')]);
    const paths = [...listing.stdout.matchAll(/^Path = (.+)$/gm)].map((match) => match[1]).slice(1);
    expect(paths.sort()).toEqual([
      'CTS-PC001.cat',
      'CTS-PC001.ppkg',
      'CTS-PC002.cat',
      'CTS-PC002.ppkg',
      'CTS-PC003.cat',
      'CTS-PC003.ppkg',
      'manifest.csv',
    ]);
  });

  it('a CSV whose columns cannot be used exits 2 and writes nothing', async () => {
    const bad = join(work, 'bad-columns.csv');
    await writeFile(bad, 'DevDetail/DNSComputerName\nCTS-PC001\n');
    const badOut = join(work, 'bad-columns-out');
    const badRun = await cli([
      'batch',
      join(fixtures(), 'template-customizations.xml'),
      '--csv',
      bad,
      '-o',
      badOut,
    ]);
    expect(badRun.code).toBe(2);
    expect(badRun.stderr).toMatch(/nothing built/);
    await expect(readdir(badOut)).rejects.toThrow(/ENOENT/);
  });

  it('each row package carries its own device name and enrollment', async () => {
    const shown = await cli(['inspect', join(out, 'CTS-PC002.ppkg'), '--json', '--show-secrets']);
    const settings = (JSON.parse(shown.stdout) as { settings: Array<{ path: string; value: string }> })
      .settings;
    expect(settings).toContainEqual(
      expect.objectContaining({ path: 'DevDetail/DNSComputerName', value: 'CTS-PC002' }),
    );
    expect(settings).toContainEqual(
      expect.objectContaining({
        path: 'Workplace/Enrollments/UPN[windows-bulkenroll-user2@contoso.com]/Secret',
        value: 'S3cr3t-002!q',
      }),
    );
  });
});
