import { createRequire } from 'node:module';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/**
 * Loader used only when running from TS source (vitest, the Playwright bridge): Node cannot execute .ts in a
 * worker, so the worker registers these hooks, which transpile .ts with the project's TypeScript and resolve
 * the extension-less imports that moduleResolution "Bundler" allows.
 */
const SOURCE_LOADER = `
let ts;
export async function initialize(data) { ts = (await import(data.typescriptUrl)).default; }
export async function resolve(specifier, context, next) {
  try { return await next(specifier, context); } catch (error) {
    if (context.parentURL && context.parentURL.endsWith('.ts') && specifier.startsWith('.')) {
      for (const suffix of ['.ts', '/index.ts']) {
        try { return await next(specifier + suffix, context); } catch {}
      }
    }
    throw error;
  }
}
export async function load(url, context, next) {
  if (!url.endsWith('.ts')) return next(url, context);
  const { readFile } = await import('node:fs/promises');
  const source = await readFile(new URL(url), 'utf8');
  const output = ts.transpileModule(source, {
    fileName: url,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  return { format: 'module', source: output.outputText, shortCircuit: true };
}`;

/**
 * Starts a worker thread on a module that exists as a bundled `.js` beside the caller's bundle (the app, the
 * CLI) and as a `.ts` source beside the caller's source (tests).
 * @param callerUrl the caller's `import.meta.url`
 * @param bundledFile the worker's bundle name, next to the caller's bundle
 * @param sourceFile the worker's source, relative to the caller's source file
 */
export function startModuleWorker(
  callerUrl: string,
  bundledFile: string,
  sourceFile: string,
  resourceLimits?: ResourceLimits,
): Worker {
  if (!callerUrl.endsWith('.ts'))
    return new Worker(new URL(bundledFile, callerUrl), resourceLimits ? { resourceLimits } : {});
  const typescriptUrl = new URL(`file://${createRequire(callerUrl).resolve('typescript')}`).href;
  const entryUrl = new URL(sourceFile, callerUrl).href;
  const bootstrap = `
    const { register } = require('node:module');
    register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(SOURCE_LOADER)}), {
      data: { typescriptUrl: ${JSON.stringify(typescriptUrl)} },
    });
    import(${JSON.stringify(entryUrl)});`;
  return new Worker(bootstrap, { eval: true });
}
