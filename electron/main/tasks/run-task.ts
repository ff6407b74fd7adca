import type { Worker } from 'node:worker_threads';
import type { PackageDiff } from '../../../shared/diff/package-diff';
import { startModuleWorker } from '../../../shared/node/start-worker';
import type { WriteProgress } from '../../../shared/node/wim/wim-writer';
import type { ResultsReport } from '../../../shared/sandbox/report';
import { MainError } from '../errors';
import type { inspectSecuredPackage } from '../project-files';
import type { BuildOutcome } from '../wizard-build';
import type { Task, TaskMessage } from './protocol';

/** Bundle name of task-worker.ts next to out/main/index.js (electron.vite.config.ts rollupOptions.input). */
const BUNDLED_TASK_WORKER = 'app-task-worker.js';
/**
 * A hostile package (a customizations.xml expanding to 1 GB) must exhaust the worker, not main: the
 * worker is ended with an out-of-memory error and the next task starts a new one.
 */
const TASK_WORKER_LIMITS = { maxOldGenerationSizeMb: 1024 };

export interface TaskListeners {
  onStep?: (step: 'compile' | 'write') => void;
  onWriteProgress?: (progress: WriteProgress) => void;
}

interface PendingTask {
  listeners: TaskListeners;
  resolve: (message: TaskMessage) => void;
  reject: (error: Error) => void;
}

/** One task worker per main process, started on first use and kept (its start-up is paid once). */
let worker: Worker | null = null;
let nextId = 0;
const pending = new Map<number, PendingTask>();

function failAll(error: Error): void {
  worker = null;
  for (const task of pending.values()) task.reject(error);
  pending.clear();
}

function taskWorker(): Worker {
  if (worker) return worker;
  const started = startModuleWorker(
    import.meta.url,
    BUNDLED_TASK_WORKER,
    './task-worker.ts',
    TASK_WORKER_LIMITS,
  );
  // Idle, it must not keep a process (a test run, a quitting app) alive.
  started.unref();
  started.on('message', (message: TaskMessage) => {
    const task = pending.get(message.id);
    if (!task) return;
    if (message.kind === 'step') task.listeners.onStep?.(message.step);
    else if (message.kind === 'write-progress') task.listeners.onWriteProgress?.(message.progress);
    else {
      pending.delete(message.id);
      if (message.kind === 'failed')
        task.reject(new MainError(message.error.code, message.error.message, message.error.details));
      else task.resolve(message);
    }
  });
  started.on('error', (error) => {
    if (worker === started) failAll(new MainError('internal', `the task worker failed: ${error.message}`));
  });
  started.on('exit', (code) => {
    if (worker === started) failAll(new MainError('internal', `the task worker stopped (exit code ${code})`));
  });
  worker = started;
  return started;
}

/** Starts the worker ahead of the first task (the Playwright bridge, so a test does not pay for it). */
export function warmTaskWorker(): void {
  taskWorker();
}

function runTask(task: Task, listeners: TaskListeners): Promise<TaskMessage> {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { listeners, resolve, reject });
    taskWorker().postMessage({ id, task });
  });
}

export async function inspectPackageOffThread(
  path: string,
  password?: string,
): Promise<Awaited<ReturnType<typeof inspectSecuredPackage>>> {
  const message = await runTask({ kind: 'inspect', path, ...(password ? { password } : {}) }, {});
  if (message.kind !== 'inspected') throw new MainError('internal', 'the task worker answered out of turn');
  return message.result;
}

/** Diffs two packages, or a package and the document (its picked assets travel as paths, read there). */
export async function diffOffThread(task: Extract<Task, { kind: 'diff' }>): Promise<PackageDiff> {
  const message = await runTask(task, {});
  if (message.kind !== 'diffed') throw new MainError('internal', 'the task worker answered out of turn');
  return message.result;
}

/** Reads a sandbox run's report (the package's settings and the results folder) off main's thread. */
export async function sandboxReportOffThread(runFolder: string): Promise<ResultsReport> {
  const message = await runTask({ kind: 'sandbox-report', runFolder }, {});
  if (message.kind !== 'sandbox-reported')
    throw new MainError('internal', 'the task worker answered out of turn');
  return message.result;
}

/** A wizard build in the worker: nothing large is posted (assets travel as paths, read there). */
export async function buildPackageOffThread(
  task: Extract<Task, { kind: 'build' }>,
  listeners: TaskListeners,
): Promise<BuildOutcome> {
  const message = await runTask(task, listeners);
  if (message.kind !== 'built') throw new MainError('internal', 'the task worker answered out of turn');
  return message.result;
}
