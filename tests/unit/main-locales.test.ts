import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const repoRoot = resolve(import.meta.dirname, '../..');

type Resource = { [key: string]: string | Resource };

async function load(path: string): Promise<Resource> {
  return JSON.parse(await readFile(resolve(repoRoot, path), 'utf8')) as Resource;
}

/** Every leaf as `dotted.key` → text. */
function leaves(resource: Resource, prefix = ''): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(resource)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') found.set(path, value);
    else for (const [leaf, text] of leaves(value, path)) found.set(leaf, text);
  }
  return found;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)/g)].map((match) => match[1] ?? '').sort();
}

describe.each([
  ['main process', 'electron/main/locales'],
  ['renderer', 'renderer/src/locales'],
])('%s locale files', (_name, folder) => {
  it('have the same keys and interpolation placeholders in English and Spanish', async () => {
    const english = leaves(await load(`${folder}/en.json`));
    const spanish = leaves(await load(`${folder}/es.json`));
    expect([...spanish.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, text] of english) {
      expect(text.trim(), key).not.toBe('');
      expect(placeholders(spanish.get(key) ?? ''), key).toEqual(placeholders(text));
    }
  });

  it('are really translated (most Spanish texts differ from the English ones)', async () => {
    const english = leaves(await load(`${folder}/en.json`));
    const spanish = leaves(await load(`${folder}/es.json`));
    const same = [...english].filter(([key, text]) => spanish.get(key) === text).map(([key]) => key);
    // Product names, language names and format masks legitimately stay the same.
    expect(same.length / english.size).toBeLessThan(0.2);
  });
});
