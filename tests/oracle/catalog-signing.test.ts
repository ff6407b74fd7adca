import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { encodeUnsignedCatalog, parseCatalog } from '../../shared/package-security/catalog';
import { catalogPathFor, checkCatalog, writeCatalog } from '../../shared/node/package-security/catalog-file';
import { loadPfx, signCatalog, SigningError } from '../../shared/node/package-security/signing';
import { fixturePath, ppkgFixtureFile } from '../support/fixtures';
import { runTool } from '../support/oracles';
import { describeWith, type Requirements } from '../support/requirements';
import { createTestPki, startTestTsa, type TestPki } from '../support/test-pki';

const FIXTURE_CAT = fixturePath('osd-invoke-driverpack-devicecontext.cat');
const FIXTURE_PPKG = fixturePath('osd-invoke-driverpack-devicecontext.ppkg');
/** The WCD catalog and its package (tests/reference/sources.json), and the oracles that read catalogs. */
const NEEDS: Requirements = {
  reference: [
    ppkgFixtureFile('osd-invoke-driverpack-devicecontext.cat'),
    ppkgFixtureFile('osd-invoke-driverpack-devicecontext.ppkg'),
  ],
  tools: ['openssl', 'osslsigncode'],
};

let work: string;
let pki: TestPki;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'ppkg-cat-'));
  pki = await createTestPki();
}, 60_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
  await rm(pki.dir, { recursive: true, force: true });
});

/** The catalog as `openssl asn1parse` prints it, offsets and volatile values (ID, time, hashes) removed. */
async function asn1Structure(path: string): Promise<string[]> {
  const run = await runTool('openssl', ['asn1parse', '-inform', 'DER', '-in', path]);
  expect(run.exitCode, run.stderr).toBe(0);
  return run.stdout
    .trim()
    .split('\n')
    .map((line) => line.replace(/^\s*\d+:/, '').replace(/(HEX DUMP\]:|UTCTIME\s+:).*/, '$1'));
}

describeWith(NEEDS, 'unsigned catalog', () => {
  it('encodes the fixture byte for byte from its own hashes, ID and time', async () => {
    const fixture = new Uint8Array(await readFile(FIXTURE_CAT));
    const parsed = parseCatalog(fixture);
    const ppkg = await readFile(FIXTURE_PPKG);
    expect(parsed.memberTags).toEqual([
      createHash('sha256').update(ppkg).digest('hex'),
      createHash('sha1').update(ppkg).digest('hex'),
    ]);
    const again = encodeUnsignedCatalog({
      members: [
        {
          sha256: Buffer.from(parsed.memberTags[0]!, 'hex'),
          sha1: Buffer.from(parsed.memberTags[1]!, 'hex'),
        },
      ],
      listIdentifier: fixture.subarray(66, 82),
      thisUpdate: parsed.thisUpdate!,
    });
    expect(Buffer.from(again).equals(Buffer.from(fixture))).toBe(true);
  });

  it('writes a catalog with the fixture structure that openssl reads and that matches the package', async () => {
    const ppkg = join(work, 'fixture-copy.ppkg');
    await writeFile(ppkg, await readFile(FIXTURE_PPKG));
    await writeCatalog({ files: [ppkg], catalogPath: catalogPathFor(ppkg) });
    expect(await asn1Structure(catalogPathFor(ppkg))).toEqual(await asn1Structure(FIXTURE_CAT));
    const pkcs7 = await runTool('openssl', [
      'pkcs7',
      '-inform',
      'DER',
      '-in',
      catalogPathFor(ppkg),
      '-print',
    ]);
    expect(pkcs7.exitCode, pkcs7.stderr).toBe(0);
    expect(await checkCatalog(ppkg)).toMatchObject({
      present: true,
      matches: true,
      signed: false,
      members: 2,
    });
    await writeFile(ppkg, Buffer.concat([await readFile(FIXTURE_PPKG), Buffer.from([0])]));
    expect(await checkCatalog(ppkg)).toMatchObject({ present: true, matches: false });
  });
});

describeWith(NEEDS, 'signed catalog', () => {
  it('is read by openssl pkcs7 and accepted by osslsigncode verify (test CA → leaf); a changed byte is not', async () => {
    const signer = await loadPfx(new Uint8Array(await readFile(pki.leafPfx)), pki.leafPfxPassword);
    const ppkg = join(work, 'signed.ppkg');
    await writeFile(ppkg, await readFile(FIXTURE_PPKG));
    const cat = catalogPathFor(ppkg);
    await writeCatalog({ files: [ppkg], catalogPath: cat, signer });
    const parsed = parseCatalog(new Uint8Array(await readFile(cat)));
    expect(parsed).toMatchObject({ signerCount: 1 });
    // OpenSSL's cms command wants an OCTET STRING eContent (CMS); a catalog is PKCS#7 v1.5 with the CTL inline.
    const pkcs7 = await runTool('openssl', ['pkcs7', '-inform', 'DER', '-in', cat, '-print', '-print_certs']);
    expect(pkcs7.exitCode, pkcs7.stderr).toBe(0);
    expect(pkcs7.stdout).toMatch(/CN=PPKG Studio Test leaf/);
    const verify = await runTool('osslsigncode', ['verify', '-in', cat, '-CAfile', pki.caPem]);
    expect(verify.exitCode, verify.stdout + verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/^Signature verification: ok/m);
    expect(verify.stdout).toMatch(/Succeeded/);
    // Flip one byte of the first member tag (inside the signed CTL): the signature must no longer verify.
    const bytes = await readFile(cat);
    const tag = bytes.indexOf(Buffer.from(parsed.memberTags[0]!, 'hex'));
    bytes[tag] = (bytes[tag] ?? 0) ^ 0xff;
    const tampered = join(work, 'tampered.cat');
    await writeFile(tampered, bytes);
    const bad = await runTool('osslsigncode', ['verify', '-in', tampered, '-CAfile', pki.caPem]);
    expect(bad.exitCode).not.toBe(0);
  }, 60_000);

  it('carries an RFC 3161 timestamp from a local TSA that osslsigncode verifies', async () => {
    const tsa = await startTestTsa(pki);
    try {
      const signer = await loadPfx(new Uint8Array(await readFile(pki.leafPfx)), pki.leafPfxPassword);
      const ppkg = join(work, 'stamped.ppkg');
      await writeFile(ppkg, await readFile(FIXTURE_PPKG));
      const cat = catalogPathFor(ppkg);
      await writeCatalog({ files: [ppkg], catalogPath: cat, signer, timestampUrl: tsa.url });
      expect(tsa.requests).toBe(1);
      const verify = await runTool('osslsigncode', [
        'verify',
        '-in',
        cat,
        '-CAfile',
        pki.caPem,
        '-TSA-CAfile',
        pki.caPem,
      ]);
      expect(verify.exitCode, verify.stdout + verify.stderr).toBe(0);
      expect(verify.stdout).toMatch(/Timestamp Server Signature verification: ok/);
      expect(verify.stdout).toMatch(/^Signature verification: ok/m);
    } finally {
      tsa.server.close();
    }
  }, 60_000);

  it('refuses a wrong PFX password and a certificate without digital-signature usage', async () => {
    await expect(loadPfx(new Uint8Array(await readFile(pki.leafPfx)), 'wrong')).rejects.toThrow(
      /password is wrong/,
    );
    const signer = await loadPfx(new Uint8Array(await readFile(pki.encipherOnlyPfx)), pki.leafPfxPassword);
    await expect(
      signCatalog({ members: [], listIdentifier: new Uint8Array(16), thisUpdate: new Date() }, signer),
    ).rejects.toThrow(SigningError);
  });
});
