import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, referenceSources } from '../support/reference';

/** `npm run reference:fetch` against a local server: right hashes are stored, wrong ones and 404s are not. */

const COMMIT = 'a'.repeat(40);
const good = new TextEncoder().encode('a real package, byte for byte');
const tampered = new TextEncoder().encode('not what the list promised');
const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const raw = (path: string): string => `https://raw.githubusercontent.com/owner/repo/${COMMIT}/${path}`;

let server: Server;
let baseUrl = '';
let work = '';
const requests: string[] = [];

function entry(file: string, path: string, hashOf: Uint8Array) {
  return {
    file,
    repository: 'https://github.com/owner/repo',
    commit: COMMIT,
    path,
    url: raw(path),
    bytes: hashOf.length,
    sha256: sha256(hashOf),
    exercises: 'test',
  };
}

function fetchReferences(
  sources: string,
  dest: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [
        join(REPO_ROOT, 'scripts/reference-fetch.mjs'),
        '--sources',
        sources,
        '--dest',
        dest,
        '--base-url',
        baseUrl,
      ],
      { encoding: 'utf8' },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'reference-fetch-'));
  server = createServer((request, response) => {
    requests.push(request.url ?? '');
    const files: Record<string, Uint8Array> = {
      [`/owner/repo/${COMMIT}/dir/good.ppkg`]: good,
      [`/owner/repo/${COMMIT}/bad.ppkg`]: tampered,
    };
    const body = files[request.url ?? ''];
    if (body) response.writeHead(200).end(body);
    else response.writeHead(404).end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((done) => server.close(done));
  await rm(work, { recursive: true, force: true });
});

describe('reference:fetch', () => {
  it('stores files whose SHA-256 matches and reports mismatches and 404s by file, storing nothing for them', async () => {
    const sources = join(work, 'sources.json');
    await writeFile(
      sources,
      JSON.stringify({
        files: [
          entry('fixtures/ppkg/good.ppkg', 'dir/good.ppkg', good),
          entry('fixtures/ppkg/bad.ppkg', 'bad.ppkg', good),
          entry('fixtures/real/gone.ppkg', 'gone.ppkg', good),
        ],
      }),
    );
    const dest = join(work, 'cache');
    const first = await fetchReferences(sources, dest);
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('1 fetched, 0 already present, 2 failed');
    expect(first.stderr).toContain(`fixtures/ppkg/bad.ppkg: SHA-256 mismatch`);
    expect(first.stderr).toContain(`got ${sha256(tampered)}`);
    expect(first.stderr).toContain('fixtures/real/gone.ppkg: HTTP 404');
    expect(new Uint8Array(await readFile(join(dest, 'fixtures/ppkg/good.ppkg')))).toEqual(good);
    expect(existsSync(join(dest, 'fixtures/real'))).toBe(false);
    expect(await readdir(join(dest, 'fixtures/ppkg'))).toEqual(['good.ppkg']); // no bad.ppkg, no .part file

    // A second run keeps the verified file without downloading it again.
    requests.length = 0;
    const second = await fetchReferences(sources, dest);
    expect(second.stdout).toContain('0 fetched, 1 already present, 2 failed');
    expect(requests).not.toContain(`/owner/repo/${COMMIT}/dir/good.ppkg`);
  });

  it('refuses a list entry that would write outside the cache folder', async () => {
    const sources = join(work, 'escape.json');
    await writeFile(sources, JSON.stringify({ files: [entry('../outside.ppkg', 'dir/good.ppkg', good)] }));
    const run = await fetchReferences(sources, join(work, 'cache2'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('unsafe file name ../outside.ppkg');
    expect(existsSync(join(work, 'outside.ppkg'))).toBe(false);
  });

  it('the real list names every file once, at a fixed commit, with a SHA-256 and what it exercises', () => {
    const sources = referenceSources();
    expect(new Set(sources.map((source) => source.file)).size).toBe(sources.length);
    for (const source of sources) {
      expect(source.url).toBe(
        `https://raw.githubusercontent.com/${source.repository.replace('https://github.com/', '')}/${source.commit}/${source.path}`,
      );
      expect(source.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(source.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(source.exercises.length).toBeGreaterThan(10);
    }
  });
});
