import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerBuildCommand } from '../../cli/commands/build';
import { registerInspectCommand } from '../../cli/commands/inspect';
import { registerValidateCommand } from '../../cli/commands/validate';
import { runCliInProcess } from '../support/cli-in-process';
import { customizationsXml } from '../support/project-xml';

/** Issue #10: `validate` predicts `build` — both refuse the same projects, naming the setting. */

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'validate-build-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const cli = (...args: string[]) =>
  runCliInProcess([registerBuildCommand, registerValidateCommand, registerInspectCommand], args);

const project = (common: string) => customizationsXml('Pipeline', common);

const CASES: Array<[string, string, RegExp]> = [
  [
    'an unknown element',
    '<DevDetail><DNSComputerName>PC1</DNSComputerName><Bogus>1</Bogus></DevDetail>',
    /DevDetail\/Bogus/,
  ],
  [
    'an illegal character reference (&#0;)',
    '<DevDetail><DNSComputerName>PC&#0;1</DNSComputerName></DevDetail>',
    /character XML does not allow/,
  ],
  [
    'a single-valued element given twice',
    '<DevDetail><DNSComputerName>PC1</DNSComputerName><DNSComputerName>PC2</DNSComputerName></DevDetail>',
    /DevDetail\/DNSComputerName: DNSComputerName is given more than once/,
  ],
  [
    'an empty enrollment secret',
    `<Workplace><Enrollments><UPN UPN="u@contoso.com" Name="u@contoso.com"><AuthPolicy>OnPremise</AuthPolicy>
<DiscoveryServiceFullUrl>https://mdm.contoso.com/EnrollmentServer/Discovery.svc</DiscoveryServiceFullUrl>
<Secret></Secret></UPN></Enrollments></Workplace>`,
    /Workplace\/Enrollments\/UPN\[u@contoso\.com\]\/Secret: the enrollment secret is empty/,
  ],
];

describe('validate and build share one pipeline', () => {
  it.each(CASES)('%s: validate and build both exit 1 naming it', async (name, common, message) => {
    const file = join(work, `${name.replace(/\W+/g, '-')}.xml`);
    await writeFile(file, project(common));
    const validated = await cli('validate', file);
    const built = await cli('build', file, '-o', join(work, 'out.ppkg'));
    expect(validated.code, validated.stdout + validated.stderr).toBe(1);
    expect(built.code, built.stdout + built.stderr).toBe(1);
    expect(validated.stdout + validated.stderr).toMatch(message);
    expect(built.stderr).toMatch(message);
  });

  it('validate --json always prints JSON, with a load error object when the project cannot be read', async () => {
    const file = join(work, 'broken.xml');
    await writeFile(file, '<WindowsCustomizations><PackageConfig>');
    const run = await cli('validate', file, '--json');
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({ valid: false, findings: [] });
    expect(result.loadError.message).toMatch(/never closed/);
    const missing = await cli('validate', join(work, 'nope.xml'), '--json');
    expect(JSON.parse(missing.stdout).loadError.message).toMatch(/not found/);
  });

  it('a good project validates and builds', async () => {
    const file = join(work, 'good.xml');
    await writeFile(file, project('<DevDetail><DNSComputerName>PC1</DNSComputerName></DevDetail>'));
    expect((await cli('validate', file)).stdout).toBe('No problems found.\n');
    expect((await cli('build', file, '-o', join(work, 'good.ppkg'))).code).toBe(0);
  });
});

describe('Variants: refused by default, built with --variant-layout inferred', () => {
  const variantProject = project('<OOBE><Desktop><HideOobe>True</HideOobe></Desktop></OOBE>').replace(
    '      </Common>',
    `      </Common>
      <Targets>
        <Target Id="Spain"><TargetState><Condition Name="Region" Value="ES" /></TargetState></Target>
      </Targets>
      <Variant>
        <TargetRefs><TargetRef Id="Spain" /></TargetRefs>
        <Settings><DevDetail><DNSComputerName>ES-%SERIAL%</DNSComputerName></DevDetail></Settings>
      </Variant>`,
  );

  it('validate and build refuse with the reason and the option; with it they build, and inspect shows the Variant', async () => {
    const file = join(work, 'variants.xml');
    await writeFile(file, variantProject);
    const out = join(work, 'variants.ppkg');
    const refused = await cli('validate', file);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(
      /Variant: building a package with Variants needs a layout nobody has observed/,
    );
    expect(refused.stdout).toContain('--variant-layout inferred');
    expect((await cli('build', file, '-o', out)).code).toBe(1);
    expect((await cli('validate', file, '--variant-layout', 'inferred')).stdout).toContain('0 error(s)');
    const built = await cli('build', file, '-o', out, '--variant-layout', 'inferred');
    expect(built.code, built.stderr).toBe(0);
    const inspected = await cli('inspect', out);
    expect(inspected.code, inspected.stdout + inspected.stderr).toBe(0);
    expect(inspected.stdout).toMatch(/Variants: {4}1 \(PPKG Studio's inferred layout/);
    expect(inspected.stdout).toContain('  Multivariant/1: Spain');
    expect(inspected.stdout).toContain('DNSComputerName');
  });
});
