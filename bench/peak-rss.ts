import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';

/** Runs a command and samples its peak RSS (VmHWM, Linux /proc) until it exits; collects its stdout (bench:xml, bench:app-build). */
export async function peakRss(
  command: string,
  args: string[],
): Promise<{ code: number | null; peakMiB: number | null; stdout: string; seconds: number }> {
  const start = performance.now();
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  let peak: number | null = null;
  const timer = setInterval(() => {
    readFile(`/proc/${child.pid}/status`, 'utf8').then(
      (status) => {
        const kib = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]);
        if (Number.isFinite(kib)) peak = Math.max(peak ?? 0, kib / 1024);
      },
      () => undefined,
    );
  }, 50);
  const code = await new Promise<number | null>((done) => child.on('close', (exitCode) => done(exitCode)));
  clearInterval(timer);
  return { code, peakMiB: peak, stdout, seconds: (performance.now() - start) / 1000 };
}
