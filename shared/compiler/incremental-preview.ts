import type { CustomizationsDocument } from '../model/customizations-document';
import { findMaskedSecrets } from '../model/secrets';
import { redactSecrets } from '../model/settings-edit';
import { cloneSettingNode, sameSettingNode, type SettingNode } from '../model/settings-tree';
import { commonChildLines, serializeCustomizationsXmlText, WCD_FORMATTING } from '../xml/customizations';
import { answerFileCommonChildLines, writeAnswerFile } from './common-settings';
import {
  assemblePackage,
  bracedPackageId,
  type CompiledGroup,
  type CompiledUnit,
  compileGroup,
  filesFromRuns,
  groupRank,
  joinRuns,
  type LeafMemo,
  inDocumentOrder,
  listAssetReferences,
  type OrderedIssue,
  type ProvxmlEntry,
  runParms,
  type RunsByEventType,
  type UnitRun,
  unitRuns,
} from './compile';
import { CompileError } from './errors';
import {
  buildPackagePreview,
  type PackagePreview,
  PREVIEW_COMPILE_STYLE,
  previewAsset,
  previewCompileOptions,
  type PreviewOptions,
} from './preview';
import { UTF8_BOM } from './bytes';
import { writeProvxmlText } from './provxml-writer';
import { activeCompilerStore, type CompilerStore, type StoreNode } from './rules';
import { allCatalogEntries } from '../catalog';

/**
 * The preview recompiled per keystroke, one settings group at a time: a top-level child of Common (Accounts,
 * Policies, …) is walked, compiled and serialized on its own and the results are kept until its content
 * changes; each update compares the groups with what it compiled last (by value: the app state copies the
 * whole document per edit), recompiles those that differ and reassembles the files from the kept parts.
 * Output is identical to buildPackagePreview, the full recompile (tests/unit/incremental-preview.test.ts
 * checks it for random projects and edit sequences); documents the per-group split does not cover
 * (Targets/Variant parts, a group element written twice) are compiled in full.
 */
export class IncrementalPackagePreview {
  private context: PreviewContext | undefined;
  private groups = new Map<string, GroupEntry>();
  /** provxml text by its first unit, with the units it was written from (kept leaves keep their units). */
  private provxmlTexts = new WeakMap<CompiledUnit, { run: UnitRun; text: string }>();

  update(doc: CustomizationsDocument, options: PreviewOptions): PackagePreview {
    if (!splitsIntoGroups(doc)) return buildPackagePreview(doc, options);
    this.enterContext(doc, options);
    const entries = doc.common.map((node) => this.entryFor(node, options));
    if (this.groups.size > entries.length) this.forgetRemovedGroups(doc);
    const shown: CustomizationsDocument = {
      ...doc,
      common: entries.map((entry) => entry.shown),
      multivariant: [],
    };
    const fragments = new Map(entries.map((entry) => [entry.shown, entry]));
    const form = doc.formatting ?? WCD_FORMATTING;
    // Written without the BOM, as the editor shows it; the package file gets it in front.
    const xml = serializeCustomizationsXmlText(
      { ...shown, formatting: { ...form, byteOrderMark: false } },
      (node) => [fragments.get(node)!.customizationsFragment(form.newline)],
    );
    const placeholderAssets: string[] = [];
    for (const entry of byRank(entries)) {
      for (const path of entry.assetPaths) if (!this.asset(path, options)) placeholderAssets.push(path);
    }
    const preview: PackagePreview = {
      xml,
      files: [],
      compileError: null,
      placeholderAssets,
    };
    try {
      const compiled = this.compileGroups(doc, entries, options);
      const answerFile = writeAnswerFile(shown, (node) => [fragments.get(node)!.answerFragment()]);
      const xmlFile = form.byteOrderMark ? UTF8_BOM + xml : xml;
      preview.files = assemblePackage(xmlFile, compiled.files, compiled.fileCopies, answerFile);
    } catch (error) {
      if (!(error instanceof CompileError)) throw error;
      preview.compileError = { settingPath: error.settingPath, detail: error.detail };
    }
    return preview;
  }

  /** Everything outside the groups that their results depend on; a change starts over. */
  private enterContext(doc: CustomizationsDocument, options: PreviewOptions): void {
    const current = this.context;
    const store = activeCompilerStore();
    if (
      current &&
      current.revealSecrets === options.revealSecrets &&
      current.certificateDer === options.certificateDer &&
      current.packageId === doc.packageConfig.id &&
      current.store === store
    )
      return;
    this.context = {
      revealSecrets: options.revealSecrets,
      certificateDer: options.certificateDer,
      packageId: doc.packageConfig.id,
      store,
      assets: new Map(),
      memo: new Map(),
      groupsWithSecrets: topLevelNames(allCatalogEntries().filter((entry) => entry.secret)),
      groupsWithAssets: groupsWithAssets(store),
    };
    this.groups.clear();
  }

  /** The kept entry of a group when its content is unchanged, else a new one. */
  private entryFor(node: SettingNode, options: PreviewOptions): GroupEntry {
    const kept = this.groups.get(node.name);
    if (kept && sameSettingNode(kept.source, node)) return kept;
    const entry = new GroupEntry(node, options.revealSecrets, this.context!);
    this.groups.set(node.name, entry);
    return entry;
  }

  private forgetRemovedGroups(doc: CustomizationsDocument): void {
    const present = new Set(doc.common.map((node) => node.name));
    for (const name of this.groups.keys()) if (!present.has(name)) this.groups.delete(name);
  }

  /** Asset bytes for the compiler (picked certificate or placeholder); undefined for a placeholder. */
  private asset(path: string, options: PreviewOptions): Uint8Array | undefined {
    const assets = this.context!.assets;
    if (!assets.has(path)) assets.set(path, previewAsset(options.certificateDer[path]) ?? PLACEHOLDER);
    const bytes = assets.get(path)!;
    return bytes === PLACEHOLDER ? undefined : bytes;
  }

  /** The groups compiled (or kept) in compile order, their issues in document order, the provxml texts. */
  private compileGroups(
    doc: CustomizationsDocument,
    entries: readonly GroupEntry[],
    options: PreviewOptions,
  ): { files: ProvxmlEntry[]; fileCopies: CompiledGroup['fileCopies'] } {
    if (options.revealSecrets) {
      const masked = entries.find((entry) => entry.masked().length > 0)?.masked()[0];
      if (masked !== undefined)
        throw new CompileError(masked, 'this secret was saved masked (********) and has not been re-entered');
    }
    const packageId = bracedPackageId(doc.packageConfig.id);
    const compileOptions = previewCompileOptions(options, this.context!.assets);
    let fileCopyBase = 0;
    for (const entry of byRank(entries)) {
      entry.compile(compileOptions, packageId, fileCopyBase, this.context!.memo);
      fileCopyBase += entry.compiled!.group.fileCopies.length;
    }
    const found: OrderedIssue[] = [];
    let seenBefore = 0;
    for (const entry of entries) {
      const group = entry.compiled!.group;
      for (const issue of [...group.walkIssues, ...group.unitIssues])
        found.push({ ...issue, order: issue.order + seenBefore });
      seenBefore += group.seen;
    }
    if (found.length > 0) throw CompileError.of(inDocumentOrder(found));
    // Every group's leaves in compile order, then every group's WLAN profiles (as compileSettingsTree).
    const ranked = byRank(entries).map((entry) => entry.compiled!);
    const runs = joinRuns([...ranked.map((kept) => kept.leafRuns), ...ranked.map((kept) => kept.wlanRuns)]);
    const files = filesFromRuns(runs).map(
      (file): ProvxmlEntry => ({
        eventType: file.eventType,
        fileName: file.fileName,
        settingsGroup: file.settingsGroup,
        text: this.provxmlText(file.run),
      }),
    );
    return { files, fileCopies: ranked.flatMap((kept) => kept.group.fileCopies) };
  }

  private provxmlText(run: UnitRun): string {
    const kept = this.provxmlTexts.get(run[0]!);
    if (kept && kept.run.length === run.length && kept.run.every((unit, i) => unit === run[i]))
      return kept.text;
    const text = writeProvxmlText(runParms(run), PREVIEW_COMPILE_STYLE.style);
    this.provxmlTexts.set(run[0]!, { run, text });
    return text;
  }
}

const PLACEHOLDER = new Uint8Array();

interface CompiledEntry {
  fileCopyBase: number;
  group: CompiledGroup;
  leafRuns: RunsByEventType;
  wlanRuns: RunsByEventType;
}

interface PreviewContext {
  revealSecrets: boolean;
  certificateDer: PreviewOptions['certificateDer'];
  packageId: string;
  store: ReturnType<typeof activeCompilerStore>;
  /** Asset bytes by recorded path, PLACEHOLDER where no file was picked. */
  assets: Map<string, Uint8Array>;
  memo: LeafMemo;
  /** Top-level groups that can hold a secret (the others need no masked copy) or an asset. */
  groupsWithSecrets: ReadonlySet<string>;
  groupsWithAssets: ReadonlySet<string>;
}

const topLevelNames = (entries: ReadonlyArray<{ path: string }>): Set<string> =>
  new Set(entries.map((entry) => entry.path.split('/')[0]!));

function groupsWithAssets(store: CompilerStore): Set<string> {
  const holdsAsset = (node: StoreNode): boolean =>
    node.kind === 'leaf'
      ? node.rule.type === 'asset'
      : node.kind === 'tree'
        ? node.children.some(holdsAsset)
        : holdsAsset(node.item);
  return new Set(
    [...store.commonGroups, ...store.desktopGroups].filter(holdsAsset).map((group) => group.name),
  );
}

/** One top-level settings group and what was made of it; every part is made once, when first asked for. */
class GroupEntry {
  /** A private copy of the group as compiled: later edits of the caller's document cannot reach it. */
  readonly source: SettingNode;
  /** The group as shown: secrets masked unless revealed. */
  readonly shown: SettingNode;
  readonly assetPaths: string[];
  compiled: CompiledEntry | undefined;
  private customizations: { newline: string; text: string } | undefined;
  private answer: string | undefined;
  private maskedPaths: string[] | undefined;
  private rankInStore: number | undefined;

  constructor(node: SettingNode, revealSecrets: boolean, context: PreviewContext) {
    this.source = cloneSettingNode(node);
    this.shown =
      revealSecrets || !context.groupsWithSecrets.has(node.name)
        ? this.source
        : redactSecrets(asDocument(this.source)).common[0]!;
    this.assetPaths = context.groupsWithAssets.has(node.name)
      ? listAssetReferences(asDocument(this.shown), context.store).map((asset) => asset.recordedPath)
      : [];
  }

  customizationsFragment(newline: string): string {
    if (this.customizations?.newline !== newline)
      this.customizations = { newline, text: commonChildLines(this.shown, newline).join(newline) };
    return this.customizations.text;
  }

  answerFragment(): string {
    return (this.answer ??= answerFileCommonChildLines(this.shown).join('\r\n'));
  }

  masked(): string[] {
    return (this.maskedPaths ??= findMaskedSecrets(asDocument(this.shown)));
  }

  /** Compiled once; again only when the file-copy assets of the groups before it changed in number. */
  compile(
    options: Parameters<typeof compileGroup>[1],
    packageId: string,
    fileCopyBase: number,
    memo: LeafMemo,
  ): void {
    if (this.compiled?.fileCopyBase === fileCopyBase) return;
    const group = compileGroup(this.shown, options, packageId, fileCopyBase, memo);
    this.compiled = { fileCopyBase, group, leafRuns: unitRuns(group.leaves), wlanRuns: unitRuns(group.wlan) };
  }

  get rank(): number {
    return (this.rankInStore ??= groupRank(this.shown.name, PREVIEW_COMPILE_STYLE));
  }
}

/** A one-group document, for the document-level helpers (redaction, secrets, asset references). */
const asDocument = (node: SettingNode): CustomizationsDocument => ({
  packageConfig: { id: '', name: '', version: '', ownerType: 'OEM', rank: 0, notes: '' },
  common: [node],
  multivariant: [],
});

/** Compile order: store rank (the sort is stable, so unknown groups keep their document order). */
function byRank(entries: readonly GroupEntry[]): GroupEntry[] {
  return [...entries].sort((a, b) => a.rank - b.rank);
}

/** Variants, and a group element written twice, interleave with other groups when compiled: no split. */
function splitsIntoGroups(doc: CustomizationsDocument): boolean {
  if (doc.multivariant.length > 0) return false;
  const names = new Set(doc.common.map((node) => node.name));
  return names.size === doc.common.length;
}
