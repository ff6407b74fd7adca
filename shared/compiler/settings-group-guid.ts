import { encodeUtf8, toHex } from './bytes';
import { sha1 } from './sha1';

/** RFC 4122 DNS namespace 6ba7b810-9dad-11d1-80b4-00c04fd430c8, in network byte order. */
const NAMESPACE_DNS = Uint8Array.from([
  0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8,
]);

/** Standard RFC 4122 version-5 UUID (SHA-1, name-based), lower-case "D" format. */
export function uuidV5(namespace: Uint8Array, name: string): string {
  const nameBytes = encodeUtf8(name);
  const input = new Uint8Array(namespace.length + nameBytes.length);
  input.set(namespace);
  input.set(nameBytes, namespace.length);
  const hash = sha1(input).slice(0, 16);
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = toHex(hash);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The SettingsGroup GUID of a group (docs/format/compile-rules.md §1.1, DERIVED from ICDProvisioning
 * `SettingProvInfo.AtomicGuid`, checked against 2,416 stored pairs): uuid5(DNS, manifest path with every `/`
 * turned into `_`). The manifest path uses store node names (`/Accounts/Users/User`), never instance keys.
 */
export function settingsGroupGuid(groupManifestPath: string): string {
  const withSlash = groupManifestPath.startsWith('/') ? groupManifestPath : `/${groupManifestPath}`;
  return uuidV5(NAMESPACE_DNS, withSlash.replaceAll('/', '_'));
}
