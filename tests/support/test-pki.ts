import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { runTool } from './oracles';

/**
 * A throw-away PKI made with openssl for the signing tests: a self-signed CA, a code-signing leaf
 * (digital signature key usage) in a PFX with a password, and a timestamping certificate for a local TSA.
 */

export interface TestPki {
  dir: string;
  caPem: string;
  leafPfx: string;
  leafPfxPassword: string;
  /** Leaf without the digital-signature key usage (WCD's filter refuses it). */
  encipherOnlyPfx: string;
  tsaCert: string;
  tsaKey: string;
  tsaConfig: string;
}

async function openssl(args: string[], cwd: string): Promise<void> {
  const run = await runTool(
    'openssl',
    args.map((arg) => arg.replace('{dir}', cwd)),
  );
  if (run.exitCode !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${run.stderr}`);
}

export async function createTestPki(): Promise<TestPki> {
  const dir = await mkdtemp(join(process.env.TMPDIR ?? '/tmp', 'ppkg-pki-'));
  const path = (name: string) => join(dir, name);
  const password = 'Pfx-Pass-4471';
  await writeFile(
    path('ext.cnf'),
    [
      '[ca]',
      'basicConstraints=critical,CA:TRUE',
      'keyUsage=critical,keyCertSign,cRLSign',
      'subjectKeyIdentifier=hash',
      '[leaf]',
      'basicConstraints=CA:FALSE',
      'keyUsage=critical,digitalSignature',
      'extendedKeyUsage=codeSigning',
      '[encipher]',
      'basicConstraints=CA:FALSE',
      'keyUsage=critical,keyEncipherment',
      '[tsa]',
      'basicConstraints=CA:FALSE',
      'keyUsage=critical,digitalSignature',
      'extendedKeyUsage=critical,timeStamping',
      '',
    ].join('\n'),
  );
  await openssl(
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      path('ca.key'),
      '-out',
      path('ca.pem'),
      '-days',
      '30',
      '-subj',
      '/CN=PPKG Studio Test CA',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    dir,
  );
  for (const name of ['leaf', 'encipher', 'tsa']) {
    await openssl(
      [
        'req',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        path(`${name}.key`),
        '-out',
        path(`${name}.csr`),
        '-subj',
        `/CN=PPKG Studio Test ${name}`,
      ],
      dir,
    );
    await openssl(
      [
        'x509',
        '-req',
        '-in',
        path(`${name}.csr`),
        '-CA',
        path('ca.pem'),
        '-CAkey',
        path('ca.key'),
        '-CAcreateserial',
        '-days',
        '10',
        '-out',
        path(`${name}.pem`),
        '-extfile',
        path('ext.cnf'),
        '-extensions',
        name,
      ],
      dir,
    );
  }
  for (const name of ['leaf', 'encipher']) {
    await openssl(
      [
        'pkcs12',
        '-export',
        '-inkey',
        path(`${name}.key`),
        '-in',
        path(`${name}.pem`),
        '-certfile',
        path('ca.pem'),
        '-out',
        path(`${name}.pfx`),
        '-passout',
        `pass:${password}`,
      ],
      dir,
    );
  }
  await writeFile(
    path('tsa.cnf'),
    [
      '[tsa]',
      'default_tsa = tsa_config',
      '[tsa_config]',
      `dir = ${dir}`,
      'serial = $dir/tsaserial',
      'crypto_device = builtin',
      'signer_digest = sha256',
      'default_policy = 1.2.3.4.1',
      'digests = sha1, sha256',
      'accuracy = secs:1',
      'ordering = no',
      'tsa_name = no',
      'ess_cert_id_chain = no',
      'ess_cert_id_alg = sha256',
      '',
    ].join('\n'),
  );
  await writeFile(path('tsaserial'), '01\n');
  return {
    dir,
    caPem: path('ca.pem'),
    leafPfx: path('leaf.pfx'),
    leafPfxPassword: password,
    encipherOnlyPfx: path('encipher.pfx'),
    tsaCert: path('tsa.pem'),
    tsaKey: path('tsa.key'),
    tsaConfig: path('tsa.cnf'),
  };
}

/** A local RFC 3161 TSA: each request is answered by `openssl ts -reply`. */
export async function startTestTsa(pki: TestPki): Promise<{ url: string; server: Server; requests: number }> {
  const state = { requests: 0 };
  let counter = 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      state.requests++;
      const id = ++counter;
      const query = join(pki.dir, `q${id}.tsq`);
      const reply = join(pki.dir, `r${id}.tsr`);
      void writeFile(query, Buffer.concat(chunks)).then(() =>
        execFile(
          'openssl',
          [
            'ts',
            '-reply',
            '-config',
            pki.tsaConfig,
            '-queryfile',
            query,
            '-signer',
            pki.tsaCert,
            '-inkey',
            pki.tsaKey,
            '-chain',
            pki.caPem,
            '-out',
            reply,
          ],
          (error) => {
            if (error) {
              response.statusCode = 500;
              response.end();
              return;
            }
            response.setHeader('Content-Type', 'application/timestamp-reply');
            readFile(reply).then(
              (body) => response.end(body),
              () => {
                response.statusCode = 500;
                response.end();
              },
            );
          },
        ),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/tsa`,
    server,
    get requests() {
      return state.requests;
    },
  };
}

/** Copies the test PFX into a test host's folder and picks it as the Finish page does; returns its path. */
export async function pickLeafPfx(
  pki: TestPki,
  host: { path(name: string): string; answerNextOpenDialog(name: string): void },
  call: <T>(channel: string, arg?: unknown) => Promise<T>,
): Promise<string> {
  await writeFile(host.path('signer.pfx'), await readFile(pki.leafPfx));
  host.answerNextOpenDialog('signer.pfx');
  return (await call<{ path: string }>('dialog:openAsset', { kind: 'pfx' })).path;
}
