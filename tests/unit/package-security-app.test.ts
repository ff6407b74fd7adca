import { cp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher, createTrustedSenderCheck, type IpcSender } from '../../electron/main/dispatcher';
import { IpcError } from '../../shared/ipc/build-api';
import { createHandlers } from '../../electron/main/handlers';
import type { CustomizationsDocument } from '../../shared/model/customizations-document';
import { setSetting } from '../../shared/model/settings-edit';
import { createWcdProject } from '../../shared/model/project';
import { validateDocument } from '../../shared/validation';
import { createTestPki, pickLeafPfx, type TestPki } from '../support/test-pki';
import { createTestHost, FakeKeychain, type TestHost } from '../support/test-host';

/**
 * The app side of package security, through the real main handlers and the IPC contract: masked secrets
 * are missing (issue #10), secrets at rest in the keychain side file (issue #13 §4), Finish-page signing and
 * encryption, and a planted-secrets sweep over every file the app writes.
 */

const rendererUrl = 'file:///opt/PPKG%20Studio/resources/app.asar/out/renderer/index.html';
const ownWindow: IpcSender = { url: `${rendererUrl}#/wizard`, isMainFrame: true };

/** Unique values, so a grep finds them anywhere they leak. */
const PLANTED = {
  admin: 'Planted-Admin-7f3a91',
  wifi: 'Planted-Wifi-2c8e55',
  enroll: 'Planted-Enroll-d41b07',
};
const ADMIN = 'Accounts/Users/User[localadmin]/Password';
const WIFI = 'ConnectivityProfiles/WLAN/WLANSetting/WLANConfig[Contoso-Setup]/WLANXmlSettings/SecurityKey';
const ENROLL = 'Workplace/Enrollments/UPN[user1@contoso.com]/Secret';

function plantedProject(): CustomizationsDocument {
  const doc = createWcdProject({
    name: 'Planted',
    id: '{4a0c7d2e-1b3f-4c5d-8e9f-a0b1c2d3e4f5}',
    wizard: true,
  }).customizations;
  setSetting(doc, 'Accounts/Users/User/UserGroup', 'Administrators', 'localadmin');
  setSetting(doc, 'Accounts/Users/User/Password', PLANTED.admin, 'localadmin');
  const wifi = 'ConnectivityProfiles/WLAN/WLANSetting/WLANConfig/WLANXmlSettings';
  setSetting(doc, `${wifi}/SecurityType`, 'WPA2-Personal', 'Contoso-Setup');
  setSetting(doc, `${wifi}/SecurityKey`, PLANTED.wifi, 'Contoso-Setup');
  const upn = 'Workplace/Enrollments/UPN';
  setSetting(doc, `${upn}/AuthPolicy`, 'OnPremise', 'user1@contoso.com');
  setSetting(
    doc,
    `${upn}/DiscoveryServiceFullUrl`,
    'https://mdm.contoso.com/EnrollmentServer/Discovery.svc',
    'user1@contoso.com',
  );
  setSetting(doc, `${upn}/Secret`, PLANTED.enroll, 'user1@contoso.com');
  return doc;
}

let host: TestHost;
beforeEach(async () => {
  host = await createTestHost();
});
afterEach(async () => {
  await host.dispose();
});

function dispatcher(onHost: TestHost = host) {
  const dispatch = createDispatcher(createHandlers(onHost), createTrustedSenderCheck(rendererUrl));
  // As the renderer sees it: the reply's value, or its error value thrown as an IpcError.
  return async <T>(channel: string, arg?: unknown): Promise<T> => {
    const reply = await dispatch(channel, arg === undefined ? [] : [arg], ownWindow);
    if (reply.ok) return reply.value as T;
    throw new IpcError(reply.error);
  };
}

type Call = ReturnType<typeof dispatcher>;

interface Opened {
  customizations: CustomizationsDocument;
  restoredSecrets?: string[];
  missingSecrets?: string[];
}

async function saveProject(call: Call, doc: CustomizationsDocument, name = 'Planted.icdproj.xml') {
  host.answerNextSaveDialog(join('project', name));
  const target = await call<{ path: string }>('dialog:saveFile', { kind: 'project', suggestedName: name });
  return call<{ folder: string; projectFile: string; secretsKept?: boolean }>('project:save', {
    path: target.path,
    project: null,
    customizations: doc,
    includeSecrets: false,
  });
}

async function openProject(call: Call, path: string, onHost: TestHost = host): Promise<Opened> {
  onHost.answerNextOpenDialog(relative(onHost.root, path));
  const picked = await call<{ path: string }>('dialog:openProject');
  return call<Opened>('project:open', { path: picked.path });
}

async function build(call: Call, doc: CustomizationsDocument, name: string, security?: unknown) {
  host.answerNextSaveDialog(name);
  const target = await call<{ path: string }>('dialog:saveFile', { kind: 'package', suggestedName: name });
  return call<Record<string, unknown>>('package:build', {
    document: doc,
    path: target.path,
    ...(security ? { security } : {}),
  });
}

describe('a masked placeholder is never a value (issue #10)', () => {
  it('a project reopened without its secrets lists them missing, fails validation at each field, and Build refuses it', async () => {
    host.keychain.available = false; // no keychain: the save keeps nothing
    const call = dispatcher();
    const saved = await saveProject(call, plantedProject());
    expect(saved.secretsKept).toBe(false);
    const opened = await openProject(call, join(saved.folder, saved.projectFile));
    expect(opened.missingSecrets?.sort()).toEqual([ADMIN, ENROLL, WIFI].sort());
    const masked = validateDocument(opened.customizations).filter(
      (finding) => finding.ruleId === 'secret.masked',
    );
    expect(masked.map((finding) => finding.path).sort()).toEqual([ADMIN, ENROLL, WIFI].sort());
    // Even if the renderer skipped validation, main never compiles ********.
    const outcome = await build(call, opened.customizations, 'masked.ppkg');
    expect(outcome).toMatchObject({ ok: false, detail: expect.stringMatching(/saved masked/) });
    await expect(stat(host.path('masked.ppkg'))).rejects.toThrow(/ENOENT/);
  });
});

describe('secrets at rest in the keychain side file', () => {
  it('restores on reopen, and fails closed for another account, a copied folder or no keychain', async () => {
    const call = dispatcher();
    const saved = await saveProject(call, plantedProject());
    expect(saved.secretsKept).toBe(true);
    const projectPath = join(saved.folder, saved.projectFile);
    const side = join(saved.folder, 'Planted.icdproj.secrets');
    expect((await stat(side)).mode & 0o777).toBe(0o600);

    const reopened = await openProject(call, projectPath);
    expect(reopened.missingSecrets).toEqual([]);
    expect(reopened.restoredSecrets?.sort()).toEqual([ADMIN, ENROLL, WIFI].sort());
    expect(validateDocument(reopened.customizations).filter((f) => f.severity === 'error')).toEqual([]);

    // Another account / machine: its keychain cannot open the side file.
    const mine = host.keychain;
    host.keychain = new FakeKeychain();
    expect((await openProject(dispatcher(), projectPath)).missingSecrets).toHaveLength(3);
    host.keychain = mine;

    // The folder copied elsewhere (same account): not restored either.
    await cp(saved.folder, host.path('copied'), { recursive: true });
    const copied = await openProject(dispatcher(), host.path('copied/Planted.icdproj.xml'));
    expect(copied.missingSecrets).toHaveLength(3);
    expect((await openProject(dispatcher(), projectPath)).missingSecrets).toEqual([]);

    // Keychain unavailable: nothing restored, and the next save removes the side file.
    host.keychain.available = false;
    expect((await openProject(dispatcher(), projectPath)).missingSecrets).toHaveLength(3);
    await saveProject(dispatcher(), plantedProject());
    await expect(stat(side)).rejects.toThrow(/ENOENT/);
  });
});

describe('Finish page: sign and encrypt', () => {
  let pki: TestPki;
  beforeEach(async () => {
    pki = await createTestPki();
  }, 60_000);
  afterEach(() => rm(pki.dir, { recursive: true, force: true }));

  it('signs the .cat with a picked PFX, encrypts with a generated password, and Open package needs it', async () => {
    const call = dispatcher();
    const pfxPath = await pickLeafPfx(pki, host, call);
    const wrong = await build(call, plantedProject(), 'wrong.ppkg', {
      sign: { pfxPath, password: 'nope' },
    });
    expect(wrong).toMatchObject({ ok: false, settingPath: 'PackageSecurity/Sign' });
    expect(JSON.stringify(wrong)).not.toContain('nope');

    const outcome = await build(call, plantedProject(), 'secure.ppkg', {
      sign: { pfxPath, password: pki.leafPfxPassword },
      encrypt: { password: null },
    });
    expect(outcome).toMatchObject({
      ok: true,
      signed: true,
      encrypted: true,
      catalogPath: host.path('secure.cat'),
    });
    const password = outcome.generatedPassword as string;
    expect(password).toMatch(/^[a-zA-Z0-9]{16}$/);

    host.answerNextOpenDialog('secure.ppkg');
    const picked = await call<{ path: string }>('dialog:openPackage');
    await expect(call('package:inspect', { path: picked.path })).rejects.toThrow(/encrypted/);
    await expect(call('package:inspect', { path: picked.path, password: 'wrong-password' })).rejects.toThrow(
      /MAC mismatch/,
    );
    const inspection = await call<Record<string, unknown>>('package:inspect', {
      path: picked.path,
      password,
    });
    expect(inspection).toMatchObject({
      name: 'Planted',
      encrypted: true,
      catalog: { present: true, matches: true, signed: true },
    });
  }, 60_000);
});

describe('planted secrets', () => {
  it('appear only inside the built package and the export for WCD, in no other file the app writes', async () => {
    const call = dispatcher();
    const saved = await saveProject(call, plantedProject());
    const reopened = await openProject(call, join(saved.folder, saved.projectFile));
    const built = await build(call, reopened.customizations, 'planted.ppkg', {
      encrypt: { password: 'Pkg-Pass-1' },
    });
    expect(built).toMatchObject({ ok: true });
    const plainBuilt = await build(call, reopened.customizations, 'plain.ppkg');
    expect(plainBuilt).toMatchObject({ ok: true });
    // Batch with the reopened project as template.
    await writeFile(host.path('rows.csv'), 'PackageName,DevDetail/DNSComputerName\nPC-1,PC-1\n');
    host.answerNextOpenDialog('rows.csv');
    const csv = await call<{ path: string }>('batch:pickCsv');
    host.answerNextSaveDialog('batch-out');
    const output = await call<{ path: string }>('batch:pickOutput', { kind: 'folder' });
    const batch = await call<Record<string, unknown>>('batch:start', {
      csvPath: csv.path,
      template: reopened.customizations,
      mapping: [
        { column: 'PackageName', target: { kind: 'package-name' } },
        {
          column: 'DevDetail/DNSComputerName',
          target: { kind: 'setting', path: 'DevDetail/DNSComputerName' },
        },
      ],
      output: { kind: 'folder', path: output.path },
    }).catch((error: Error) => ({ error: error.message }));
    expect(batch).toMatchObject({
      built: [expect.objectContaining({ packageFile: 'PC-1.ppkg' })],
      errors: [],
    });
    host.answerNextOpenDialog('plain.ppkg');
    const opened = await call<{ path: string }>('dialog:openPackage');
    await call('package:inspect', { path: opened.path });
    // Export for WCD: the one plaintext path.
    host.answerNextSaveDialog(join('export', 'Planted.icdproj.xml'));
    const exportTarget = await call<{ path: string }>('dialog:saveFile', {
      kind: 'project',
      suggestedName: 'x',
    });
    await call('project:save', {
      path: exportTarget.path,
      project: null,
      customizations: reopened.customizations,
      includeSecrets: true,
    });

    const allowed = (file: string) => /\.ppkg$/.test(file) || file.startsWith(`export/`);
    const leaks: string[] = [];
    const sweep = async (dir: string) => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const full = join(dir, entry.name);
        if (entry.isDirectory()) await sweep(full);
        else {
          const text = (await readFile(full)).toString('latin1');
          for (const value of Object.values(PLANTED))
            if (text.includes(value) && !allowed(relative(host.root, full)))
              leaks.push(`${relative(host.root, full)}: ${value}`);
        }
      }
    };
    await sweep(host.root);
    expect(leaks).toEqual([]);
    // The export and the plain package do hold them (the sweep would have found them: it is not blind).
    expect((await readFile(host.path('export/customizations.xml'), 'utf8')).includes(PLANTED.admin)).toBe(
      true,
    );
    expect(JSON.stringify(batch)).not.toMatch(new RegExp(Object.values(PLANTED).join('|')));
  }, 60_000);
});
