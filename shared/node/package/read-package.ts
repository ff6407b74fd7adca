import type { CustomizationsDocument } from '../../model/customizations-document';
import { SECRET_MASK } from '../../model/settings-edit';
import { type MultivariantElement, readMultivariantIndex } from '../../compiler/multivariant';
import { declaredSettings } from '../../model/declared-settings';
import { parseCustomizationsXml } from '../../xml/customizations';
import { openWimFile } from '../wim/wim-file-reader';
import { ownerOfAltitude } from '../../model/owner-type';
import { DEFAULT_MAX_XML_BYTES, type PackageVerification, verifyPackage } from './verify-package';
const CUSTOMIZATIONS_PATH = 'Multivariant/0/customizations.xml';

export interface PackageSetting {
  /** Instance path, keys in brackets: `Workplace/Enrollments/UPN[user@contoso.com]/Secret`. */
  path: string;
  value: string;
  secret: boolean;
}

export interface PackageSummary {
  name: string;
  version: string;
  ownerType: string | null;
  rank: number | null;
  altitude: number | null;
  packageId: string;
  targetSkus: string | null;
  /** The image NOTES as stored (builder version, Source, TargetSkus, PackageID). */
  notes: string;
  /** What the embedded customizations.xml declares (shown by WCD; not what Windows applies). */
  settings: PackageSetting[];
  files: Array<{ path: string; size: number; sha1: string | null }>;
  /**
   * The Variant elements of Multivariant.xml (element 0, the unconditional settings, left out): each one's
   * folder index and the Targets it names. Empty for WCD's packages, which have only element 0.
   */
  variants: MultivariantElement[];
  /** What Windows applies, and every difference from the declared settings (verify-package.ts). */
  verification: PackageVerification;
}

/** The declared settings, secrets masked unless asked for (an empty secret stays empty: nothing to hide). */
function listSettings(doc: CustomizationsDocument, showSecrets: boolean): PackageSetting[] {
  return declaredSettings(doc).map(({ path, value, secret }) => ({
    path,
    value: secret && !showSecrets && value !== '' ? SECRET_MASK : value,
    secret,
  }));
}

/** Reads what `inspect` shows from a .ppkg: image properties, the embedded customizations.xml, the file list. */
export async function readPackageSummary(
  path: string,
  options: { showSecrets?: boolean; maxXmlBytes?: number } = {},
): Promise<PackageSummary> {
  const wim = await openWimFile(path);
  try {
    const properties = new Map(wim.xml.images[0]?.properties ?? []);
    // Verification first: it refuses oversize XML before anything is parsed and checks every SHA-1.
    const verification = await verifyPackage(wim, {
      showSecrets: options.showSecrets ?? false,
      maxXmlBytes: options.maxXmlBytes ?? DEFAULT_MAX_XML_BYTES,
    });
    const entry = wim.find(CUSTOMIZATIONS_PATH);
    let doc: CustomizationsDocument | undefined;
    try {
      doc = entry ? parseCustomizationsXml(await wim.readFile(entry)) : undefined;
    } catch {
      // Already reported as a difference by verifyPackage.
      doc = undefined;
    }
    const indexEntry = wim.find('Multivariant/Multivariant.xml');
    let variants: MultivariantElement[] = [];
    try {
      if (indexEntry)
        variants = readMultivariantIndex(await wim.readFile(indexEntry)).filter(
          (element) => element.index !== 0,
        );
    } catch {
      // An unreadable index shows up in the verification (its Prov folders fail to recompile).
      variants = [];
    }
    const altitudeText = properties.get('ALTITUDE');
    const altitude = altitudeText !== undefined && /^\d+$/.test(altitudeText) ? Number(altitudeText) : null;
    const fromAltitude = altitude === null ? undefined : ownerOfAltitude(altitude);
    const notes = properties.get('NOTES') ?? '';
    return {
      name: properties.get('NAME') ?? doc?.packageConfig.name ?? '',
      version: properties.get('VERSION') ?? doc?.packageConfig.version ?? '',
      // The embedded customizations.xml is the source WCD itself reads back; ALTITUDE is the fallback.
      ownerType: doc?.packageConfig.ownerType ?? fromAltitude?.ownerType ?? null,
      rank: doc?.packageConfig.rank ?? fromAltitude?.rank ?? null,
      altitude,
      packageId: properties.get('PACKAGEID') ?? doc?.packageConfig.id ?? '',
      targetSkus: /(?:^|;)TargetSkus=([^;]*);/.exec(notes)?.[1] ?? null,
      notes,
      settings: doc ? listSettings(doc, options.showSecrets ?? false) : [],
      files: wim.entries
        .filter((item) => !item.isDirectory)
        .map((item) => ({ path: item.path.replace(/^\//, ''), size: item.size, sha1: item.sha1 })),
      variants,
      verification,
    };
  } finally {
    await wim.close();
  }
}
