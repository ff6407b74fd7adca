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
import { WIZARD_PACKAGE_SHAPE } from './wizard-package-shape';

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
 * Diffs package `a` with `b` for the app, in the task worker (with the user's settings store when one is chosen).
 * A document compiles in the shape every app build has (WIZARD_PACKAGE_SHAPE), so an unchanged project compares
 * equal with its last build.
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
          ...WIZARD_PACKAGE_SHAPE,
          label: b.doc.packageConfig.name || 'project',
          secretDigest,
        });
  return diffLabelledSides(left, right);
}
