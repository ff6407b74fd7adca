import { parentPort } from 'node:worker_threads';
import { toIpcErrorValue } from '../errors';
import { inspectSecuredPackage } from '../project-files';
import { buildWizardPackageFromAssets } from '../wizard-build';
import type { TaskMessage, TaskRequest } from './protocol';

/**
 * The worker that runs main's heavy tasks (package inspection, the wizard's build) off main's event loop, so
 * the window never freezes on a large or hostile package; a task that exhausts the worker's heap ends the
 * worker, not the app. Bundled as `app-task-worker.js` (electron.vite.config.ts).
 */
const port = parentPort;
if (!port) throw new Error('task-worker.ts must run in a worker thread');

const post = (message: TaskMessage) => port.postMessage(message);

async function run({ id, task }: TaskRequest): Promise<TaskMessage> {
  if (task.kind === 'inspect')
    return { id, kind: 'inspected', result: await inspectSecuredPackage(task.path, task.password) };
  const result = await buildWizardPackageFromAssets(
    task.doc,
    task.outPath,
    new Map(task.assets),
    {
      onStep: (step) => post({ id, kind: 'step', step }),
      onWriteProgress: (progress) => post({ id, kind: 'write-progress', progress }),
    },
    task.security,
    task.generatedPassword,
  );
  return { id, kind: 'built', result };
}

port.on('message', (request: TaskRequest) => {
  run(request).then(post, (error: unknown) =>
    post({ id: request.id, kind: 'failed', error: toIpcErrorValue(error) }),
  );
});
