import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CATALOG,
  activateStoreFacts,
  allCatalogEntries,
  builtinFacts,
  findEnumValue,
  getCatalogChildren,
  getCatalogEntry,
  isSecretSetting,
  userStoreFacts,
} from '../../shared/catalog';
import { learnUrlFor } from '../../shared/catalog/describe';
import { readStoreFacts } from '../../shared/catalog/store-reader';
import { RegistryHive } from '../../shared/regf';
import { referenceStoresPresent, storePath } from '../support/settings-stores';

/** The catalog over the whole store: generated facts, hand-written entries on top, and a store loaded at run time. */
afterEach(() => activateStoreFacts(undefined));

describe('catalog over the generated facts', () => {
  it('offers every store node as an entry, in store order, hand-written entries included', () => {
    const entries = allCatalogEntries();
    expect(entries).toHaveLength(builtinFacts().nodes.length);
    for (const entry of CATALOG)
      expect(getCatalogEntry(entry.path)?.evidence, entry.path).toBe(entry.evidence);
    expect(getCatalogChildren('').map((entry) => entry.name)).toHaveLength(53);
  });

  it('turns an integer enum into WCD labels with their numbers (Policies/Experience/AllowCortana)', () => {
    const cortana = getCatalogEntry('Policies/Experience/AllowCortana');
    expect(cortana).toMatchObject({
      kind: {
        kind: 'enum',
        values: [
          { text: 'No', number: 0 },
          { text: 'Yes', number: 1 },
        ],
      },
      default: 'Yes',
      evidence: 'derived',
      // The 2019 Common store lacks this policy: only the Desktop store offers it.
      store: 'desktop',
      compileFactsPath: 'Policies/Experience/AllowCortana',
    });
    expect(findEnumValue(cortana!, 'No')?.number).toBe(0);
  });

  it('keeps the stored value of a text enum whose label differs (SMISettings/AutoLogon/Enable)', () => {
    const enable = getCatalogEntry('SMISettings/AutoLogon/Enable');
    expect(enable?.kind).toEqual({ kind: 'enum', values: [{ text: 'ENABLE', stored: '1' }] });
    expect(enable?.default).toBe('ENABLE');
    expect(findEnumValue(enable!, 'ENABLE')?.stored).toBe('1');
    expect(findEnumValue(enable!, '1')?.text).toBe('ENABLE');
    expect(findEnumValue(enable!, '0')).toBeUndefined();
    expect(isSecretSetting('SMISettings/AutoLogon/Password')).toBe(true);
  });

  it('derives collections, assets and ranges from the facts', () => {
    expect(getCatalogEntry('UniversalAppInstall/DeviceContextApp')?.kind).toEqual({
      kind: 'map',
      keyAttribute: 'PackageFamilyName',
      itemElement: 'Application',
    });
    expect(getCatalogEntry('UniversalAppInstall/DeviceContextApp/Application')?.kind).toEqual({
      kind: 'item',
    });
    expect(getCatalogEntry('Personalization/DeployDesktopImage')?.kind).toEqual({
      kind: 'asset',
      extensions: ['.jpeg', '.jpg', '.png'],
    });
    expect(getCatalogEntry('Policies/Update/ActiveHoursEnd')?.kind).toEqual({
      kind: 'integer',
      min: 0,
      max: 23,
    });
    expect(getCatalogEntry('Policies/DeliveryOptimization/DOModifyCacheDrive')?.kind).toMatchObject({
      kind: 'text',
      pattern: '([a-z]|[A-Z]):',
      minLength: 2,
      maxLength: 2,
    });
  });

  it('links a setting to the Microsoft Learn page of its policy area or CSP, none for registry targets', () => {
    const url = (path: string) => learnUrlFor(getCatalogEntry(path)!);
    expect(url('Policies/Experience/AllowCortana')).toBe(
      'https://learn.microsoft.com/windows/client-management/mdm/policy-csp-experience',
    );
    expect(url('Accounts/Users/User/Password')).toBe(
      'https://learn.microsoft.com/windows/client-management/mdm/accounts-csp',
    );
    expect(url('SMISettings/AutoLogon/Enable')).toBeUndefined();
  });

  it('marks hidden (Private) nodes and keeps visibility rules', () => {
    const hidden = allCatalogEntries().filter((entry) => entry.hidden);
    expect(hidden.length).toBe(594);
    expect(getCatalogEntry('SMISettings/AutoLogon/Password')?.facts?.visibleWhen).toEqual([
      [{ condition: 1, setting: '../Enable', value: '1' }],
    ]);
  });

  it('keeps hand-written entries consistent with the store facts (kind, values, required)', () => {
    // Documented differences: the hand entries keep what WCD output showed or what the wizard needs.
    const exceptions = new Set([
      // Required only while the network is secured (requiredWhen); the store marks it not required.
      'ConnectivityProfiles/WLAN/WLANSetting/WLANConfig/WLANXmlSettings/SecurityKey',
    ]);
    for (const hand of CATALOG) {
      const facts = builtinFacts().get(hand.path);
      expect(facts, hand.path).toBeDefined();
      if (!facts || exceptions.has(hand.path)) continue;
      const kind = hand.kind.kind;
      const expectedKinds: Record<string, string[]> = {
        tree: ['tree'],
        item: ['tree'],
        map: ['map'],
        list: ['list'],
        boolean: ['bool'],
        enum: ['int', 'text'],
        integer: ['int'],
        text: ['text'],
        asset: ['asset'],
      };
      expect(expectedKinds[kind], hand.path).toContain(facts.kind);
      if (hand.kind.kind === 'enum' && facts.kind === 'int' && !hand.kind.digitsAllowed) {
        const known = new Map(facts.values ?? []);
        for (const value of hand.kind.values)
          expect(known.get(String(value.number)), hand.path).toBe(value.text);
      }
    }
  });
});

const present = referenceStoresPresent();

describe.skipIf(!present)('a settings store loaded at run time', () => {
  async function load(name: Parameters<typeof storePath>[0]) {
    const bytes = new Uint8Array(await readFile(storePath(name)));
    return userStoreFacts(readStoreFacts(RegistryHive.open(bytes), 'desktop'), [
      { edition: 'desktop', file: name, sha256: 'not-checked' },
    ]);
  }

  it('replaces the tree with that store and marks what the built-in catalog lacks', async () => {
    const facts = await load('Microsoft-Desktop-Provisioning.2019.dat');
    expect(facts.leaves()).toHaveLength(1160);
    activateStoreFacts(facts);
    expect(getCatalogEntry('Policies/DeliveryOptimization/DOMaxDownloadBandwidth')?.facts?.source).toBe(
      'user-store',
    );
    expect(getCatalogEntry('Policies/Experience/AllowCortana')?.facts?.source).toBe('builtin');
    const marked = allCatalogEntries().filter((entry) => entry.facts?.source === 'user-store');
    expect(marked.map((entry) => entry.path)).toHaveLength(8);
    // A newer setting of the built-in store is not offered by the older one.
    expect(getCatalogEntry('CellCore/PerDevice/CellUX/EnableAutoSlotSwitch')).toBeUndefined();
    activateStoreFacts(undefined);
    expect(getCatalogEntry('CellCore/PerDevice/CellUX/EnableAutoSlotSwitch')).toBeDefined();
  });
});
