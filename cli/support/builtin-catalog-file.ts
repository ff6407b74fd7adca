import { isAscii } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type * as BundledSource from '../../shared/catalog/builtin-source';
import { type CatalogGroups, groupCatalogText } from '../../shared/catalog/catalog-groups';
import { besideBundleEntry } from '../../shared/node/bundle-file';
import { errorMessage } from '../../shared/text/error-message';

/** The committed catalog's name: vite.cli.config.ts copies it beside the CLI bundle's entry under that name. */
const BUILTIN_CATALOG_FILE = 'desktop-store.json';

/**
 * shared/catalog/builtin-source.ts in the CLI bundle (vite.cli.config.ts swaps it in, so this is typed as the
 * function it stands for, and only the bundle calls it): the built-in catalog read with node:fs from beside the
 * bundle on first use and split per top-level group without parsing it whole. Reading and splitting the 700 KB
 * file took ~3 ms here; as a string literal in a chunk it cost 6–10 ms to compile and 5–12 ms to parse whole.
 */
export const builtinCatalogGroups: typeof BundledSource.builtinCatalogGroups = (): CatalogGroups => {
  const path = fileURLToPath(besideBundleEntry(BUILTIN_CATALOG_FILE, import.meta.url));
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? errorMessage(error);
    throw new Error(
      `the built-in settings catalog ${path} cannot be read (${reason}): it ships beside the CLI bundle; reinstall ppkg-studio or rebuild it with npm run build`,
    );
  }
  // The catalog is ASCII today: read as Latin-1 that is a copy (UTF-8 decoding took twice as long).
  return groupCatalogText(bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8'), path);
};
