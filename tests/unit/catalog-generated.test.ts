import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { groupCatalogText } from '../../shared/catalog/catalog-groups';
import { generateCatalog, serializeCatalog } from '../../shared/catalog/generate';
import { LEAF_KINDS, type GeneratedCatalog } from '../../shared/catalog/store-facts';
import { RegistryHive, type RegistryKey } from '../../shared/regf';
import { REPO_ROOT } from '../support/fixtures';
import { STORE_DIR, referenceStoresPresent } from '../support/settings-stores';

/**
 * The committed generated catalog must be exactly what the generator makes from the stores it names: a store
 * update or a generator change shows up as a failing test until the JSON is regenerated and reviewed.
 */
const GENERATED = resolve(REPO_ROOT, 'shared/catalog/generated/desktop-store.json');

async function committed(): Promise<{ text: string; catalog: GeneratedCatalog }> {
  const text = await readFile(GENERATED, 'utf8');
  return { text, catalog: JSON.parse(text) as GeneratedCatalog };
}

async function storeFile(file: string) {
  return { file, bytes: new Uint8Array(await readFile(join(STORE_DIR, file))) };
}

/** Every Visibility/DisplayName and DisplayDescription text of a hive (Microsoft's wording). */
function displayTexts(key: RegistryKey, out: Set<string>): Set<string> {
  for (const child of key.subkeys()) {
    if (child.name === 'Visibility' && child.value('Type') === undefined) {
      for (const name of ['DisplayName', 'DisplayDescription']) {
        const decoded = child.value(name)?.decode();
        if (decoded?.type === 'string' && decoded.value.includes(' ')) out.add(decoded.value);
      }
    }
    displayTexts(child, out);
  }
  return out;
}

const present = referenceStoresPresent();

describe('generated catalog', () => {
  it('holds every node of the 2024 Desktop store: 1,927 nodes, 1,381 leaves, 53 groups', async () => {
    const { catalog } = await committed();
    expect(catalog.nodes).toHaveLength(1927);
    expect(catalog.nodes.filter((node) => LEAF_KINDS.has(node.kind))).toHaveLength(1381);
    expect(catalog.nodes.filter((node) => !node.path.includes('/'))).toHaveLength(53);
    const cortana = catalog.nodes.find((node) => node.path === 'Policies/Experience/AllowCortana');
    expect(cortana).toMatchObject({
      kind: 'int',
      default: '1',
      values: [
        ['0', 'No'],
        ['1', 'Yes'],
      ],
      target: { kind: 'csp', path: './Vendor/MSFT/Policy/Config/Experience/AllowCortana', action: 'add' },
    });
  });

  it('is laid out as the generator writes it, which the CLI reads one group at a time', async () => {
    // Without the reference stores this still holds the file to serializeCatalog's layout (one node per line,
    // each top-level group one run), which groupCatalogText relies on.
    const { text, catalog } = await committed();
    expect(serializeCatalog(catalog)).toBe(text);
    const groups = groupCatalogText(text, 'desktop-store.json');
    const perGroup = groups.roots.flatMap((root, index) => [root, ...groups.below(index)]);
    expect(perGroup).toEqual(catalog.nodes);
    expect(groups.inputs).toEqual(catalog.inputs);
  });

  it.skipIf(!present)(
    'is exactly what the generator makes from the stores it names',
    async () => {
      const { text, catalog } = await committed();
      const desktop = catalog.inputs.find((input) => input.edition === 'desktop');
      const common = catalog.inputs.find((input) => input.edition === 'common');
      if (!desktop) throw new Error('no desktop input recorded');
      const regenerated = generateCatalog(
        await storeFile(desktop.file),
        common ? await storeFile(common.file) : undefined,
      );
      expect(serializeCatalog(regenerated)).toBe(text);
    },
    60_000,
  );

  it.skipIf(!present)(
    'carries none of the display names or help texts of the store',
    async () => {
      const { text } = await committed();
      const bytes = new Uint8Array(
        await readFile(join(STORE_DIR, 'Microsoft-Desktop-Provisioning.2024.dat')),
      );
      const texts = displayTexts(RegistryHive.open(bytes).root, new Set());
      expect(texts.size).toBeGreaterThan(1000);
      const strings = new Set<string>();
      JSON.parse(text, (_key, value: unknown) => {
        if (typeof value === 'string') strings.add(value);
        return value;
      });
      const leaked = [...texts].filter((display) => strings.has(display));
      expect(leaked).toEqual([]);
    },
    60_000,
  );
});
