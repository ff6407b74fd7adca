import type { Command } from 'commander';

/** Commands that read settings and therefore accept `--store <file.dat>` (issue #11, item 6). */
export const STORE_COMMANDS = ['build', 'compile', 'validate', 'batch', 'inspect', 'settings'] as const;

const isStoreCommand = (name: string) => (STORE_COMMANDS as readonly string[]).includes(name);

/**
 * Adds `--store <file.dat>` to those commands and, before any of them runs, loads that WCD settings store as the
 * catalog for the run: settings newer than the built-in catalog are then known and marked as coming from it.
 * The catalog and the hive reader are imported only then, so other commands (wim) stay light.
 */
export function addStoreOption(program: Command): void {
  for (const command of program.commands) {
    if (!isStoreCommand(command.name())) continue;
    command.option(
      '--store <file.dat>',
      'use this WCD settings store (e.g. Microsoft-Desktop-Provisioning.dat of an installed WCD) instead of the built-in catalog',
    );
  }
  program.hook('preAction', async (_program, action) => {
    if (!isStoreCommand(action.name())) return;
    const store = action.opts().store;
    const { activateStoreFacts } = await import('../../shared/catalog');
    if (typeof store !== 'string') {
      activateStoreFacts(undefined);
      return;
    }
    const { loadStoreFile } = await import('../../shared/node/settings-store');
    activateStoreFacts(await loadStoreFile(store));
  });
}
