import { fromBase64, toBase64 } from './bytes';
import { escapeAttribute } from '../xml/xml-escape';

/**
 * The values of the two UniversalAppInstall settings whose store `Serialization` turns the user's input into
 * the data an EnterpriseModernAppManagement Exec takes (docs/format/compile-rules.md §2.7, §2.7a):
 *
 * - kind 7, an app license file (`…AppLicense/LicenseInstall[LicenseProductId]`): the CSP's AddLicense node
 *   takes `<License Content="…" />` with the license file Base64-encoded [DERIVED from the store target, Action
 *   Exec, the spec's "1–7 are inline" rule and the CSP's documented data; the exact element text — attribute
 *   quoting, the space before `/>` as .NET's XmlWriter writes an empty element — is INFERRED].
 * - kind 9, a Store product ID (`…StoreInstall/Application/ProductID`): the CSP's StoreInstall node takes
 *   `<Application id="…" flags="…" skuid="…" />`, from the ProductID and its Application item's Flags and SkuID,
 *   which have no Apply target of their own [DERIVED from the store and the CSP's documented data; the exact
 *   text INFERRED likewise].
 *
 * No real package with either setting has been seen.
 */

/** Kind 7: the AddLicense data for a license file. */
export function licenseContentValue(license: Uint8Array): string {
  return `<License Content="${toBase64(license)}" />`;
}

/** Kind 9: the StoreInstall data. Attribute values are escaped as XmlWriter escapes them. */
export function storeInstallApplicationValue(productId: string, flags: string, skuId: string): string {
  return `<Application id="${escapeAttribute(productId)}" flags="${escapeAttribute(flags)}" skuid="${escapeAttribute(skuId)}" />`;
}

const LICENSE_CONTENT = /^<License Content="([A-Za-z0-9+/=]*)" \/>$/;

/**
 * The file bytes an inline asset's compiled value carries (for comparing a package with its project): the
 * XML itself for WLAN profiles and AssetXml, the Base64 inside a license element, Base64 otherwise.
 * Undefined when the value is not in the form the serialization writes.
 */
export function inlineAssetBytes(
  serialization: string | undefined,
  value: string,
  encodeText: (text: string) => Uint8Array,
): Uint8Array | undefined {
  if (serialization === 'asset-xml' || serialization === 'wlan-xml') return encodeText(value);
  if (serialization === 'license-content') {
    const match = LICENSE_CONTENT.exec(value);
    return match ? fromBase64(match[1]!) : undefined;
  }
  return fromBase64(value);
}
