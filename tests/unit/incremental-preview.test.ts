import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodePackageFiles } from '../../shared/compiler/compile';
import { IncrementalPackagePreview } from '../../shared/compiler/incremental-preview';
import { buildPackagePreview, type PackagePreview, type PreviewOptions } from '../../shared/compiler/preview';
import type { CustomizationsDocument } from '../../shared/model/customizations-document';
import { hasSetting, removeSetting, setSetting } from '../../shared/model/settings-edit';
import type { SettingNode } from '../../shared/model/settings-tree';
import { createBulkEnrollmentExample } from '../support/bulk-enrollment';
import { WCD_FORMATTING } from '../../shared/xml/customizations';
import { storeSampleProject } from '../support/store-project';

/**
 * The incremental preview must equal a full recompile byte for byte, for random projects and random edit
 * sequences: the full compile (buildPackagePreview) is the reference.
 */

const CERTIFICATE = readFileSync(new URL('../fixtures/certificates/contoso-root.cer', import.meta.url));
const CERTIFICATE_PATH = 'C:\\Prov\\ContosoRoot.cer';
const CERTIFICATE_DER = CERTIFICATE.toString('base64');
const POOL = storeSampleProject(400).doc;
const DESKTOP_IMAGE = 'Personalization/DeployDesktopImage';

/** A project: some of the store-derived groups, with the bulk-enrollment example merged in or not. */
function project(groupIndexes: readonly number[], withExample: boolean): CustomizationsDocument {
  const doc = structuredClone(POOL);
  doc.common = [...new Set(groupIndexes)]
    .sort((a, b) => a - b)
    .map((i) => doc.common[i % doc.common.length]!);
  if (!withExample) return doc;
  const example = createBulkEnrollmentExample();
  for (const group of example.common) {
    const same = doc.common.find((node) => node.name === group.name);
    if (same) same.children.push(...group.children);
    else doc.common.push(group);
  }
  // File copies in groups compiled before ProvisioningCommands: its asset index depends on them.
  setSetting(doc, DESKTOP_IMAGE, 'C:\\Prov\\wall.jpg');
  setSetting(doc, 'DesktopBackgroundAndColors/DeployDesktopBackgroundFile', 'C:\\Prov\\back.jpg');
  return doc;
}

function leaves(nodes: SettingNode[], out: SettingNode[] = []): SettingNode[] {
  for (const node of nodes) {
    if (node.children.length === 0) out.push(node);
    else leaves(node.children, out);
  }
  return out;
}

type Edit =
  | { kind: 'text'; at: number; text: string | undefined }
  | { kind: 'remove'; at: number }
  | { kind: 'removeGroup'; at: number }
  | { kind: 'addGroup'; at: number }
  | { kind: 'moveGroup'; at: number; to: number }
  | { kind: 'unknownGroup' }
  | { kind: 'duplicateGroup'; at: number }
  | { kind: 'undo' }
  | { kind: 'fileCopy' }
  | { kind: 'formatting' }
  | { kind: 'key'; at: number; key: string }
  | { kind: 'reveal' }
  | { kind: 'certificate' }
  | { kind: 'packageId'; id: string }
  | { kind: 'inPlace'; at: number; text: string };

const texts = fc.oneof(
  fc.constantFrom('True', 'false', '1', '0', '42', 'Yes', 'Disabled', 'x', '', '********', 'C:\\a b\\c.txt'),
  fc.constantFrom('not a number', '-5', '99999999999999999999', 'a&b<c>"d\'\te\r\nf'),
  fc.string({ maxLength: 12 }),
  fc.constant(undefined),
);

const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('text' as const), at: fc.nat(), text: texts }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('removeGroup' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('addGroup' as const), at: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('moveGroup' as const), at: fc.nat(), to: fc.nat() }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'unknownGroup' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicateGroup' as const), at: fc.nat() }) },
  { weight: 5, arbitrary: fc.constant({ kind: 'undo' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'fileCopy' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'formatting' as const }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('key' as const),
      at: fc.nat(),
      key: fc.constantFrom('user0', 'user1', 'admin', 'Contoso-Setup', 'a/b', ''),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'reveal' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'certificate' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('packageId' as const),
      id: fc.constantFrom(
        '{0f9c3d8e-8a55-4d63-9a54-2f0c7e1b6a11}',
        '{11111111-2222-3333-4444-555555555555}',
        'nope',
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('inPlace' as const),
      at: fc.nat(),
      text: fc.string({ maxLength: 6 }),
    }),
  },
);

interface State {
  doc: CustomizationsDocument;
  /** Earlier documents, for `undo` (which hands the preview an object it saw before). */
  history: CustomizationsDocument[];
  options: { revealSecrets: boolean; certificateDer: Record<string, string> };
}

/** Applies an edit as the app does: to a copy (except `inPlace`, which changes what the preview was given). */
function apply(state: State, change: Edit): State {
  if (change.kind === 'undo') {
    const history = state.history.slice(0, -1);
    return { ...state, doc: state.history.at(-1) ?? state.doc, history };
  }
  if (change.kind === 'reveal')
    return { ...state, options: { ...state.options, revealSecrets: !state.options.revealSecrets } };
  if (change.kind === 'certificate') {
    const certificateDer: Record<string, string> =
      CERTIFICATE_PATH in state.options.certificateDer ? {} : { [CERTIFICATE_PATH]: CERTIFICATE_DER };
    return { ...state, options: { ...state.options, certificateDer } };
  }
  const doc = change.kind === 'inPlace' ? state.doc : structuredClone(state.doc);
  const all = leaves(doc.common);
  const groups = doc.common;
  switch (change.kind) {
    case 'text':
    case 'inPlace': {
      const leaf = all[change.at % Math.max(all.length, 1)];
      if (leaf && change.text === undefined) delete leaf.text;
      else if (leaf) leaf.text = change.text;
      break;
    }
    case 'remove': {
      const leaf = all[change.at % Math.max(all.length, 1)];
      if (leaf) removeNode(doc.common, leaf);
      break;
    }
    case 'removeGroup':
      if (groups.length > 0) groups.splice(change.at % groups.length, 1);
      break;
    case 'addGroup': {
      const group = POOL.common[change.at % POOL.common.length]!;
      if (!groups.some((node) => node.name === group.name)) groups.push(structuredClone(group));
      break;
    }
    case 'moveGroup':
      if (groups.length > 1)
        groups.splice(change.to % groups.length, 0, ...groups.splice(change.at % groups.length, 1));
      break;
    case 'unknownGroup':
      groups.splice(0, 0, { name: 'NotAStoreGroup', attributes: [], children: [], text: 'x' });
      break;
    case 'duplicateGroup':
      if (groups.length > 0) groups.push(structuredClone(groups[change.at % groups.length]!));
      break;
    case 'packageId':
      doc.packageConfig.id = change.id;
      break;
    case 'key': {
      // Renames a map item (a user, a Wi-Fi network): its settings keep their values under a new path.
      const keyed = withAttributes(doc.common);
      const node = keyed[change.at % Math.max(keyed.length, 1)];
      if (node) node.attributes[0]![1] = change.key;
      break;
    }
    case 'formatting':
      // A file read in another form: no BOM, LF line ends (or back to WCD's form).
      if (doc.formatting) delete doc.formatting;
      else doc.formatting = { ...WCD_FORMATTING, byteOrderMark: false, newline: '\n', trailingNewline: true };
      break;
    case 'fileCopy':
      // Adds or removes a file copy compiled before those of ProvisioningCommands (their index shifts).
      if (hasSetting(doc, DESKTOP_IMAGE)) removeSetting(doc, DESKTOP_IMAGE);
      else setSetting(doc, DESKTOP_IMAGE, 'C:\\Prov\\wall.jpg');
      break;
  }
  return {
    ...state,
    doc,
    history: change.kind === 'inPlace' ? state.history : [...state.history, state.doc],
  };
}

function withAttributes(nodes: SettingNode[], out: SettingNode[] = []): SettingNode[] {
  for (const node of nodes) {
    if (node.attributes.length > 0) out.push(node);
    withAttributes(node.children, out);
  }
  return out;
}

function removeNode(nodes: SettingNode[], target: SettingNode): boolean {
  const index = nodes.indexOf(target);
  if (index >= 0) {
    nodes.splice(index, 1);
    return true;
  }
  return nodes.some((node) => removeNode(node.children, target));
}

/** What is compared: every file's bytes, the XML text, the error and the placeholder list. */
function comparable(preview: PackagePreview) {
  return {
    xml: preview.xml,
    compileError: preview.compileError,
    placeholderAssets: preview.placeholderAssets,
    files: encodePackageFiles(preview.files).map((file) => [
      file.path,
      Buffer.from(file.bytes).toString('hex'),
    ]),
  };
}

describe('incremental preview', () => {
  it('equals a full recompile after every edit of random edit sequences', () => {
    const seen = { compiled: 0, failed: 0, withFiles: 0 };
    fc.assert(
      fc.property(
        fc.array(fc.nat(60), { minLength: 0, maxLength: 14 }),
        fc.boolean(),
        fc.boolean(),
        fc.array(edit, { minLength: 1, maxLength: 25 }),
        (groupIndexes, withExample, revealSecrets, edits) => {
          let state: State = {
            doc: project(groupIndexes, withExample),
            history: [],
            options: {
              revealSecrets,
              certificateDer: { [CERTIFICATE_PATH]: CERTIFICATE_DER },
            },
          };
          const preview = new IncrementalPackagePreview();
          const check = () => {
            const options: PreviewOptions = state.options;
            const incremental = comparable(preview.update(state.doc, options));
            expect(incremental).toEqual(comparable(buildPackagePreview(state.doc, options)));
            if (incremental.compileError) seen.failed++;
            else seen.compiled++;
            if (incremental.files.length > 8) seen.withFiles++;
          };
          check();
          for (const change of edits) {
            state = apply(state, change);
            check();
          }
        },
      ),
      { numRuns: 60 },
    );
    // The sequences reach both outcomes, and packages with many provxml files.
    expect(seen.compiled).toBeGreaterThan(150);
    expect(seen.failed).toBeGreaterThan(100);
    expect(seen.withFiles).toBeGreaterThan(50);
  });

  it('compiles a project that compiles, and shows the first problem of one that does not', () => {
    const preview = new IncrementalPackagePreview();
    const options: PreviewOptions = {
      revealSecrets: true,
      certificateDer: { [CERTIFICATE_PATH]: CERTIFICATE_DER },
    };
    const doc = createBulkEnrollmentExample();
    const first = preview.update(doc, options);
    expect(first.compileError).toBeNull();
    expect(first.files.map((file) => file.path)).toContain('Multivariant/0/Prov/RunTime.xml');
    const broken = structuredClone(doc);
    leaves(broken.common).find((leaf) => leaf.name === 'ReturnCodeSuccess')!.text = 'soon';
    expect(preview.update(broken, options).compileError).toEqual(
      buildPackagePreview(broken, options).compileError,
    );
    expect(preview.update(broken, options).compileError?.detail).toBe('expected an integer');
  });
});
