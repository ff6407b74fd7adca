/**
 * `npm run catalog:generate -- <Desktop store.dat> [--common <Common store.dat>] [-o <file.json>]`
 *
 * Regenerates shared/catalog/generated/desktop-store.json, the facts-only catalog, from WCD's settings stores.
 * The stores are Microsoft's files: they are read, never copied; display names and help are not read at all.
 */
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { Command } from 'commander';
import { generateCatalog, serializeCatalog } from '../shared/catalog/generate';
import { writeBytesAtomic } from '../shared/node/atomic-write';
import { LEAF_KINDS } from '../shared/catalog/store-facts';
import { errorMessage } from '../shared/text/error-message';

export const DEFAULT_OUTPUT = 'shared/catalog/generated/desktop-store.json';

const program = new Command('catalog:generate')
  .argument('<desktop-store>', 'Microsoft-Desktop-Provisioning.dat')
  .option('--common <file>', 'Microsoft-Common-Provisioning.dat (marks the groups every edition has)')
  .option('-o, --output <file>', 'output JSON', DEFAULT_OUTPUT)
  .action(async (desktopPath: string, options: { common?: string; output: string }) => {
    const desktop = { file: basename(desktopPath), bytes: new Uint8Array(await readFile(desktopPath)) };
    const common = options.common
      ? { file: basename(options.common), bytes: new Uint8Array(await readFile(options.common)) }
      : undefined;
    const catalog = generateCatalog(desktop, common);
    await writeBytesAtomic(resolve(options.output), serializeCatalog(catalog));
    const leaves = catalog.nodes.filter((node) => LEAF_KINDS.has(node.kind)).length;
    process.stdout.write(`${options.output}: ${catalog.nodes.length} nodes, ${leaves} leaves\n`);
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`catalog:generate: ${errorMessage(error)}\n`);
  process.exitCode = 1;
});
