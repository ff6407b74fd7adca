import { Command } from 'commander';
import { APP_VERSION } from '../shared/version';

const program = new Command('ppkg-studio')
  .description('Build and inspect Windows provisioning packages (.ppkg) natively.')
  .version(APP_VERSION);

await program.parseAsync(process.argv);
