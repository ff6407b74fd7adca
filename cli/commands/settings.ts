import type { Command } from 'commander';
import { activeFacts, allCatalogEntries } from '../../shared/catalog';
import { type SettingDescription, describeSetting, matchesSearch } from '../../shared/catalog/describe';
import type { CatalogEntry } from '../../shared/catalog/types';
import type { CliIo } from '../support/run-cli';

function underPrefix(entry: CatalogEntry, prefix: string | undefined): boolean {
  if (!prefix) return true;
  const wanted = prefix.replace(/^\/+|\/+$/g, '').toLowerCase();
  const path = entry.path.toLowerCase();
  return path === wanted || path.startsWith(`${wanted}/`);
}

function valueSummary(row: SettingDescription): string {
  if (row.values)
    return row.values.map(([value, label]) => (value === label ? value : `${value}=${label}`)).join('|');
  const parts: string[] = [];
  if (row.minimum !== undefined || row.maximum !== undefined)
    parts.push(`${row.minimum ?? ''}..${row.maximum ?? ''}`);
  if (row.minLength !== undefined || row.maxLength !== undefined) {
    parts.push(`length ${row.minLength ?? 0}..${row.maxLength ?? ''}`);
  }
  if (row.pattern !== undefined) parts.push(`pattern ${row.pattern}`);
  if (row.extensions) parts.push(row.extensions.map((extension) => `.${extension}`).join(' '));
  if (row.keyAttribute !== undefined) parts.push(`key ${row.keyAttribute}`);
  return parts.join(', ');
}

function textLine(row: SettingDescription): string {
  const facts = [
    row.storeKind ?? row.kind,
    valueSummary(row),
    row.default !== undefined ? `default ${row.default}` : '',
    row.target ? `${row.target.kind} ${row.target.path}` : '',
    row.scope === 'user' ? 'user scope' : '',
    row.target?.kind === 'csp' && row.target.action !== 'add' ? row.target.action : '',
    row.required ? 'required' : '',
    row.secret ? 'secret' : '',
    row.evidence,
    row.hidden ? 'hidden' : '',
    row.source === 'user-store' ? 'from --store' : '',
  ].filter((part) => part !== '');
  return `${row.path}  ${facts.join('; ')}`;
}

/**
 * `ppkg-studio settings [<path prefix>] [--search <text>] [--json]`: the catalog's settings with their facts, for
 * admins scripting against it. `--json` prints one object per node (JSON lines); hidden nodes are listed and
 * marked. With `--store` (added in support/store-option.ts) the listing is that store's.
 */
export function registerSettingsCommand(program: Command, io: CliIo): void {
  program
    .command('settings')
    .description('List the settings of the catalog (or of --store) with their facts.')
    .argument('[prefix]', 'only settings at or below this path, e.g. Policies/Experience')
    .option('--search <text>', 'only settings whose path or CSP/registry target contains this text')
    .option('--json', 'one JSON object per setting (JSON lines)')
    .action((prefix: string | undefined, options: { search?: string; json?: boolean }) => {
      // Only nodes of the store in use: a hand-written entry missing from an older --store is not listed.
      const rows = allCatalogEntries()
        .filter((entry) => entry.facts !== undefined)
        .filter((entry) => underPrefix(entry, prefix) && matchesSearch(entry, options.search ?? ''))
        .map(describeSetting);
      if (options.json) {
        io.stdout(rows.map((row) => `${JSON.stringify(row)}\n`).join(''));
        return;
      }
      const origin = activeFacts().origin;
      const leaves = rows.filter((row) => row.leaf).length;
      io.stdout(
        `${rows.map(textLine).join('\n')}${rows.length > 0 ? '\n' : ''}` +
          `${rows.length} node(s), ${leaves} setting(s); store: ${origin.inputs.map((input) => input.file).join(' + ')}\n`,
      );
    });
}
