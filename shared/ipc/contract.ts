import { z } from 'zod';
import { CustomizationsDocumentSchema, IcdProjectSchema, OwnerTypeSchema } from '../model/schema';
import type { CustomizationsDocument } from '../model/customizations-document';
import type { IcdProject } from '../model/icd-project';
import { DRIVE_ERROR_CODES } from '../drives/errors';
import type { IpcChannel, IpcEvent } from './channels';
import type { StoreFactNode } from '../catalog/store-facts';

/**
 * The single typed IPC contract between the renderer and the main process. Every channel is declared once
 * here with zod schemas for its arguments (a tuple) and its result. From it derive:
 * - `PpkgApi`, the type of `window.ppkg` (built in the renderer over the preload's transport);
 * - `IpcHandlers`, the type of main's handler map (`electron/main/handlers/`, one file per namespace);
 * - the runtime validation main applies to every call (`electron/main/dispatcher.ts`).
 *
 * To add a channel: add its name to `ipcChannelNames` in channels.ts, declare it here, then implement it in
 * the namespace's handler file under `electron/main/handlers/`. The type checker reports each place still missing.
 *
 * Every reply is a value (`IpcReply`): the result, or an error `{ code, message, details }` that the renderer
 * receives unchanged as an `IpcError` (shared/ipc/build-api.ts), so nothing parses codes out of messages.
 */

export const supportedLanguages = ['en', 'es'] as const;
export const languageSchema = z.enum(supportedLanguages);
export type Language = z.infer<typeof languageSchema>;

/**
 * Why a call failed, for the renderer to choose a text or an action. The drive codes are DriveError's
 * (shared/drives/errors.ts), which the USB dialog maps to usb.json's texts.
 */
export const ipcErrorCodes = [
  /** Unknown channel or arguments that break the contract. */
  'invalid-request',
  /** The call came from a frame other than our own top-level page. */
  'untrusted-sender',
  /** Main's handler returned something the contract does not promise (a bug in main). */
  'invalid-result',
  /** A path the user did not choose in a dialog during this session (details.access: read | write). */
  'path-not-granted',
  /** A setting could not be compiled (details.settingPath). */
  'compile',
  /** The file is not what it claims to be: bad XML, WIM, CSV or project (details.kind). */
  'invalid-file',
  /** The file system refused (details.errno: ENOENT, EACCES, …). */
  'io',
  /** Another operation of this kind is already running. */
  'busy',
  /** This computer lacks what the operation needs (details.reason), e.g. Windows Sandbox. */
  'unavailable',
  /** Anything else; the message says what, the log file has the rest. */
  'internal',
  ...DRIVE_ERROR_CODES,
] as const;
export const ipcErrorCodeSchema = z.enum(ipcErrorCodes);
export type IpcErrorCode = z.infer<typeof ipcErrorCodeSchema>;

export const ipcErrorSchema = z.object({
  code: ipcErrorCodeSchema,
  message: z.string(),
  /** Machine-readable facts about the failure (never a secret value). */
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type IpcErrorValue = z.infer<typeof ipcErrorSchema>;

/** What every invoke answers: the channel's result, or an error value. */
export const ipcReplySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: ipcErrorSchema }),
]);
export type IpcReply = z.infer<typeof ipcReplySchema>;

/** Paths come from the OS dialogs via main; the renderer only hands them back, so keep them plain strings. */
const filePathSchema = z
  .string()
  .min(1)
  .max(4096)
  .refine((value) => !value.includes('\0'), 'must not contain NUL characters');

/** Text goes over IPC as UTF-8; binary content (a .ppkg) as base64, which survives every transport. */
export const fileEncodingSchema = z.enum(['utf8', 'base64']);
export type FileEncoding = z.infer<typeof fileEncodingSchema>;

/** The kinds of file the shell opens or saves; main turns a kind into localized dialog filters. */
export const fileKindSchema = z.enum(['project', 'package', 'xml']);
export type FileKind = z.infer<typeof fileKindSchema>;

const pickedFileSchema = z.object({ path: filePathSchema, name: z.string() }).nullable();

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  /** The OS locale as BCP 47 (e.g. `es-ES`), used to choose the first UI language. */
  locale: z.string(),
  platform: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

/** The kinds of file the wizard attaches to a setting; main turns a kind into dialog filters. */
/** `setting`: a file for any asset setting of the advanced editor, filtered by the store's allowed extensions. */
export const assetKindSchema = z.enum(['installer', 'dependency', 'certificate', 'pfx', 'setting']);
export type AssetKind = z.infer<typeof assetKindSchema>;

export const certificateInspectionSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    subject: z.string(),
    issuer: z.string(),
    thumbprint: z.string(),
    notAfter: z.string(),
    derBase64: z.string(),
  }),
  z.object({ ok: z.literal(false), reason: z.literal('not-certificate') }),
]);
export type CertificateInspection = z.infer<typeof certificateInspectionSchema>;

/**
 * Finish page choices (issue #13): the .cat (default on), signing with a PFX picked in this session and its
 * password (used once, never stored) or a Windows store certificate, and encryption (password null = generate).
 */
export const packageSecurityRequestSchema = z.object({
  catalog: z.boolean().optional(),
  sign: z
    .union([
      z.object({ pfxPath: filePathSchema, password: z.string().max(1024) }),
      z.object({ storeThumbprint: z.string().regex(/^[0-9A-Fa-f]{40}$/) }),
    ])
    .optional(),
  timestampUrl: z.string().url().max(2048).optional(),
  encrypt: z.object({ password: z.string().min(1).max(16).nullable() }).optional(),
});
export type PackageSecurityRequest = z.infer<typeof packageSecurityRequestSchema>;

/** The user's signing certificates (Windows store; empty elsewhere). */
export const storeSigningCertificateSchema = z.object({
  thumbprint: z.string(),
  subject: z.string(),
  issuer: z.string(),
  notAfter: z.string(),
});

export const packageBuildResultSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    path: filePathSchema,
    size: z.number().int().nonnegative(),
    sha256: z.string(),
    /** Package security (issue #13): the .cat beside the package, encryption, signature. */
    catalogPath: z.string().nullable().optional(),
    encrypted: z.boolean().optional(),
    signed: z.boolean().optional(),
    /** The password main generated for an encrypted package: shown once by the UI, never stored. */
    generatedPassword: z.string().optional(),
  }),
  /** A setting the compiler could not turn into provisioning XML (never carries the setting's value). */
  z.object({ ok: z.literal(false), settingPath: z.string(), detail: z.string() }),
]);
export type PackageBuildResult = z.infer<typeof packageBuildResultSchema>;

const unknownSettingSchema = z.object({ path: z.string(), reason: z.enum(['setting', 'multivariant']) });

// Validated by the model's schemas at run time, typed as the hand-written model (whose formatting records
// are richer than the loose schema states) so documents pass through main unchanged.
const editedDocumentSchema = CustomizationsDocumentSchema as unknown as z.ZodType<
  CustomizationsDocument,
  CustomizationsDocument
>;
const editedProjectSchema = IcdProjectSchema as unknown as z.ZodType<IcdProject, IcdProject>;

/** A project opened for editing: the document the wizard and the advanced editor share. */
export const openedProjectSchema = z.object({
  path: filePathSchema,
  folder: z.string(),
  projectFile: z.string().nullable(),
  project: editedProjectSchema.nullable(),
  customizations: editedDocumentSchema,
  unknownSettings: z.array(unknownSettingSchema),
  /** Secrets restored from the keychain side file, and those still masked (the user re-enters them). */
  restoredSecrets: z.array(z.string()).optional(),
  missingSecrets: z.array(z.string()).optional(),
});
export type OpenedProjectResult = z.infer<typeof openedProjectSchema>;

/** What Windows applies from a package and how it differs from its customizations.xml (verify-package.ts). */
const appliedSettingSchema = z.object({
  eventType: z.enum(['RunTime', 'User_RunTime']),
  file: z.string(),
  cspPath: z.string(),
  settingPath: z.string().nullable(),
  value: z.string(),
  datatype: z.string(),
  exec: z.boolean(),
  delete: z.boolean(),
  secret: z.boolean(),
});
const packageDifferenceSchema = z.object({
  kind: z.enum([
    'missing-customizations',
    'unreadable-customizations',
    'unverifiable',
    'missing-file',
    'extra-file',
    'file-differs',
    'unreadable-file',
    'setting-differs',
    'setting-not-declared',
    'setting-not-applied',
  ]),
  path: z.string(),
  settingPath: z.string().optional(),
  message: z.string(),
  applied: z.string().optional(),
  declared: z.string().optional(),
});
export const packageVerificationSchema = z.object({
  applied: z.array(appliedSettingSchema),
  differences: z.array(packageDifferenceSchema),
  matches: z.boolean(),
  comparedWith: z
    .object({ style: z.enum(['store', 'adk']), targetSkus: z.enum(['WindowsCommon,Desktop', 'Desktop']) })
    .nullable(),
});

export const packageInspectionSchema = z.object({
  path: filePathSchema,
  fileSize: z.number().int().nonnegative(),
  name: z.string(),
  version: z.string(),
  packageId: z.string(),
  altitude: z.number().int().nullable(),
  ownerType: OwnerTypeSchema.nullable(),
  rank: z.number().int().nullable(),
  targetSkus: z.string(),
  builtBy: z.string(),
  properties: z.array(z.tuple([z.string(), z.string()])),
  files: z.array(
    z.object({ path: z.string(), isDirectory: z.boolean(), size: z.number().int().nonnegative() }),
  ),
  customizations: editedDocumentSchema.nullable(),
  customizationsError: z.string().nullable(),
  unknownSettings: z.array(unknownSettingSchema),
  /** Package security (issue #13): opened with a password, and the .cat beside it. */
  encrypted: z.boolean().optional(),
  catalog: z
    .object({ present: z.boolean(), matches: z.boolean().nullable(), signed: z.boolean().nullable() })
    .optional(),
  verification: packageVerificationSchema,
});
export type PackageInspectionResult = z.infer<typeof packageInspectionSchema>;

const changeSchema = z.enum(['added', 'removed', 'changed']);
const fileDigestSchema = z.object({ size: z.number().int().nonnegative(), sha256: z.string() });

/**
 * shared/diff/package-diff.ts's PackageDiff (issue #14). It holds no secret value: a secret setting carries
 * only its change, and the provxml lines show secrets as `********(token)`.
 */
export const packageDiffSchema = z.object({
  a: z.object({ label: z.string(), kind: z.enum(['package', 'project']) }),
  b: z.object({ label: z.string(), kind: z.enum(['package', 'project']) }),
  equal: z.boolean(),
  properties: z.array(z.object({ name: z.string(), a: z.string(), b: z.string() })),
  settings: z.array(
    z.object({
      change: changeSchema,
      path: z.string(),
      secret: z.boolean(),
      a: z.string().optional(),
      b: z.string().optional(),
    }),
  ),
  files: z.array(
    z.object({
      change: z.enum(['added', 'removed', 'changed', 'renumbered']),
      path: z.string(),
      previousPath: z.string().optional(),
      a: fileDigestSchema.optional(),
      b: fileDigestSchema.optional(),
    }),
  ),
  assets: z.array(
    z.object({
      change: changeSchema,
      settingPath: z.string(),
      fileName: z.string(),
      a: z.string().nullable().optional(),
      b: z.string().nullable().optional(),
    }),
  ),
  provxml: z.array(
    z.object({
      change: changeSchema,
      path: z.string(),
      previousPath: z.string().optional(),
      added: z.number().int().nonnegative(),
      removed: z.number().int().nonnegative(),
      hunks: z.array(
        z.object({
          oldStart: z.number().int(),
          oldLines: z.number().int(),
          newStart: z.number().int(),
          newLines: z.number().int(),
          lines: z.array(z.string()),
        }),
      ),
    }),
  ),
  warnings: z.array(z.string()),
});
export type PackageDiffResult = z.infer<typeof packageDiffSchema>;

/**
 * The Package tab's comparison with the last package built from the same project (PackageConfig ID):
 * none built yet, the last build is encrypted (its password is never kept, so it cannot be reopened), or
 * the diff (a = the last build, b = the document as it would build now).
 */
export const lastBuildDiffSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('none') }),
  z.object({ status: z.literal('encrypted'), lastBuild: filePathSchema }),
  z.object({ status: z.literal('compared'), lastBuild: filePathSchema, diff: packageDiffSchema }),
]);
export type LastBuildDiff = z.infer<typeof lastBuildDiffSchema>;

/**
 * Why "Test in Windows Sandbox" is disabled: not Windows, or Windows without the Windows Sandbox feature
 * (which only Pro, Enterprise and Education editions can turn on).
 */
export const sandboxStatusSchema = z.discriminatedUnion('available', [
  z.object({ available: z.literal(true) }),
  z.object({ available: z.literal(false), reason: z.enum(['not-windows', 'feature-missing']) }),
]);
export type SandboxStatus = z.infer<typeof sandboxStatusSchema>;

/** shared/sandbox/report.ts's ResultsReport: setting and CSP paths, HRESULTs and file problems, no value. */
export const sandboxReportSchema = z.object({
  status: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  install: z.object({ ok: z.boolean(), error: z.string().nullable() }),
  packageEvents: z.array(z.object({ id: z.number().int(), time: z.string(), text: z.string() })),
  installedPackages: z.array(z.record(z.string(), z.string())),
  settings: z.array(
    z.object({
      settingPath: z.string(),
      cspPath: z.string(),
      outcome: z.enum(['applied', 'failed', 'not-reported']),
      error: z.string().optional(),
      evidence: z.string(),
    }),
  ),
  unmatchedEvents: z.array(
    z.object({ id: z.number().int(), cspPath: z.string(), error: z.string().optional() }),
  ),
  problems: z.array(z.string()),
});
export type SandboxReport = z.infer<typeof sandboxReportSchema>;

/** One kept run: its folder under the app's data folder, what it tested and its report so far. */
export const sandboxRunSchema = z.object({
  runId: z.string(),
  runFolder: z.string(),
  packageName: z.string(),
  networking: z.boolean(),
  /** ISO 8601, when the run folder was made. */
  startedAt: z.string(),
  /** Null until the results folder can be read (the sandbox is still starting). */
  report: sandboxReportSchema.nullable(),
});
export type SandboxRun = z.infer<typeof sandboxRunSchema>;

export const removableDriveSchema = z.object({
  id: z.string(),
  devicePath: z.string(),
  mountPoint: z.string().nullable(),
  label: z.string(),
  sizeBytes: z.number().nonnegative(),
  freeBytes: z.number().nonnegative().nullable(),
  bus: z.enum(['usb', 'sd', 'mmc', 'other']),
  busType: z.string(),
  model: z.string(),
  readOnly: z.boolean(),
  writable: z.boolean(),
  unavailableReason: z.enum(['not-mounted', 'read-only', 'unformatted']).optional(),
});

export const copyProgressSchema = z.object({
  phase: z.enum(['copy', 'verify']),
  bytesDone: z.number().nonnegative(),
  bytesTotal: z.number().nonnegative(),
});

/** How far a package write is (the core's WriteProgress): payload bytes stored so far, of all of them. */
export const writeProgressSchema = z.object({
  bytesDone: z.number().nonnegative(),
  bytesTotal: z.number().nonnegative(),
  /** The package path of the file being stored; null between files. */
  currentFile: z.string().nullable(),
});
export type WriteProgressPayload = z.infer<typeof writeProgressSchema>;

/** The wizard's single build in flight: compile first, then the write with byte progress. */
export const buildProgressSchema = z.object({
  /** The .ppkg being written (the path passed to package:build). */
  path: filePathSchema,
  step: z.enum(['compile', 'write']),
  write: writeProgressSchema,
  /** Milliseconds since the build started, by main's clock (the renderer derives the estimate from it). */
  elapsedMs: z.number().nonnegative(),
});
export type BuildProgress = z.infer<typeof buildProgressSchema>;

export const buildFinishedSchema = z.object({
  path: filePathSchema,
  outcome: z.enum(['built', 'failed']),
  elapsedMs: z.number().nonnegative(),
});

/** Batch (issue #7): where a CSV column goes (shared/batch ColumnTarget). */
const columnTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('package-name') }),
  z.object({ kind: z.literal('assigned-user') }),
  z.object({ kind: z.literal('setting'), path: z.string().min(1).max(1024) }),
  z.object({ kind: z.literal('ignore') }),
]);
const columnMappingSchema = z.array(z.object({ column: z.string(), target: columnTargetSchema }));
const batchMappingIssueSchema = z.object({ column: z.string(), message: z.string() });
/** Row messages name the row and column, never a secret value (shared/batch/types.ts). */
const batchRowErrorSchema = z.object({
  rowNumber: z.number().int(),
  column: z.string().optional(),
  code: z.string(),
  message: z.string(),
});
const batchOutputSchema = z.object({ kind: z.enum(['folder', 'zip']), path: filePathSchema });

/** Store facts as read in main (shared/catalog/store-facts.ts); main built them, the renderer trusts their shape. */
const storeFactNodeSchema = z.custom<StoreFactNode>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { path?: unknown }).path === 'string' &&
    typeof (value as { kind?: unknown }).kind === 'string',
);
export const settingsStoreStateSchema = z.object({
  /** `builtin` = the generated catalog; `user-store` = the store file below. */
  source: z.enum(['builtin', 'user-store']),
  inputs: z.array(z.object({ edition: z.enum(['common', 'desktop']), file: z.string(), sha256: z.string() })),
  nodeCount: z.number().int().nonnegative(),
  leafCount: z.number().int().nonnegative(),
  /** Nodes the built-in catalog lacks (marked as coming from the user's store). */
  newCount: z.number().int().nonnegative(),
  /** Every node of the user's store; null for the built-in catalog, which the renderer already has. */
  nodes: z.array(storeFactNodeSchema).nullable(),
});
export type SettingsStoreState = z.infer<typeof settingsStoreStateSchema>;

/**
 * Why the remembered settings store could not be used at start: `missing` (moved or deleted), `unreadable`
 * (permissions, too large) or `invalid` (not a WCD settings store any more). `detail` is the reader's message.
 */
export const settingsStoreProblemSchema = z.object({
  file: z.string(),
  reason: z.enum(['missing', 'unreadable', 'invalid']),
  detail: z.string(),
});
export type SettingsStoreProblem = z.infer<typeof settingsStoreProblemSchema>;

/** The batch in flight: rows done of rows to build, and the byte progress of the package being written. */
export const batchProgressSchema = z.object({
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  current: z.object({ rowNumber: z.number().int(), packageName: z.string() }).nullable(),
  /** The row being written; null between packages. */
  write: writeProgressSchema.nullable(),
  elapsedMs: z.number().nonnegative(),
});
export type BatchProgressPayload = z.infer<typeof batchProgressSchema>;

export const batchFinishedSchema = z.object({
  built: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  cancelled: z.boolean(),
  outputPath: z.string().nullable(),
  elapsedMs: z.number().nonnegative(),
});

const recentProjectSchema = z.object({ path: filePathSchema, name: z.string() });
export type RecentProject = z.infer<typeof recentProjectSchema>;

/** A file the OS handed us (command line, file association, second launch); main granted read access. */
export const launchFileSchema = z.object({
  path: filePathSchema,
  name: z.string(),
  kind: z.enum(['package']),
});
export type LaunchFile = z.infer<typeof launchFileSchema>;

interface ChannelSpec {
  args: z.ZodTuple;
  result: z.ZodType;
}

export const ipcContract = {
  'app:getInfo': { args: z.tuple([]), result: appInfoSchema },
  /** Tells main the UI language so its menu and dialogs follow it. */
  'app:setLanguage': { args: z.tuple([z.object({ language: languageSchema })]), result: z.null() },
  /** Shows the open dialog for a project; `null` when the user cancels. Grants read access to the pick. */
  'dialog:openProject': { args: z.tuple([]), result: pickedFileSchema },
  /** Shows the open dialog for a .ppkg; `null` when the user cancels. Grants read access to the pick. */
  'dialog:openPackage': { args: z.tuple([]), result: pickedFileSchema },
  /** Shows the save dialog; `null` when the user cancels. Grants write access to the chosen path. */
  'dialog:saveFile': {
    args: z.tuple([z.object({ kind: fileKindSchema, suggestedName: z.string().min(1).max(255) })]),
    result: pickedFileSchema,
  },
  /** Reads a file the user picked in an open or save dialog during this session (no other path). */
  'file:read': {
    args: z.tuple([z.object({ path: filePathSchema, encoding: fileEncodingSchema })]),
    result: z.object({ path: filePathSchema, contents: z.string(), size: z.number().int().nonnegative() }),
  },
  /** Writes (atomically) a file the user picked in a save dialog during this session (no other path). */
  'file:write': {
    args: z.tuple([z.object({ path: filePathSchema, contents: z.string(), encoding: fileEncodingSchema })]),
    result: z.object({ path: filePathSchema, size: z.number().int().nonnegative() }),
  },
  /** Open dialog for a wizard asset (installer, certificate, …); grants read access to the pick. */
  'dialog:openAsset': {
    args: z.tuple([
      z.object({
        kind: assetKindSchema,
        /** Allowed extensions without the dot (kind `setting`), e.g. the store's `jpg`, `png`. */
        extensions: z
          .array(z.string().regex(/^[A-Za-z0-9_-]{1,40}$/))
          .max(16)
          .optional(),
      }),
    ]),
    result: z
      .object({ path: filePathSchema, name: z.string(), size: z.number().int().nonnegative() })
      .nullable(),
  },
  /** Parses a picked file as an X.509 certificate (PEM or DER) in main. */
  'cert:inspect': {
    args: z.tuple([z.object({ path: filePathSchema })]),
    result: certificateInspectionSchema,
  },
  /**
   * Compiles the document and writes the .ppkg to a path picked in a save dialog, off main's thread.
   * Progress arrives as `build:progress` events, then `build:finished`.
   */
  'package:build': {
    args: z.tuple([
      z.object({
        document: CustomizationsDocumentSchema,
        path: filePathSchema,
        security: packageSecurityRequestSchema.optional(),
      }),
    ]),
    result: packageBuildResultSchema,
  },
  /** Certificates in the user's store that can sign the .cat (Windows; [] elsewhere). */
  'package:listSigningCertificates': { args: z.tuple([]), result: z.array(storeSigningCertificateSchema) },
  /** Reveals a file this session wrote in the OS file manager. */
  'shell:showInFolder': { args: z.tuple([z.object({ path: filePathSchema })]), result: z.null() },
  /** The file the OS asked us to open at launch (once; later ones arrive as `app:openFile` events). */
  'app:takeLaunchFile': { args: z.tuple([]), result: launchFileSchema.nullable() },
  /**
   * Opens a WCD project folder / *.icdproj.xml / bare customizations.xml picked in a dialog, or one of main's
   * recent projects (main keeps that list, so it is a grant main made itself; no other path).
   */
  'project:open': { args: z.tuple([z.object({ path: filePathSchema })]), result: openedProjectSchema },
  /** The recent projects main remembers (paths and names only, newest first). */
  'project:recent': { args: z.tuple([]), result: z.array(recentProjectSchema) },
  /** Removes a project from the recent list; returns the list. */
  'project:forgetRecent': {
    args: z.tuple([z.object({ path: filePathSchema })]),
    result: z.array(recentProjectSchema),
  },
  /**
   * Saves a WCD project folder at a path picked in a save dialog. Secrets are masked unless `includeSecrets`
   * (the explicit "Export for WCD (includes secrets)" command). When the folder holds another project's
   * files, main asks the user first; `null` when they decline (nothing written).
   */
  'project:save': {
    args: z.tuple([
      z.object({
        path: filePathSchema,
        project: editedProjectSchema.nullable(),
        customizations: editedDocumentSchema,
        includeSecrets: z.boolean(),
      }),
    ]),
    result: z
      .object({
        folder: z.string(),
        projectFile: z.string(),
        customizationsFile: z.string(),
        secretsWritten: z.boolean(),
        /** The secrets went to the keychain side file (false: no keychain; they must be re-entered on reopen). */
        secretsKept: z.boolean().optional(),
      })
      .nullable(),
  },
  /** Reads a .ppkg picked in a dialog: details, files and its embedded customizations.xml. */
  /** Reads a package picked in this session; `password` opens an encrypted one (used once, never stored). */
  'package:inspect': {
    args: z.tuple([z.object({ path: filePathSchema, password: z.string().min(1).max(16).optional() })]),
    result: packageInspectionSchema,
  },
  /**
   * Compares two packages read in this session (a = the opened one), off main's thread. `password` opens `a`
   * when it is encrypted (used once, never stored).
   */
  'package:compare': {
    args: z.tuple([
      z.object({ a: filePathSchema, b: filePathSchema, password: z.string().min(1).max(16).optional() }),
    ]),
    result: packageDiffSchema,
  },
  /** Compares the document, compiled as the wizard builds it, with the last package built from its project. */
  'package:diffWithLastBuild': {
    args: z.tuple([z.object({ document: CustomizationsDocumentSchema })]),
    result: lastBuildDiffSchema,
  },
  /** Whether "Test in Windows Sandbox" can run here, and why not. */
  'sandbox:status': { args: z.tuple([]), result: sandboxStatusSchema },
  /**
   * Lays out a fresh run folder for a package read in this session (package and script read-only, results
   * writable, networking as chosen, off by default) and starts Windows Sandbox on its .wsb. The report
   * arrives as `sandbox:results` events while the script writes the results folder.
   */
  'sandbox:start': {
    args: z.tuple([z.object({ packagePath: filePathSchema, networking: z.boolean() })]),
    result: sandboxRunSchema,
  },
  /** The kept runs of a package (by file name), newest first, each with its report as far as it got. */
  'sandbox:runs': {
    args: z.tuple([z.object({ packageName: z.string().min(1).max(255) })]),
    result: z.array(sandboxRunSchema),
  },
  /** Removable drives (USB sticks, SD cards); never system or internal disks. */
  'drives:list': { args: z.tuple([]), result: z.array(removableDriveSchema) },
  /**
   * Copies a .ppkg picked in this session to a listed drive's root and verifies it by SHA-256, with
   * `drives:copyProgress` events. A failure's code is the DriveError's, so the renderer shows usb.json's text.
   */
  'drives:copyPackage': {
    args: z.tuple([z.object({ sourcePath: filePathSchema, mountPoint: filePathSchema })]),
    result: z.object({
      targetPath: z.string(),
      sha256: z.string(),
      bytes: z.number().int().nonnegative(),
      otherPackages: z.array(z.string()),
    }),
  },
  /** Deletes the other .ppkg files in a listed drive's root; returns their names. */
  'drives:removeOtherPackages': {
    args: z.tuple([z.object({ mountPoint: filePathSchema, keep: z.string().min(1).max(255) })]),
    result: z.array(z.string()),
  },
  /** Open dialog for the batch CSV; grants read access to the pick. */
  'batch:pickCsv': { args: z.tuple([]), result: pickedFileSchema },
  /** Save dialog for the batch output (a folder to create, or a .zip); grants write access. */
  'batch:pickOutput': {
    args: z.tuple([z.object({ kind: z.enum(['folder', 'zip']) })]),
    result: pickedFileSchema,
  },
  /** Reads the picked CSV against the template: header, mapping (derived when null), row errors, masked preview. */
  'batch:prepare': {
    args: z.tuple([
      z.object({
        csvPath: filePathSchema,
        template: editedDocumentSchema,
        mapping: columnMappingSchema.nullable(),
      }),
    ]),
    result: z.object({
      header: z.array(z.string()),
      mapping: columnMappingSchema,
      rowCount: z.number().int().nonnegative(),
      readyCount: z.number().int().nonnegative(),
      mappingIssues: z.array(batchMappingIssueSchema),
      rowErrors: z.array(batchRowErrorSchema),
      /** Validation warnings of rows that are still built, as `batch` prints them. */
      rowWarnings: z.array(
        z.object({ rowNumber: z.number().int(), column: z.string().optional(), message: z.string() }),
      ),
      preview: z.array(z.array(z.string())),
    }),
  },
  /**
   * Builds one package per good row into the picked output, with manifest.csv, off main's thread. Progress
   * arrives as `batch:progress` events, then `batch:finished`.
   */
  'batch:start': {
    args: z.tuple([
      z.object({
        csvPath: filePathSchema,
        template: editedDocumentSchema,
        mapping: columnMappingSchema,
        output: batchOutputSchema,
      }),
    ]),
    result: z.object({
      mappingIssues: z.array(batchMappingIssueSchema),
      built: z.array(z.object({ packageFile: z.string(), sha256: z.string(), deviceName: z.string() })),
      errors: z.array(batchRowErrorSchema),
      cancelled: z.boolean(),
      outputPath: z.string().nullable(),
      manifestPath: z.string().nullable(),
    }),
  },
  /** Stops the batch in flight after discarding the package being built. */
  'batch:cancel': { args: z.tuple([]), result: z.null() },
  /** Settings stores of a WCD installed on this machine (ADK / Store app); grants read access to each. */
  'settingsStore:findInstalled': { args: z.tuple([]), result: z.array(pickedFileSchema.unwrap()) },
  /** Open dialog for a settings store (.dat); grants read access to the pick. */
  'settingsStore:pick': { args: z.tuple([]), result: pickedFileSchema },
  /**
   * Uses a granted settings store for this session, in main (compile, build, batch) and in the renderer
   * (its facts come back); `path: null` returns to the built-in catalog.
   */
  'settingsStore:use': {
    args: z.tuple([z.object({ path: filePathSchema.nullable() })]),
    result: settingsStoreStateSchema,
  },
  /**
   * At start: the store the user chose last (main remembers it, like recent projects), read and checked again;
   * when it is gone or no longer a store, the built-in catalog and the problem.
   */
  'settingsStore:restore': {
    args: z.tuple([]),
    result: z.object({ state: settingsStoreStateSchema, problem: settingsStoreProblemSchema.nullable() }),
  },
  /** Opens a Microsoft Learn page (https://learn.microsoft.com/ only) in the system browser. */
  'shell:openExternal': { args: z.tuple([z.object({ url: z.string().max(2048) })]), result: z.null() },
} satisfies { [Channel in IpcChannel]: ChannelSpec };

export type IpcContract = typeof ipcContract;

export const menuCommandSchema = z.discriminatedUnion('command', [
  z.object({ command: z.literal('newProject') }),
  z.object({ command: z.literal('openProject') }),
  z.object({ command: z.literal('openPackage') }),
  z.object({ command: z.literal('about') }),
  z.object({ command: z.literal('setLanguage'), language: languageSchema }),
]);
export type MenuCommand = z.infer<typeof menuCommandSchema>;

/** Main → renderer events with the schema of their single payload. */
export const ipcEventContract = {
  'menu:command': menuCommandSchema,
  'app:openFile': launchFileSchema,
  'build:progress': buildProgressSchema,
  'build:finished': buildFinishedSchema,
  'batch:progress': batchProgressSchema,
  'batch:finished': batchFinishedSchema,
  'drives:copyProgress': copyProgressSchema,
  'sandbox:results': sandboxRunSchema,
} satisfies { [Event in IpcEvent]: z.ZodType };

export type IpcArgs<Channel extends IpcChannel> = z.input<IpcContract[Channel]['args']>;
export type IpcResult<Channel extends IpcChannel> = z.output<IpcContract[Channel]['result']>;
export type IpcEventPayload<Event extends IpcEvent> = z.output<(typeof ipcEventContract)[Event]>;

/** Main's implementation of every channel; arguments arrive already validated. */
export type IpcHandlers = {
  [Channel in IpcChannel]: (...args: IpcArgs<Channel>) => Promise<IpcResult<Channel>>;
};

/** How main's handlers push an event to the renderer; the payload is checked against the contract. */
export type IpcEmit = <Event extends IpcEvent>(event: Event, payload: IpcEventPayload<Event>) => void;

type NamespaceOf<Channel extends string> = Channel extends `${infer Namespace}:${string}` ? Namespace : never;

/** The type of `window.ppkg`: `ppkg.<namespace>.<method>(…args)` for every channel, plus event subscription. */
export type PpkgApi = {
  [Namespace in NamespaceOf<IpcChannel>]: {
    [Channel in IpcChannel as Channel extends `${Namespace}:${infer Method}` ? Method : never]: (
      ...args: IpcArgs<Channel>
    ) => Promise<IpcResult<Channel>>;
  };
} & {
  events: {
    /** Subscribes to a main → renderer event; returns the unsubscribe function. */
    on<Event extends IpcEvent>(event: Event, listener: (payload: IpcEventPayload<Event>) => void): () => void;
  };
};
