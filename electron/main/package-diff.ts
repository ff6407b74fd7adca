import { basename } from 'node:path';
import type { PackageDiff } from '../../shared/diff/package-diff';
import type { DiffSide, SecretDigest } from '../../shared/diff/side';
import type { CustomizationsDocument } from '../../shared/model/customizations-document';
import {
  createSecretDigest,
  describeDocumentSide,
  diffLabelledSides,
  loadPackageSide,
} from '../../shared/node/diff/load-side';
import { withPlainPackage } from '../../shared/node/package-security/encryption';
import { serializeCustomizationsXml } from '../../shared/xml/customizations';
import { DESKTOP_WIZARD_SCENARIO_ID } from '../../shared/xml/icdproj';

/** A package the app compares: a path read in this session, with the password of an encrypted one. */
export interface PackageToDiff {
  path: string;
  password?: string;
}

/** What the app compares a package with: another package, or the document as the wizard would build it. */
export type DiffTarget =
  | ({ kind: 'package' } & PackageToDiff)
  | { kind: 'document'; doc: CustomizationsDocument; assets: ReadonlyMap<string, Uint8Array> };

function loadPackage(target: PackageToDiff, secretDigest: SecretDigest): Promise<DiffSide> {
  // An encrypted package is read from a private decrypted copy that is removed afterwards.
  return withPlainPackage(target.path, target.password, (plain) =>
    loadPackageSide(plain, { secretDigest, label: basename(target.path) }),
  );
}

/**
 * Diffs package `a` with `b` for the app (in the task worker, or in main when a user-chosen settings store is
 * active). A document compiles exactly as buildWizardPackageFromAssets builds it (store style, WindowsCommon +
 * Desktop, the wizard's ScenarioId), so an unchanged project compares equal with its last build.
 */
export async function diffForApp(a: PackageToDiff, b: DiffTarget): Promise<PackageDiff> {
  const secretDigest = createSecretDigest();
  const left = await loadPackage(a, secretDigest);
  const right =
    b.kind === 'package'
      ? await loadPackage(b, secretDigest)
      : describeDocumentSide({
          doc: b.doc,
          customizationsXml: serializeCustomizationsXml(b.doc),
          assets: b.assets,
          style: 'store',
          targetSkus: 'WindowsCommon,Desktop',
          scenarioId: DESKTOP_WIZARD_SCENARIO_ID,
          label: b.doc.packageConfig.name || 'project',
          secretDigest,
        });
  return diffLabelledSides(left, right);
}
