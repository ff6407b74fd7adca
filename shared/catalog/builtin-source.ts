import generated from './generated/desktop-store.json' with { type: 'json' };
import { type CatalogGroups, groupParsedCatalog } from './catalog-groups';
import type { GeneratedCatalog } from './store-facts';

/**
 * Where the built-in catalog comes from. The renderer, Electron main, the task worker, Vitest and the handlers
 * the end-to-end tests run from source import the committed JSON with the code. The CLI bundle replaces this
 * module with cli/support/builtin-catalog-file.ts (vite.cli.config.ts), which reads the file shipped beside
 * the bundle on first use: a 700 KB literal compiled as code on every run cost a CLI build 6–10 ms.
 */
export function builtinCatalogGroups(): CatalogGroups {
  return groupParsedCatalog(generated as unknown as GeneratedCatalog, 'desktop-store.json');
}
