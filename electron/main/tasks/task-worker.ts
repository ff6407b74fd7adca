import { parentPort } from 'node:worker_threads';
import { toIpcErrorValue } from '../errors';
import { diffForApp } from '../package-diff';
import { inspectSecuredPackage } from '../project-files';
import { readRunReport } from '../sandbox-runs';
import { activateStoreFacts } from '../../../shared/catalog';
import { storeFactsInWorker } from '../settings-store';
import { buildWizardPackageFromFiles, readPickedWizardAssets } from '../wizard-build';
import type { Task, TaskMessage, TaskRequest } from './protocol';

/**
 * The worker that runs main's heavy tasks (package inspection, every wizard build, diffs, sandbox reports)
 * off main's event loop, so the window never freezes on a large or hostile package; a task that exhausts the worker's heap ends the
 * worker, not the app. Bundled as `app-task-worker.js` (electron.vite.config.ts).
 */
const port = parentPort;
if (!port) throw new Error('task-worker.ts must run in a worker thread');

const post = (message: TaskMessage) => port.postMessage(message);

/**
 * A build compiles against the settings store main uses (sent with the task), then the worker returns to the
 * built-in catalog. The PFX, if any, is opened here; its key never leaves this thread.
 */
async function build(id: number, { kind: _kind, store, ...request }: Extract<Task, { kind: 'build' }>) {
  activateStoreFacts(store ? storeFactsInWorker(store) : undefined);
  try {
    return await buildWizardPackageFromFiles(request, {
      onStep: (step) => post({ id, kind: 'step', step }),
      onWriteProgress: (progress) => post({ id, kind: 'write-progress', progress }),
    });
  } finally {
    activateStoreFacts(undefined);
  }
}

/** A diff with the document compiles against the store main uses, with the picked assets read here. */
async function diff({ a, b }: Extract<Task, { kind: 'diff' }>) {
  if (b.kind === 'package') return diffForApp(a, b);
  activateStoreFacts(b.store ? storeFactsInWorker(b.store) : undefined);
  try {
    const assets = await readPickedWizardAssets(b.doc, b.pickedAssets);
    return await diffForApp(a, { kind: 'document', doc: b.doc, assets });
  } finally {
    activateStoreFacts(undefined);
  }
}

async function run({ id, task }: TaskRequest): Promise<TaskMessage> {
  if (task.kind === 'inspect')
    return { id, kind: 'inspected', result: await inspectSecuredPackage(task.path, task.password) };
  if (task.kind === 'diff') return { id, kind: 'diffed', result: await diff(task) };
  if (task.kind === 'sandbox-report')
    return { id, kind: 'sandbox-reported', result: await readRunReport(task.runFolder) };
  return { id, kind: 'built', result: await build(id, task) };
}

port.on('message', (request: TaskRequest) => {
  run(request).then(post, (error: unknown) =>
    post({ id: request.id, kind: 'failed', error: toIpcErrorValue(error) }),
  );
});
