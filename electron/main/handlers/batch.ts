import { basename } from 'node:path';
import type { IpcHandlers } from '../../../shared/ipc/contract';
import { BatchRunner, prepareBatchPreview } from '../batch';
import type { HandlerContext } from './context';

type BatchHandlers = Pick<
  IpcHandlers,
  'batch:pickCsv' | 'batch:pickOutput' | 'batch:prepare' | 'batch:start' | 'batch:cancel'
>;

/** The Batch page: pick the CSV and the output, preview, run (progress and completion as events), cancel. */
export function batchHandlers(context: HandlerContext): BatchHandlers {
  const { host, grants, emit } = context;
  const runner = new BatchRunner(emit);
  return {
    'batch:pickCsv': async () => {
      const strings = context.strings();
      return context.pickToOpen(strings.batch.csv, [
        { name: strings.batch.csvFilter, extensions: ['csv', 'txt'] },
        { name: strings.filter.all, extensions: ['*'] },
      ]);
    },
    'batch:pickOutput': async ({ kind }) => {
      const strings = context.strings().batch;
      const path = await host.showSaveDialog({
        title: strings.output,
        suggestedName: kind === 'zip' ? 'packages.zip' : 'packages',
        filters: kind === 'zip' ? [{ name: strings.zipFilter, extensions: ['zip'] }] : [],
      });
      if (path === null) return null;
      grants.grantWrite(path);
      return { path, name: basename(path) };
    },
    'batch:prepare': async ({ csvPath, template, mapping }) => {
      grants.requireRead('batch:prepare', csvPath);
      return prepareBatchPreview(await host.readFile(csvPath), template, mapping);
    },
    'batch:start': async ({ csvPath, template, mapping, output }) => {
      grants.requireRead('batch:start', csvPath);
      grants.requireWrite('batch:start', output.path);
      const outcome = await runner.run({
        csvBytes: await host.readFile(csvPath),
        template,
        mapping,
        output,
        isPicked: (path) => grants.canRead(path),
      });
      // The renderer may reveal what the batch wrote.
      if (outcome.outputPath) grants.grantWrite(outcome.outputPath);
      return outcome;
    },
    'batch:cancel': async () => {
      runner.cancel();
      return null;
    },
  };
}
