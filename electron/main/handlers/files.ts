import { basename } from 'node:path';
import type { FileEncoding, FileKind, IpcHandlers } from '../../../shared/ipc/contract';
import type { HandlerContext } from './context';

type FileHandlers = Pick<
  IpcHandlers,
  'dialog:openProject' | 'dialog:openPackage' | 'dialog:saveFile' | 'file:read' | 'file:write'
>;

function decode(contents: string, encoding: FileEncoding): Uint8Array {
  return encoding === 'utf8' ? new TextEncoder().encode(contents) : Buffer.from(contents, 'base64');
}

function encode(bytes: Uint8Array, encoding: FileEncoding): string {
  return encoding === 'utf8'
    ? new TextDecoder('utf-8').decode(bytes)
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

const saveTitles: Record<FileKind, 'saveProject' | 'savePackage' | 'saveXml'> = {
  project: 'saveProject',
  package: 'savePackage',
  xml: 'saveXml',
};

/** Open and save dialogs (each pick becomes a grant) and reads/writes of granted paths. */
export function fileHandlers(context: HandlerContext): FileHandlers {
  const { host, grants } = context;
  return {
    'dialog:openProject': () =>
      context.pickToOpen(context.strings().dialog.openProject, context.filtersFor('project')),
    'dialog:openPackage': () =>
      context.pickToOpen(context.strings().dialog.openPackage, context.filtersFor('package')),
    'dialog:saveFile': async ({ kind, suggestedName }) => {
      const path = await host.showSaveDialog({
        title: context.strings().dialog[saveTitles[kind]],
        suggestedName: basename(suggestedName),
        filters: context.filtersFor(kind),
      });
      if (path === null) return null;
      grants.grantWrite(path);
      return { path, name: basename(path) };
    },
    'file:read': async ({ path, encoding }) => {
      grants.requireRead('file:read', path);
      const bytes = await host.readFile(path);
      return { path, contents: encode(bytes, encoding), size: bytes.byteLength };
    },
    'file:write': async ({ path, contents, encoding }) => {
      grants.requireWrite('file:write', path);
      const bytes = decode(contents, encoding);
      await host.writeFileAtomic(path, bytes);
      return { path, size: bytes.byteLength };
    },
  };
}
