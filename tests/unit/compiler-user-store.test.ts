import { afterEach, describe, expect, it } from 'vitest';
import { activateStoreFacts } from '../../shared/catalog/facts';
import { compileIssues, compileProvxmlFiles, type CompileOptions } from '../../shared/compiler/compile';
import { activeCompilerStore } from '../../shared/compiler/rules';
import type { SettingNode } from '../../shared/model/settings-tree';
import { oemDocumentWith } from '../support/documents';
import { loadStoreFile } from '../../shared/node/settings-store';
import { referenceStoresPresent, storePath } from '../support/settings-stores';

/**
 * The compiler follows the settings store in use (`--store`, the app's "settings store of my installed WCD"):
 * with the 2019 Desktop store loaded, a setting only that store has compiles, and one it lacks is refused by
 * that store's name.
 */

const tree = (name: string, ...children: SettingNode[]): SettingNode => ({ name, attributes: [], children });
const value = (name: string, text: string): SettingNode => ({ name, attributes: [], children: [], text });
const documentOf = oemDocumentWith;
const OPTIONS: CompileOptions = { style: 'adk', targetSkus: 'Desktop', assets: new Map() };

const bandwidth = documentOf(
  tree('Policies', tree('DeliveryOptimization', value('DOMaxDownloadBandwidth', '100'))),
);
const dnsName = documentOf(tree('DevDetail', value('DNSComputerName', 'PC-%SERIAL%')));

afterEach(() => activateStoreFacts(undefined));

describe.runIf(referenceStoresPresent())('compiling against a loaded WCD settings store', () => {
  it('uses that store: its settings compile, settings it lacks are refused by its name', async () => {
    const builtin = activeCompilerStore();
    expect(compileIssues(bandwidth, OPTIONS).map((issue) => issue.settingPath)).toEqual([
      'Policies/DeliveryOptimization/DOMaxDownloadBandwidth',
    ]);

    activateStoreFacts(await loadStoreFile(storePath('Microsoft-Desktop-Provisioning.2019.dat')));
    expect(activeCompilerStore()).not.toBe(builtin);
    const files = compileProvxmlFiles(bandwidth, OPTIONS).files;
    expect(files.map((file) => file.fileName)).toEqual([
      '0__Policies_DeliveryOptimization_DOMaxDownloadBandwidth.provxml',
    ]);
    expect(Buffer.from(files[0]!.bytes).toString('utf8')).toContain(
      '<parm name="DOMaxDownloadBandwidth" value="100" datatype="integer" />',
    );
    // DevDetail came after the 2019 store (docs/format/compile-rules.md §4).
    expect(compileIssues(dnsName, OPTIONS)).toEqual([
      {
        settingPath: 'DevDetail',
        detail:
          "this group is not in the settings store Microsoft-Desktop-Provisioning.2019.dat; if your WCD offers it, compile with that WCD's settings store (--store <Microsoft-Desktop-Provisioning.dat>)",
      },
    ]);

    activateStoreFacts(undefined);
    expect(activeCompilerStore()).toBe(builtin);
    expect(compileIssues(dnsName, OPTIONS)).toEqual([]);
  });
});
