import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher, createTrustedSenderCheck, type IpcSender } from '../../electron/main/dispatcher';
import { createEmitter } from '../../electron/main/events';
import { createHandlers, createMainServices } from '../../electron/main/handlers';
import { createFileLogger, maskSecrets } from '../../electron/main/logger';
import { DriveError } from '../../shared/drives/errors';
import { buildPpkgApi, IpcError } from '../../shared/ipc/build-api';
import { ipcChannelNames, ipcEventNames, type IpcEvent } from '../../shared/ipc/channels';
import type { IpcHandlers } from '../../shared/ipc/contract';
import { createWcdProject } from '../../shared/model/project';
import { setSetting } from '../../shared/model/settings-edit';
import { createTestHost, type TestHost } from '../support/test-host';

const rendererUrl = 'file:///opt/PPKG%20Studio/resources/app.asar/out/renderer/index.html';
const ownWindow: IpcSender = { url: rendererUrl, isMainFrame: true };

let host: TestHost;
beforeEach(async () => {
  host = await createTestHost({ version: '1.0.0', locale: 'en-US', platform: 'linux' });
});
afterEach(() => host.dispose());

/** The renderer's window.ppkg over main's dispatcher, through a structured clone as Electron's IPC does. */
function rendererApi(handlers: IpcHandlers, logFile?: string) {
  const logger = logFile ? createFileLogger(logFile) : undefined;
  const dispatch = createDispatcher(handlers, createTrustedSenderCheck(rendererUrl), logger);
  const sent: unknown[] = [];
  const api = buildPpkgApi(
    ipcChannelNames,
    ipcEventNames,
    async (channel, args) => {
      const reply = structuredClone(await dispatch(channel, structuredClone(args), ownWindow));
      sent.push(reply);
      return reply;
    },
    () => () => undefined,
  );
  return { api, sent, logger };
}

function documentWithSecret(secret: string) {
  const doc = createWcdProject({
    name: 'Secrets',
    id: '{0f9c3d8e-8a55-4d63-9a54-2f0c7e1b6a11}',
    wizard: true,
  }).customizations;
  setSetting(doc, 'Accounts/Users/User/Password', secret, 'admin');
  return doc;
}

describe('errors cross IPC as values', () => {
  it('a DriveError reaches the renderer as an IpcError with its code, message and details unchanged', async () => {
    const handlers: IpcHandlers = {
      ...createHandlers(host),
      'drives:list': async () => {
        throw new DriveError('command-failed', 'lsblk exited with code 32', 'lsblk --json');
      },
    };
    const { api, sent } = rendererApi(handlers);
    const failure = await api.drives.list().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(IpcError);
    const value = (failure as IpcError).toValue();
    expect(value).toEqual({
      code: 'command-failed',
      message: 'lsblk exited with code 32 (lsblk --json)',
      details: { subject: 'lsblk --json' },
    });
    // Exactly what main sent: nothing parsed back out of a message.
    expect(sent).toEqual([{ ok: false, error: value }]);
  });

  it('a path the user never picked is a path-not-granted value naming the channel and access', async () => {
    const { api } = rendererApi(createHandlers(host));
    const failure = (await api.file
      .read({ path: host.path('secret.txt'), encoding: 'utf8' })
      .catch((error: unknown) => error)) as IpcError;
    expect(failure.code).toBe('path-not-granted');
    expect(failure.details).toEqual({ channel: 'file:read', path: host.path('secret.txt'), access: 'read' });
  });

  it('a bad argument is an invalid-request value; the handler never runs', async () => {
    const { api } = rendererApi(createHandlers(host));
    const failure = (await api.app
      .setLanguage({ language: 'fr' as 'en' })
      .catch((error: unknown) => error)) as IpcError;
    expect(failure).toMatchObject({ code: 'invalid-request', details: { channel: 'app:setLanguage' } });
    expect(host.languages).toEqual([]);
  });
});

describe("main's logger", () => {
  it('writes failures to the log file with code and channel, and never a secret of the call', async () => {
    const secret = `Pw-${randomBytes(8).toString('hex')}"\\`;
    const logFile = host.path('logs/main.log');
    const handlers: IpcHandlers = {
      ...createHandlers(host),
      'project:save': async (request) => {
        // A careless error path that echoes the value (what issue #10 item 5 found in XML errors).
        throw new Error(`could not write ${JSON.stringify(request.customizations).slice(0, 4000)}`);
      },
    };
    const { api, logger } = rendererApi(handlers, logFile);
    const doc = documentWithSecret(secret);
    await expect(
      api.project.save({
        path: host.path('p.icdproj.xml'),
        project: null,
        customizations: doc,
        includeSecrets: false,
      }),
    ).rejects.toMatchObject({ code: 'internal' });
    // A refused call with the same document is logged too.
    await expect(
      api.package.build({ document: doc as never, path: host.path('never-picked.ppkg') }),
    ).rejects.toMatchObject({ code: 'path-not-granted' });
    // Wait for the logger's queued appends rather than a fixed delay, which raced under load.
    await logger?.flush();
    const log = await readFile(logFile, 'utf8');
    const lines = log
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(
      lines.filter((line) => line.event === 'ipc-error').map((line) => [line.channel, line.code]),
    ).toEqual([
      ['project:save', 'internal'],
      ['package:build', 'path-not-granted'],
    ]);
    expect(log).toContain('********');
    expect(log).not.toContain(secret);
    expect(log).not.toContain(secret.slice(0, 12));
  });

  it('masks every occurrence, longest secret first', () => {
    expect(maskSecrets('a=hunter22 b=hunter2 c=hunter22', ['hunter2', 'hunter22'])).toBe(
      'a=******** b=******** c=********',
    );
    expect(maskSecrets('pin 123 stays', ['123'])).toBe('pin 123 stays');
  });
});

describe('events from main', () => {
  it('a build pushes typed progress events up to 100 % and a finished event (no status channel)', async () => {
    const events: Array<{ event: IpcEvent; payload: unknown }> = [];
    const emit = createEmitter((event, payload) => events.push({ event, payload }));
    const { handlers } = createMainServices(host, emit);
    // A large incompressible asset so the write reports more than one step.
    await writeFile(host.path('big.msi'), randomBytes(3 * 1024 * 1024));
    host.answerNextOpenDialog('big.msi');
    host.answerNextSaveDialog('out.ppkg');
    const { api } = rendererApi(handlers);
    const asset = await api.dialog.openAsset({ kind: 'installer' });
    const target = await api.dialog.saveFile({ kind: 'package', suggestedName: 'out.ppkg' });
    const doc = createWcdProject({
      name: 'Big',
      id: '{0f9c3d8e-8a55-4d63-9a54-2f0c7e1b6a12}',
      wizard: true,
    }).customizations;
    setSetting(
      doc,
      'ProvisioningCommands/PrimaryContext/Command/CommandConfig/CommandFile',
      asset!.path,
      'Agent',
    );
    setSetting(
      doc,
      'ProvisioningCommands/PrimaryContext/Command/CommandConfig/CommandLine',
      'msiexec /i big.msi',
      'Agent',
    );
    const result = await api.package.build({ document: doc as never, path: target!.path });
    expect(result).toMatchObject({ ok: true, path: target!.path });

    const progress = events.filter((entry) => entry.event === 'build:progress').map((entry) => entry.payload);
    expect(progress[0]).toMatchObject({ step: 'compile', path: target!.path });
    const last = progress.at(-1) as { step: string; write: { bytesDone: number; bytesTotal: number } };
    expect(last.step).toBe('write');
    expect(last.write.bytesTotal).toBeGreaterThanOrEqual(3 * 1024 * 1024);
    expect(last.write.bytesDone).toBe(last.write.bytesTotal);
    expect(events.at(-1)).toMatchObject({
      event: 'build:finished',
      payload: { path: target!.path, outcome: 'built' },
    });
    expect(ipcChannelNames).not.toContain('batch:status');
    expect(ipcChannelNames).not.toContain('drives:copyStatus');
  });

  it('an event payload that breaks the contract is not sent', () => {
    const sent: unknown[] = [];
    const emit = createEmitter((event, payload) => sent.push([event, payload]));
    expect(() => emit('build:progress', { path: '', step: 'write' } as never)).toThrow();
    expect(sent).toEqual([]);
  });
});
