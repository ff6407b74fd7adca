import type { CustomizationsDocument } from '../../model/customizations-document';
import { OWNER_ALTITUDE_BASE } from '../../model/owner-type';
import { APP_VERSION } from '../../version';
import type { ImageProperty } from '../../wim/xml-data';

/**
 * The WIM `<IMAGE>` properties WCD writes for a package (docs/format/icd-package-properties.md §0–§3, §6).
 * Every value is read from ICD's own code [IL] and checked against the five fixtures [OBS].
 */

export interface PackageNotesInput {
  /** Comma-joined Sku names in project order, e.g. `WindowsCommon,Desktop` [IL]. */
  targetSkus: string;
  /** Braced or bare GUID; written lower-case "D" format. */
  packageId: string;
  /** A wizard project still in the simple editor: `Source=Template;;ScenarioId=<guid>;` [IL][OBS odmad]. */
  scenarioId?: string;
  /** The builder's version; default APP_VERSION (WCD writes its exe ProductVersion here) [IL]. */
  version?: string;
  /** `EncryptPackage=True` (§4.4); default false. */
  encrypted?: boolean;
  /** `SignPackage=True`: a certificate signs the .cat (§4.3); default false. */
  signed?: boolean;
}

/** A GUID in .NET "D" format: lower-case, no braces. */
export function bareGuid(id: string): string {
  return id.replace(/^\{|\}$/g, '').toLowerCase();
}

/** NOTES exactly as ICD's PackageNotes getter builds it for a UI build (§2); the `;;` is WCD's own. */
export function formatPackageNotes(input: PackageNotesInput): string {
  const source = input.scenarioId
    ? `Source=Template;;ScenarioId=${bareGuid(input.scenarioId)};`
    : 'Source=Classic;;';
  return (
    `VERSION=${input.version ?? APP_VERSION};${source}TargetSkus=${input.targetSkus};` +
    `EncryptPackage=${input.encrypted ? 'True' : 'False'};SignPackage=${input.signed ? 'True' : 'False'};` +
    `PackageID=${bareGuid(input.packageId)};`
  );
}

/** NAME … PACKAGEID in WCD's element order (§3, [NAT]+[OBS]); the WIM writer appends DIRCOUNT … WIMBOOT. */
export function packageImageProperties(
  doc: CustomizationsDocument,
  notes: PackageNotesInput,
): ImageProperty[] {
  const config = doc.packageConfig;
  return [
    ['NAME', config.name],
    ['DESCRIPTION', config.description ?? ''],
    ['NOTES', formatPackageNotes(notes)],
    ['AUTHOR', ''],
    ['VERSION', config.version],
    ['ALTITUDE', String(OWNER_ALTITUDE_BASE[config.ownerType] + config.rank)],
    ['RESETCLEAR', '0'],
    ['PACKAGEID', `{${bareGuid(config.id)}}`],
  ];
}
