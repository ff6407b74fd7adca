import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { RegistryHive, type RegistryKey } from '../../shared/regf';
import { runTool } from '../support/oracles';
import { REFERENCE_STORES, referenceStoresPresent, storePath } from '../support/settings-stores';

/**
 * Oracle: Debian's hivexml (libhivex-bin) over the five reference settings stores. Every key, value name,
 * type and value must match what our regf reader returns, in the same order.
 */

interface OracleKey {
  name: string;
  values: string[];
  children: OracleKey[];
}

function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, entity: string) => {
    if (entity[0] === '#') {
      const code =
        entity[1] === 'x' ? Number.parseInt(entity.slice(2), 16) : Number.parseInt(entity.slice(1), 10);
      return String.fromCodePoint(code);
    }
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[entity] ?? '';
  });
}

/** Parses hivexml's output: <node name> elements with <value type key value> children. */
function parseHivexml(xml: string): OracleKey {
  const stack: OracleKey[] = [];
  let root: OracleKey | undefined;
  const tag = /<(\/?)(node|value)\b([^>]*?)(\/?)>/g;
  const attribute = (attributes: string, name: string) => {
    const match = new RegExp(`\\b${name}="([^"]*)"`).exec(attributes);
    return match ? unescapeXml(match[1] ?? '') : undefined;
  };
  for (let match = tag.exec(xml); match; match = tag.exec(xml)) {
    const [, closing, element, attributes = '', selfClosing] = match;
    if (element === 'node') {
      if (closing) {
        stack.pop();
        continue;
      }
      const key: OracleKey = { name: attribute(attributes, 'name') ?? '', values: [], children: [] };
      const parent = stack.at(-1);
      if (parent) parent.children.push(key);
      else root = key;
      if (!selfClosing) stack.push(key);
    } else if (!closing) {
      const type = attribute(attributes, 'type');
      const name = attribute(attributes, 'key') ?? '';
      const value = attribute(attributes, 'value');
      stack.at(-1)?.values.push(`${name}|${type}|${value}`);
    }
  }
  if (!root) throw new Error('hivexml printed no root node');
  return root;
}

function ourKey(key: RegistryKey): OracleKey {
  return {
    name: key.name,
    values: key.values().map((value) => {
      const decoded = value.decode();
      if (decoded.type === 'string') return `${value.name}|string|${decoded.value}`;
      // hivexml prints REG_DWORD as a signed 32-bit integer.
      if (decoded.type === 'dword') return `${value.name}|int32|${decoded.value | 0}`;
      return `${value.name}|${decoded.type}|?`;
    }),
    children: key.subkeys().map(ourKey),
  };
}

function count(key: OracleKey): { keys: number; values: number } {
  return key.children
    .map(count)
    .reduce((sum, child) => ({ keys: sum.keys + child.keys, values: sum.values + child.values }), {
      keys: 1,
      values: key.values.length,
    });
}

const present = referenceStoresPresent();

describe.skipIf(!present)('regf reader against hivexml', () => {
  for (const name of REFERENCE_STORES) {
    it(`reads ${name} exactly as hivexml does`, async () => {
      // hivexml opens /dev/stdout, which fails on Node's socket pipes: pass its output through cat.
      const run = await runTool('sh', [
        '-c',
        'hivexml "$1" | cat; exit "${PIPESTATUS:-0}"',
        'sh',
        storePath(name),
      ]);
      expect(run.exitCode, `hivexml: ${run.stderr}`).toBe(0);
      const oracle = parseHivexml(run.stdout);
      const hive = RegistryHive.open(new Uint8Array(await readFile(storePath(name))));
      const ours = ourKey(hive.root);
      // Compare sizes first for a readable failure, then the whole tree.
      expect(count(ours)).toEqual(count(oracle));
      expect(ours).toEqual(oracle);
      expect(count(ours).keys).toBeGreaterThan(500);
    }, 60_000);
  }
});
