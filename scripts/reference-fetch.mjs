#!/usr/bin/env node
// Downloads the third-party reference files listed in tests/reference/sources.json (real WCD packages, projects and
// settings stores) from their repositories at the fixed commit, checks each SHA-256, and stores them under
// .cache/reference/<file>, the layout tests/support/reference.ts searches. A file is written to a temp name beside
// its target and renamed only after its hash matched, so a bad or partial download never looks like a good one.
//
//   npm run reference:fetch [-- --dest <dir>] [--base-url <url>] [--sources <json>] [--only <prefix>]
//
// --base-url replaces https://raw.githubusercontent.com (a mirror, or a local server in the tests).
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RAW_BASE = 'https://raw.githubusercontent.com';
const TIMEOUT_MS = 60_000;
const PARALLEL = 4;

const { values } = parseArgs({
  options: {
    dest: { type: 'string', default: join(REPO_ROOT, '.cache/reference') },
    'base-url': { type: 'string', default: process.env.PPKG_REFERENCE_BASE_URL ?? RAW_BASE },
    sources: { type: 'string', default: join(REPO_ROOT, 'tests/reference/sources.json') },
    only: { type: 'string', default: '' },
  },
});

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** Refuses entries that would write outside the destination (the list is data, so it is checked like input). */
function targetOf(dest, file) {
  const path = normalize(file);
  if (isAbsolute(path) || path.startsWith('..') || path.includes('\0'))
    throw new Error(`unsafe file name ${file}`);
  return join(dest, path);
}

function urlOf(entry, baseUrl) {
  if (!entry.url.startsWith(`${RAW_BASE}/`)) throw new Error(`${entry.file}: url must be under ${RAW_BASE}`);
  return baseUrl.replace(/\/$/, '') + entry.url.slice(RAW_BASE.length);
}

async function fetchOne(entry, dest, baseUrl) {
  const target = targetOf(dest, entry.file);
  const existing = await readFile(target).catch(() => null);
  if (existing && sha256(existing) === entry.sha256) return 'present';
  const url = urlOf(entry, baseUrl);
  const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'follow' });
  if (!response.ok) throw new Error(`${entry.file}: HTTP ${response.status} from ${url}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const actual = sha256(bytes);
  if (actual !== entry.sha256) {
    throw new Error(
      `${entry.file}: SHA-256 mismatch from ${url} (expected ${entry.sha256}, got ${actual}, ${bytes.length} bytes); not stored`,
    );
  }
  await mkdir(dirname(target), { recursive: true });
  const temp = `${target}.${process.pid}.part`;
  try {
    await writeFile(temp, bytes);
    await rename(temp, target);
  } finally {
    await rm(temp, { force: true });
  }
  return 'fetched';
}

async function main() {
  const { files } = JSON.parse(await readFile(values.sources, 'utf8'));
  const wanted = files.filter((entry) => entry.file.startsWith(values.only));
  const dest = resolve(values.dest);
  const failures = [];
  const counts = { fetched: 0, present: 0 };
  let next = 0;
  const worker = async () => {
    while (next < wanted.length) {
      const entry = wanted[next++];
      try {
        counts[await fetchOne(entry, dest, values['base-url'])] += 1;
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  console.log(
    `reference files in ${dest}: ${counts.fetched} fetched, ${counts.present} already present, ${failures.length} failed`,
  );
  for (const failure of failures.sort()) console.error(`  ${failure}`);
  process.exitCode = failures.length === 0 ? 0 : 1;
}

await main();
