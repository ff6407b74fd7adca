import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { registerSettingsCommand } from '../../cli/commands/settings';
import { registerValidateCommand } from '../../cli/commands/validate';
import { addStoreOption } from '../../cli/support/store-option';
import { activateStoreFacts } from '../../shared/catalog';
import type { SettingDescription } from '../../shared/catalog/describe';
import { referenceStoresPresent, storePath } from '../support/settings-stores';
import { runCliInProcess } from '../support/cli-in-process';

/** `ppkg-studio settings` and `--store`, run in-process through the same commander wiring as cli/index.ts. */
let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cli-settings-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});
afterEach(() => activateStoreFacts(undefined));

const cli = (...args: string[]) =>
  runCliInProcess([registerValidateCommand, registerSettingsCommand, addStoreOption], args);

const jsonLines = (text: string) =>
  text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as SettingDescription);

describe('ppkg-studio settings', () => {
  it('--json lists every node of the built-in catalog, 1,381 leaves, hidden ones marked', async () => {
    const run = await cli('settings', '--json');
    expect(run.code).toBe(0);
    const rows = jsonLines(run.stdout);
    expect(rows).toHaveLength(1927);
    expect(rows.filter((row) => row.leaf)).toHaveLength(1381);
    expect(rows.filter((row) => row.leaf && row.hidden).length).toBe(361);
    expect(rows.every((row) => row.source === 'builtin')).toBe(true);
  });

  it('filters by path prefix and search text, with facts in the text listing', async () => {
    const run = await cli('settings', 'policies/experience', '--search', 'cortana');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'Policies/Experience/AllowCortana  int; 0=No|1=Yes; default Yes; csp ./Vendor/MSFT/Policy/Config/Experience/AllowCortana; derived\n',
    );
    expect(run.stdout).toMatch(
      /^1 node\(s\), 1 setting\(s\); store: Microsoft-Desktop-Provisioning\.2024\.dat/m,
    );
    const user = jsonLines(
      (await cli('settings', '--json', '--search', 'AllowWindowsConsumerFeatures')).stdout,
    );
    expect(user.map((row) => [row.path, row.evidence, row.scope])).toEqual([
      ['Policies/Experience/AllowWindowsConsumerFeatures', 'observed', 'device'],
    ]);
  });

  it('refuses a file that is not a settings store, naming the byte offset (exit 1)', async () => {
    const bogus = join(work, 'bogus.dat');
    await writeFile(bogus, 'not a hive');
    const run = await cli('settings', '--store', bogus);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('settings store bogus.dat: base block at byte offset 0');
    expect(run.stdout).toBe('');
  });
});

describe.skipIf(!referenceStoresPresent())('--store <file.dat>', () => {
  it("lists that store's leaves and marks the ones the built-in catalog lacks", async () => {
    const run = await cli(
      'settings',
      '--json',
      '--store',
      storePath('Microsoft-Desktop-Provisioning.2019.dat'),
    );
    expect(run.code).toBe(0);
    const rows = jsonLines(run.stdout);
    expect(rows.filter((row) => row.leaf)).toHaveLength(1160);
    expect(rows.filter((row) => row.source === 'user-store').map((row) => row.path)).toContain(
      'Policies/DeliveryOptimization/DOMaxDownloadBandwidth',
    );
  });

  it('validate checks a setting only that store has', async () => {
    const project = join(work, 'customizations.xml');
    await writeFile(
      project,
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<WindowsCustomizations>',
        '  <PackageConfig xmlns="urn:schemas-Microsoft-com:Windows-ICD-Package-Config.v1.0">',
        '    <ID>{22873c04-7b0a-486a-b282-c21b9f973839}</ID><Name>p</Name><Version>1.0</Version>',
        '    <OwnerType>OEM</OwnerType><Rank>0</Rank><Notes></Notes>',
        '  </PackageConfig>',
        '  <Settings xmlns="urn:schemas-microsoft-com:windows-provisioning"><Customizations><Common>',
        '    <Policies><DeliveryOptimization><DOMaxDownloadBandwidth>x</DOMaxDownloadBandwidth></DeliveryOptimization></Policies>',
        '  </Common></Customizations></Settings>',
        '</WindowsCustomizations>',
      ].join('\r\n'),
    );
    // The built-in (2024) store has no such policy: it cannot compile, and validate says so with the --store hint.
    const builtin = await cli('validate', project);
    expect(builtin.code).toBe(1);
    expect(builtin.stdout).toContain(
      'Policies/DeliveryOptimization/DOMaxDownloadBandwidth: this setting is not in the built-in settings store',
    );
    expect(builtin.stdout).toContain('--store');
    const withStore = await cli(
      'validate',
      project,
      '--store',
      storePath('Microsoft-Desktop-Provisioning.2019.dat'),
    );
    expect(withStore.code).toBe(1);
    expect(withStore.stdout).toContain('Policies/DeliveryOptimization/DOMaxDownloadBandwidth');
    // That store has it: now the value is what is wrong, checked against that store's facts.
    expect(withStore.stdout).not.toContain('is not in the');
  });
});
