/**
 * The names of every renderer → main IPC channel and main → renderer event, kept free of any dependency so
 * the sandboxed preload can bundle it without pulling in zod. `contract.ts` is checked against these lists
 * at compile time, so a channel cannot exist in one place and not the other.
 *
 * A channel is `<namespace>:<method>`; the preload exposes it as `window.ppkg.<namespace>.<method>(…)`.
 */
export const ipcChannelNames = [
  'app:getInfo',
  'app:setLanguage',
  'dialog:openProject',
  'dialog:openPackage',
  'dialog:saveFile',
  'file:read',
  'file:write',
  'dialog:openAsset',
  'cert:inspect',
  'package:build',
  'package:listSigningCertificates',
  'shell:showInFolder',
  'app:takeLaunchFile',
  'project:open',
  'project:recent',
  'project:forgetRecent',
  'project:save',
  'package:inspect',
  'package:compare',
  'package:diffWithLastBuild',
  'sandbox:status',
  'sandbox:start',
  'sandbox:runs',
  'drives:list',
  'drives:copyPackage',
  'drives:removeOtherPackages',
  'batch:pickCsv',
  'batch:pickOutput',
  'batch:prepare',
  'batch:start',
  'batch:cancel',
  'settingsStore:findInstalled',
  'settingsStore:pick',
  'settingsStore:use',
  'settingsStore:restore',
  'shell:openExternal',
] as const;

export type IpcChannel = (typeof ipcChannelNames)[number];

/**
 * Main → renderer notifications: menu commands, files the OS asked us to open, and progress and completion of
 * long operations (pushed, never polled). The renderer subscribes with `window.ppkg.events.on`.
 */
export const ipcEventNames = [
  'menu:command',
  'app:openFile',
  'build:progress',
  'build:finished',
  'batch:progress',
  'batch:finished',
  'drives:copyProgress',
  'sandbox:results',
] as const;

export type IpcEvent = (typeof ipcEventNames)[number];
